using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.State;

/// <summary>One open position with its mark-to-market.</summary>
public sealed record PositionSnapshot(PositionModel Position, decimal? LastPrice, decimal? UnrealizedPnl)
{
    public string ContractId => Position.ContractId;
    /// <summary>Signed size: positive long, negative short.</summary>
    public int NetSize => Position.Type == PositionType.Short ? -Position.Size : Position.Size;
}

/// <summary>
/// The account's PnL. <see cref="RealizedToday"/>, <see cref="Fees"/> and <see cref="Commissions"/> sum the
/// account's non-voided fills since the start of the trading day; <see cref="Unrealized"/> marks the open positions
/// to the last price (null while a position has no price or no tick size).
/// </summary>
public sealed record PortfolioPnl(decimal RealizedToday, decimal? Unrealized, decimal Fees, decimal Commissions, decimal? Balance, int OpenPositions, int TradesToday)
{
    /// <summary>Realized + unrealized − fees − commissions (unrealized counted as 0 when unknown).</summary>
    public decimal Net => RealizedToday + (Unrealized ?? 0) - Fees - Commissions;
}

/// <summary>
/// The open positions of one account (a GatewayUserPosition with size 0 closes one), unrealized PnL from live prices:
/// (last − average) / tickSize × tickValue × size, negated for a short; and the day's realized PnL, fees and
/// commissions from the account's fills (deduplicated by trade id, so a re-sync never counts a fill twice).
/// The trading day starts at <see cref="TradingDayStart"/> (UTC time of day; default midnight). Thread-safe.
/// </summary>
public sealed class PositionTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PositionModel> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal TickSize, decimal TickValue)> _contracts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HalfTradeModel> _tradesToday = [];
    private readonly TimeProvider _time;
    private DateTimeOffset _dayStart;
    private decimal? _balance;

    public PositionTracker(int accountId, TimeProvider? timeProvider = null, TimeSpan? tradingDayStart = null)
    {
        AccountId = accountId;
        _time = timeProvider ?? TimeProvider.System;
        TradingDayStart = tradingDayStart ?? TimeSpan.Zero;
        if (TradingDayStart < TimeSpan.Zero || TradingDayStart >= TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(tradingDayStart), "A time of day (UTC) in [0, 24 h).");
        _dayStart = CurrentDayStart();
    }

    public int AccountId { get; }
    public TimeSpan TradingDayStart { get; }

    /// <summary>Raised (outside the lock) after a position opened, changed or closed (size 0).</summary>
    public event EventHandler<PositionModel>? PositionChanged;

    /// <summary>The account's balance from the last GatewayUserAccount, if any.</summary>
    public decimal? Balance { get { lock (_gate) return _balance; } }

    /// <summary>Registers the tick size and value used to value positions in <paramref name="contract"/>.</summary>
    public void AddContract(ContractModel contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        lock (_gate)
            _contracts[contract.Id] = (contract.TickSize, contract.TickValue);
    }

    /// <summary>The price positions in <paramref name="contractId"/> are marked to.</summary>
    public void UpdatePrice(string contractId, decimal lastPrice)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        lock (_gate)
            _prices[contractId] = lastPrice;
    }

    /// <summary>Marks positions to the quote's last price (a quote without one changes nothing).</summary>
    public void OnQuote(in Quote quote)
    {
        if (quote.LastPrice is { } last)
            UpdatePrice(quote.ContractId, last);
    }

    public bool Apply(PositionUpdatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Position);
    }

    public bool Apply(PositionModel position)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (position.AccountId != AccountId)
            return false;
        lock (_gate)
        {
            if (position.Size <= 0)
                _positions.Remove(position.ContractId);
            else
                _positions[position.ContractId] = position;
        }
        PositionChanged?.Invoke(this, position);
        return true;
    }

    /// <summary>Replaces every position with a REST snapshot (Position/searchOpen); those missing from it are closed.</summary>
    public void Seed(IEnumerable<PositionModel> openPositions)
    {
        ArgumentNullException.ThrowIfNull(openPositions);
        var fresh = openPositions.Where(p => p.AccountId == AccountId && p.Size > 0).ToList();
        List<PositionModel> closed;
        lock (_gate)
        {
            closed = [.. _positions.Values.Where(p => fresh.All(f => f.ContractId != p.ContractId))];
            _positions.Clear();
            foreach (var p in fresh)
                _positions[p.ContractId] = p;
        }
        foreach (var p in closed)
            PositionChanged?.Invoke(this, Closed(p));
        foreach (var p in fresh)
            PositionChanged?.Invoke(this, p);
    }

    public bool Apply(TradeExecutedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Trade);
    }

    /// <summary>Counts one fill (ignored when voided-and-unknown, for another account, before today, or already counted).</summary>
    public bool Apply(HalfTradeModel trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.AccountId != AccountId)
            return false;
        lock (_gate)
        {
            RollDay();
            if (trade.CreationTimestamp < _dayStart)
                return false;
            if (trade.Voided)
                return _tradesToday.Remove(trade.Id); // a fill voided later no longer counts
            _tradesToday[trade.Id] = trade;
            return true;
        }
    }

    /// <summary>Seeds the day's fills from REST (Trade/search).</summary>
    public void SeedTrades(IEnumerable<HalfTradeModel> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        foreach (var t in trades)
            Apply(t);
    }

    public bool Apply(AccountUpdatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Account);
    }

    public bool Apply(TradingAccountModel account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Id != AccountId)
            return false;
        lock (_gate)
            _balance = account.Balance;
        return true;
    }

    /// <summary>The start of the current trading day (UTC).</summary>
    public DateTimeOffset DayStart { get { lock (_gate) { RollDay(); return _dayStart; } } }

    public PositionModel? this[string contractId] { get { lock (_gate) return _positions.GetValueOrDefault(contractId); } }

    public int Count { get { lock (_gate) return _positions.Count; } }

    /// <summary>Open positions with their unrealized PnL.</summary>
    public IReadOnlyList<PositionSnapshot> Snapshot()
    {
        lock (_gate)
            return [.. _positions.Values.OrderBy(p => p.ContractId, StringComparer.Ordinal).Select(SnapshotOf)];
    }

    /// <summary>Unrealized PnL of the position in <paramref name="contractId"/>: 0 when flat, null when it cannot be valued.</summary>
    public decimal? UnrealizedPnl(string contractId)
    {
        lock (_gate)
            return _positions.TryGetValue(contractId, out var p) ? SnapshotOf(p).UnrealizedPnl : 0m;
    }

    public PortfolioPnl GetPortfolioPnl()
    {
        lock (_gate)
        {
            RollDay();
            decimal realized = 0, fees = 0, commissions = 0;
            foreach (var t in _tradesToday.Values)
            {
                realized += t.ProfitAndLoss ?? 0;
                fees += t.Fees;
                commissions += t.Commissions ?? 0;
            }
            decimal? unrealized = 0m;
            foreach (var p in _positions.Values)
                unrealized = SnapshotOf(p).UnrealizedPnl is { } u && unrealized is { } sum ? sum + u : null;
            return new PortfolioPnl(realized, unrealized, fees, commissions, _balance, _positions.Count, _tradesToday.Count);
        }
    }

    /// <summary>(last − avg) / tickSize × tickValue × size, negated for a short.</summary>
    public static decimal ComputeUnrealizedPnl(PositionType type, int size, decimal averagePrice, decimal lastPrice, decimal tickSize, decimal tickValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickSize, 0);
        var pnl = (lastPrice - averagePrice) / tickSize * tickValue * size;
        return type == PositionType.Short ? -pnl : pnl;
    }

    public override string ToString() => $"PositionTracker account {AccountId}: {Count} open";

    private PositionSnapshot SnapshotOf(PositionModel p)
    {
        decimal? last = _prices.TryGetValue(p.ContractId, out var l) ? l : null;
        decimal? pnl = last is { } price && _contracts.TryGetValue(p.ContractId, out var c) && c.TickSize > 0
            ? ComputeUnrealizedPnl(p.Type, p.Size, p.AveragePrice, price, c.TickSize, c.TickValue)
            : null;
        return new PositionSnapshot(p, last, pnl);
    }

    private void RollDay()
    {
        var start = CurrentDayStart();
        if (start <= _dayStart)
            return;
        _dayStart = start;
        foreach (var id in _tradesToday.Where(kv => kv.Value.CreationTimestamp < start).Select(kv => kv.Key).ToList())
            _tradesToday.Remove(id);
    }

    private DateTimeOffset CurrentDayStart()
    {
        var now = _time.GetUtcNow();
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + TradingDayStart;
        return start > now ? start.AddDays(-1) : start;
    }

    private static PositionModel Closed(PositionModel p) => new()
    {
        Id = p.Id, AccountId = p.AccountId, ContractId = p.ContractId, ContractDisplayName = p.ContractDisplayName,
        CreationTimestamp = p.CreationTimestamp, Type = p.Type, Size = 0, AveragePrice = p.AveragePrice,
    };
}
