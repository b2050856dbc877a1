using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;
using ProjectX.Simulation.Market;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>
/// Issue 12, defect 7 at its cause: netting used unchecked int arithmetic. The limits keep placements far from
/// overflow; the ledger must still refuse a fill it cannot book, and leave no trace.
/// </summary>
public class LedgerArithmeticTests
{
    private static readonly ContractSpec Spec = new(ScriptedMarket.Mnq, "MNQ", "MNQZ6", "F.US.MNQ", 0.25m, 0.5m, 0.37m, DateTimeOffset.MaxValue);

    [Fact]
    public void A_fill_that_would_overflow_the_position_throws_before_anything_changes()
    {
        var (ledger, account, orders) = NewLedger();
        var first = orders.Create(account, Spec, OrderType.Market, OrderSide.Bid, 1_500_000_000, ExchangeHarness.Start, null, null);
        ledger.Commit(ledger.Prepare(first, 20000m, ExchangeHarness.Start));
        var balance = account.Balance;

        var second = orders.Create(account, Spec, OrderType.Market, OrderSide.Bid, 1_500_000_000, ExchangeHarness.Start, null, null);

        Assert.Throws<OverflowException>(() => ledger.Prepare(second, 20000m, ExchangeHarness.Start));
        Assert.Equal(1_500_000_000, account.SignedSize(Spec.ContractId));
        Assert.Equal(balance, account.Balance);
        Assert.Single(account.Trades);
    }

    [Fact]
    public void A_short_of_int_MinValue_size_is_never_booked()
    {
        // Math.Abs(int.MinValue) threw in PositionState.ToModel on the feed timer's thread and killed the process.
        var (ledger, account, orders) = NewLedger();
        var sell = orders.Create(account, Spec, OrderType.Market, OrderSide.Ask, int.MaxValue, ExchangeHarness.Start, null, null);
        ledger.Commit(ledger.Prepare(sell, 20000m, ExchangeHarness.Start));
        var more = orders.Create(account, Spec, OrderType.Market, OrderSide.Ask, 1, ExchangeHarness.Start, null, null);

        Assert.Throws<OverflowException>(() => ledger.Prepare(more, 20000m, ExchangeHarness.Start));
        Assert.Equal(-int.MaxValue, account.SignedSize(Spec.ContractId));
    }

    private static (Ledger Ledger, AccountState Account, OrderStore Orders) NewLedger()
    {
        var options = new SimulatorOptions();
        var ledger = new Ledger(options, new ScriptedMarket(), new ChangeFeed(new object(), new SimulatorDiagnostics()));
        return (ledger, ledger.Get(ExchangeHarness.Account)!, new OrderStore(options.Limits));
    }
}
