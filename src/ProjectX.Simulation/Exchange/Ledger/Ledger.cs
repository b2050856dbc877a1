using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// Accounts, positions and trades: who owns which account, netting fills into positions with a weighted average
/// price, realized PnL, fees and balances. Every sum is checked and computed before anything changes, so a fill
/// that cannot be booked leaves no trace. Only touched under the exchange lock.
/// </summary>
internal sealed class Ledger
{
    private readonly Dictionary<int, AccountState> _accounts = [];
    private readonly IContractCatalog _catalog;
    private readonly ChangeFeed _changes;
    private readonly int _tradeHistory;
    private long _nextTradeId;
    private long _nextPositionId = SimulatedExchange.FirstPositionId;

    public Ledger(SimulatorOptions options, IContractCatalog catalog, ChangeFeed changes, long firstTradeId = SimulatedExchange.FirstTradeId)
    {
        _nextTradeId = firstTradeId;
        _catalog = catalog;
        _changes = changes;
        _tradeHistory = Math.Max(1, options.Limits.TradeHistoryPerAccount);
        foreach (var user in options.Users)
        {
            foreach (var account in user.Accounts)
            {
                account.FirmRules?.Validate(account);
                if (!_accounts.TryAdd(account.Id, new AccountState(user.UserName, account)))
                    throw new ArgumentException($"Account id {account.Id} is configured twice.", nameof(options));
            }
        }
    }

    public IEnumerable<AccountState> Accounts => _accounts.Values;

    public AccountState? Get(int accountId) => _accounts.GetValueOrDefault(accountId);

    /// <summary>The account if <paramref name="userName"/> owns it; users never see each other's accounts.</summary>
    public AccountState? Find(string userName, int accountId) =>
        _accounts.TryGetValue(accountId, out var account) && account.IsOwnedBy(userName) ? account : null;

    /// <summary>
    /// Computes what a fill does to its position, PnL and balance, with every sum checked, without changing anything:
    /// a fill that cannot be booked (an overflow) throws here and leaves no trace.
    /// </summary>
    public Booking Prepare(SimOrder order, decimal price, DateTimeOffset at, int? quantity = null)
    {
        var account = order.Account;
        var spec = order.Spec;
        // What is left of the order (all of it unless part filled before), or a part of it.
        long size = quantity ?? (order.Size - order.FillVolume);
        long signedQty = order.IsBuy ? size : -size;
        account.Positions.TryGetValue(spec.ContractId, out var position);
        long held = position?.SignedSize ?? 0;
        // The size on the wire is |signed size| as an int32, so int.MinValue (whose absolute value is no int) is out too.
        if (Math.Abs(held + signedQty) > int.MaxValue)
            throw new OverflowException($"Order {order.Id} would take the position past {int.MaxValue} contracts.");
        var remaining = (int)(held + signedQty);
        decimal? realized = null;
        var reopen = held == 0;
        var average = held == 0 ? price : position!.AveragePrice;
        if (held != 0 && Math.Sign(held) == Math.Sign(signedQty))
        {
            average = ((Math.Abs(held) * position!.AveragePrice) + (size * price)) / (Math.Abs(held) + size);
        }
        else if (held != 0)
        {
            var closed = Math.Min(size, Math.Abs(held));
            realized = decimal.Round((price - position!.AveragePrice) / spec.TickSize * spec.TickValue * closed * Math.Sign(held), 2, MidpointRounding.AwayFromZero);
            reopen = remaining != 0 && Math.Sign(remaining) != Math.Sign(held); // through zero: a new position at the fill price
            if (reopen) average = price;
        }
        var fees = spec.FeePerSide * size;
        var balance = account.Balance + (realized ?? 0m) - fees; // decimal arithmetic always throws on overflow
        return new Booking(order, price, at, remaining, average, reopen, realized, fees, balance) { Quantity = (int)size };
    }

    /// <summary>Applies a prepared fill: the position, its trade row and the balance. Cannot fail. Returns true when the position is now flat.</summary>
    public bool Commit(Booking booking)
    {
        var (order, price, at) = (booking.Order, booking.Price, booking.At);
        var account = order.Account;
        var spec = order.Spec;
        if (!account.Positions.TryGetValue(spec.ContractId, out var position))
        {
            position = new PositionState
            {
                Id = 0, // assigned below: a position opens with a fill
                AccountId = account.Id,
                ContractId = spec.ContractId,
                DisplayName = _catalog.FindById(spec.ContractId, at)?.Name,
                Created = at,
            };
            account.Positions.Add(spec.ContractId, position);
        }
        if (booking.Reopen)
        {
            position.Id = _nextPositionId++;
            position.Created = at;
        }
        position.SignedSize = booking.SignedSize;
        position.AveragePrice = booking.AveragePrice;
        var trade = new HalfTradeModel
        {
            Id = _nextTradeId++,
            AccountId = account.Id,
            ContractId = spec.ContractId,
            CreationTimestamp = at,
            Price = price,
            ProfitAndLoss = booking.Realized,
            Fees = booking.Fees,
            Commissions = null,
            Side = order.Side,
            Size = booking.Quantity,
            Voided = false,
            OrderId = order.Id,
        };
        AddTrade(account, trade);
        account.Balance = booking.Balance;
        _changes.Trade(account, trade);
        _changes.Position(account, position, booking.SignedSize == 0 ? ChangeKind.Removed : booking.Reopen ? ChangeKind.Added : ChangeKind.Updated);
        _changes.Account(account);
        return booking.SignedSize == 0;
    }

    private void AddTrade(AccountState account, HalfTradeModel trade)
    {
        account.Trades.Add(trade);
        // Past the limit, forget down to nine tenths of it at once, so trimming is rare.
        if (account.Trades.Count > _tradeHistory)
            account.Trades.RemoveRange(0, account.Trades.Count - (_tradeHistory - (_tradeHistory / 10)));
    }
}

/// <summary>A fill's effect on the ledger, computed by <see cref="Ledger.Prepare"/> and applied by <see cref="Ledger.Commit"/>.</summary>
internal sealed record Booking(SimOrder Order, decimal Price, DateTimeOffset At, int SignedSize, decimal AveragePrice, bool Reopen, decimal? Realized, decimal Fees, decimal Balance)
{
    /// <summary>The contracts this fill books (the order's size, or a part of it).</summary>
    public int Quantity { get; init; }
}
