using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;
using ProjectX.Simulation.Market;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>Issue 12, defects 4 and 5: one user's heavy read or failing fill must not hold up or fail another's.</summary>
public class IsolationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_fill_that_throws_rejects_that_order_only_and_every_other_order_still_fills_in_the_same_second()
    {
        var h = new ExchangeHarness();
        var ownerOfTheBadFill = h.PlaceOk(OrderType.Limit, OrderSide.Ask, limit: 20010m);
        // The second user's resting buy must fill in the same second.
        var other = h.Exchange.PlaceOrder(SimulatorOptions.SecondUserName, new PlaceOrderRequest
        {
            AccountId = ExchangeHarness.SecondUserAccount, ContractId = ExchangeHarness.Mnq, Type = OrderType.Limit, Side = OrderSide.Bid, Size = 1, LimitPrice = 19990m,
        });
        Assert.True(other.Success);
        // A second that opens at decimal.MaxValue: the sell limit fills there, and its PnL cannot be computed.
        h.PlaceOk(OrderType.Market, OrderSide.Bid); // so the sell closes a position (realized PnL)
        var at = h.Time.GetUtcNow().AddSeconds(1);
        h.Market.AddSecond(at, decimal.MaxValue, decimal.MaxValue, 19000m, 20000m);
        h.Time.SetUtcNow(at.AddMilliseconds(500));

        // Another user's request runs the matching; before the fix it failed with the first user's exception.
        var place = h.Exchange.PlaceOrder(SimulatorOptions.SecondUserName, new PlaceOrderRequest
        {
            AccountId = ExchangeHarness.SecondUserAccount, ContractId = ExchangeHarness.Mnq, Type = OrderType.Limit, Side = OrderSide.Bid, Size = 1, LimitPrice = 19000m,
        });

        Assert.True(place.Success);
        Assert.Equal(OrderStatus.Filled, h.Order(other.OrderId!.Value).Status);
        Assert.Equal(OrderStatus.Rejected, h.Order(ownerOfTheBadFill).Status);
        Assert.Equal(1, h.Exchange.Diagnostics.OrderFaults);
        Assert.Equal(1, h.Position()!.Size); // the bad fill left no trace
    }

    [Fact]
    public async Task Another_users_order_does_not_wait_for_a_bars_request()
    {
        var scripted = new ScriptedMarket();
        using var bars = new BlockingBars(scripted);
        var time = new FakeTimeProvider(ExchangeHarness.Start);
        var exchange = new SimulatedExchange(scripted, bars, new SimulatorOptions(), time);
        var heavy = Task.Run(() => exchange.RetrieveBars(new RetrieveBarRequest { ContractId = ExchangeHarness.Mnq, Unit = AggregateBarUnit.Second, UnitNumber = 1, Limit = 1 }));
        try
        {
            Assert.True(bars.Entered.Wait(Patience), "The bars request never started.");

            // Before the fix the bars ran inside the exchange lock, so this waited until they were released.
            var order = Task.Run(() => exchange.PlaceOrder(SimulatorOptions.SecondUserName, new PlaceOrderRequest
            {
                AccountId = ExchangeHarness.SecondUserAccount, ContractId = ExchangeHarness.Mnq, Type = OrderType.Market, Side = OrderSide.Bid, Size = 1,
            }));
            var placed = await order.WaitAsync(Patience);

            Assert.True(placed.Success);
            Assert.False(heavy.IsCompleted);
        }
        finally
        {
            bars.Release.Set();
            await heavy.WaitAsync(Patience);
        }
    }

    /// <summary>A market whose bars block until released, standing in for an expensive aggregation.</summary>
    private sealed class BlockingBars(IMarketData inner) : IMarketData, IDisposable
    {
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Release { get; } = new();

        public MarketSnapshot GetSnapshot(string contractId, DateTimeOffset at) => inner.GetSnapshot(contractId, at);

        public IEnumerable<SecondBar> GetSeconds(string contractId, DateTimeOffset fromExclusive, DateTimeOffset toInclusive) =>
            inner.GetSeconds(contractId, fromExclusive, toInclusive);

        public RetrieveBarResponse RetrieveBars(RetrieveBarRequest request, DateTimeOffset now)
        {
            Entered.Set();
            Release.Wait();
            return inner.RetrieveBars(request, now);
        }

        public void Dispose()
        {
            Entered.Dispose();
            Release.Dispose();
        }
    }
}
