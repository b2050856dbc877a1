using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The last-known user state the REST re-sync diffs against: orders (working ones, plus a bounded tail of
/// finished ones), open positions, accounts, and the trade ids already seen. Every hub event updates it with
/// a sequence number; a re-sync skips any entry the hub updated after the REST snapshot was requested, so a
/// re-sync never publishes staler data than the hub already did.
/// </summary>
internal sealed class UserStateTracker
{
    private const int MaxFinishedOrders = 4096;
    private const int MaxSeenTradesPerAccount = 4096;

    private readonly object _gate = new();
    private readonly Dictionary<long, Entry<OrderModel>> _orders = [];
    private readonly Queue<long> _finishedOrders = new();
    private readonly Dictionary<(int AccountId, string ContractId), Entry<PositionModel>> _positions = [];
    private readonly Dictionary<int, Entry<TradingAccountModel>> _accounts = [];
    private readonly Dictionary<int, TradeCursor> _trades = [];
    private long _sequence;

    public long Sequence
    {
        get { lock (_gate) return _sequence; }
    }

    public void Observe(OrderModel order)
    {
        lock (_gate)
            SetOrder(order);
    }

    public void Observe(PositionModel position)
    {
        lock (_gate)
            SetPosition(position);
    }

    public void Observe(TradingAccountModel account)
    {
        lock (_gate)
            _accounts[account.Id] = new(account, ++_sequence);
    }

    public void Observe(HalfTradeModel trade)
    {
        lock (_gate)
            Cursor(trade.AccountId).Add(trade);
    }

    /// <summary>Working orders of the account we know of that are not in <paramref name="workingIds"/>: they changed in a gap.</summary>
    public IReadOnlyList<OrderModel> VanishedWorkingOrders(int accountId, IReadOnlySet<long> workingIds)
    {
        lock (_gate)
            return _orders.Values.Select(e => e.Model)
                .Where(o => o.AccountId == accountId && IsWorking(o.Status) && !workingIds.Contains(o.Id))
                .ToList();
    }

    /// <summary>Orders that are new or differ from what we know; records them.</summary>
    public IReadOnlyList<OrderModel> DiffOrders(IEnumerable<OrderModel> fresh, long snapshotSequence)
    {
        var changed = new List<OrderModel>();
        lock (_gate)
        {
            foreach (var order in fresh)
            {
                if (_orders.TryGetValue(order.Id, out var known) && (known.Sequence > snapshotSequence || SameOrder(known.Model, order)))
                    continue;
                SetOrder(order);
                changed.Add(order);
            }
        }
        return changed;
    }

    /// <summary>Positions that are new or differ, plus a size-0 copy of every known position the server no longer has.</summary>
    public IReadOnlyList<PositionModel> DiffPositions(int accountId, IReadOnlyList<PositionModel> fresh, long snapshotSequence)
    {
        var changed = new List<PositionModel>();
        lock (_gate)
        {
            var open = new HashSet<string>(StringComparer.Ordinal);
            foreach (var position in fresh.Where(p => p.AccountId == accountId))
            {
                open.Add(position.ContractId);
                var key = (accountId, position.ContractId);
                if (_positions.TryGetValue(key, out var known) && (known.Sequence > snapshotSequence || SamePosition(known.Model, position)))
                    continue;
                SetPosition(position);
                changed.Add(position);
            }
            var closed = _positions.Where(p => p.Key.AccountId == accountId && p.Value.Model.Size > 0 && !open.Contains(p.Key.ContractId) && p.Value.Sequence <= snapshotSequence)
                .Select(p => p.Value.Model).ToList();
            foreach (var position in closed)
            {
                var flat = Closed(position);
                SetPosition(flat);
                changed.Add(flat);
            }
        }
        return changed;
    }

    public IReadOnlyList<TradingAccountModel> DiffAccounts(IEnumerable<TradingAccountModel> fresh, long snapshotSequence)
    {
        var changed = new List<TradingAccountModel>();
        lock (_gate)
        {
            foreach (var account in fresh)
            {
                if (_accounts.TryGetValue(account.Id, out var known) && (known.Sequence > snapshotSequence || SameAccount(known.Model, account)))
                    continue;
                _accounts[account.Id] = new(account, ++_sequence);
                changed.Add(account);
            }
        }
        return changed;
    }

    /// <summary>Where a trade search for the account should start: the newest trade seen, else when tracking began.</summary>
    public DateTimeOffset TradesSince(int accountId, DateTimeOffset fallback)
    {
        lock (_gate)
            return _trades.TryGetValue(accountId, out var cursor) && cursor.Newest is { } newest ? newest : fallback;
    }

    /// <summary>Trades not seen before; records them. With <paramref name="seedOnly"/> it records without returning (baseline).</summary>
    public IReadOnlyList<HalfTradeModel> NewTrades(int accountId, IEnumerable<HalfTradeModel> fresh, bool seedOnly)
    {
        var added = new List<HalfTradeModel>();
        lock (_gate)
        {
            var cursor = Cursor(accountId);
            foreach (var trade in fresh.OrderBy(t => t.CreationTimestamp).ThenBy(t => t.Id))
            {
                if (cursor.Add(trade) && !seedOnly)
                    added.Add(trade);
            }
        }
        return added;
    }

    public static PositionModel Closed(PositionModel position) => new()
    {
        Id = position.Id,
        AccountId = position.AccountId,
        ContractId = position.ContractId,
        ContractDisplayName = position.ContractDisplayName,
        CreationTimestamp = position.CreationTimestamp,
        Type = position.Type,
        Size = 0,
        AveragePrice = position.AveragePrice,
    };

    public static bool IsWorking(OrderStatus status) =>
        status is OrderStatus.Open or OrderStatus.Suspended or OrderStatus.Pending or OrderStatus.PendingCancellation;

    private void SetOrder(OrderModel order)
    {
        var wasFinished = _orders.TryGetValue(order.Id, out var previous) && !IsWorking(previous.Model.Status);
        _orders[order.Id] = new(order, ++_sequence);
        if (IsWorking(order.Status) || wasFinished)
            return;
        _finishedOrders.Enqueue(order.Id);
        while (_finishedOrders.Count > MaxFinishedOrders)
        {
            var oldest = _finishedOrders.Dequeue();
            if (_orders.TryGetValue(oldest, out var entry) && !IsWorking(entry.Model.Status))
                _orders.Remove(oldest);
        }
    }

    /// <summary>Closed positions stay as size-0 tombstones (one per contract), so an older REST snapshot cannot reopen them.</summary>
    private void SetPosition(PositionModel position) =>
        _positions[(position.AccountId, position.ContractId)] = new(position, ++_sequence);

    private TradeCursor Cursor(int accountId)
    {
        if (!_trades.TryGetValue(accountId, out var cursor))
            _trades[accountId] = cursor = new TradeCursor();
        return cursor;
    }

    private static bool SameOrder(OrderModel a, OrderModel b) =>
        a.Status == b.Status && a.Size == b.Size && a.FillVolume == b.FillVolume && a.FilledPrice == b.FilledPrice
        && a.LimitPrice == b.LimitPrice && a.StopPrice == b.StopPrice && a.Type == b.Type && a.Side == b.Side;

    private static bool SamePosition(PositionModel a, PositionModel b) =>
        a.Size == b.Size && a.Type == b.Type && a.AveragePrice == b.AveragePrice;

    private static bool SameAccount(TradingAccountModel a, TradingAccountModel b) =>
        a.Balance == b.Balance && a.CanTrade == b.CanTrade && a.IsVisible == b.IsVisible && a.Name == b.Name && a.Simulated == b.Simulated;

    private readonly record struct Entry<T>(T Model, long Sequence);

    /// <summary>Trade ids already published for one account (bounded), and the newest trade time.</summary>
    private sealed class TradeCursor
    {
        private readonly HashSet<long> _seen = [];
        private readonly Queue<long> _order = new();

        public DateTimeOffset? Newest { get; private set; }

        public bool Add(HalfTradeModel trade)
        {
            if (Newest is null || trade.CreationTimestamp > Newest)
                Newest = trade.CreationTimestamp;
            if (!_seen.Add(trade.Id))
                return false;
            _order.Enqueue(trade.Id);
            while (_order.Count > MaxSeenTradesPerAccount)
                _seen.Remove(_order.Dequeue());
            return true;
        }
    }
}
