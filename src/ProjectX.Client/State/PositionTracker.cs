using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.Sessions;

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
/// "Today" is the trade date of <see cref="Calendar"/> (default <see cref="AccountTradingDay.Calendar"/>: it rolls at
/// 17:00 America/Chicago, not at midnight UTC, and the weekend belongs to Friday). Thread-safe.
/// </summary>
public sealed class PositionTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PositionModel> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal TickSize, decimal TickValue)> _contracts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HalfTradeModel> _tradesToday = [];
    private readonly Dictionary<string, long> _sequenceByContract = new(StringComparer.Ordinal);
    private long _accountSequence;
    private readonly TimeProvider _time;
    private DateTimeOffset _dayStart;
    private TradingAccountModel? _account;

    /// <exception cref="TradingCalendarNotCoveredException">The clock is outside the dates the holiday table covers.</exception>
    public PositionTracker(int accountId, TimeProvider? timeProvider = null, TradingCalendar? calendar = null)
    {
        AccountId = accountId;
        _time = timeProvider ?? TimeProvider.System;
        Calendar = calendar ?? AccountTradingDay.Calendar;
        _dayStart = CurrentDayStart();
    }

    public int AccountId { get; }

    /// <summary>The calendar whose trade date is "today" for the day's fills.</summary>
    public TradingCalendar Calendar { get; }

    /// <summary>Raised (outside the lock) after a position opened, changed or closed (size 0).</summary>
    public event EventHandler<PositionModel>? PositionChanged;

    /// <summary>Raised (outside the lock) for each fill counted for the first time (a fill is counted once, however often it is reported).</summary>
    public event EventHandler<HalfTradeModel>? TradeAdded;

    /// <summary>Raised (outside the lock) when the account's state (balance, can-trade) changed.</summary>
    public event EventHandler<TradingAccountModel>? AccountChanged;

    /// <summary>The account as last reported (GatewayUserAccount or a snapshot), if any.</summary>
    public TradingAccountModel? Account { get { lock (_gate) return _account; } }

    /// <summary>The account's balance from the last GatewayUserAccount, if any.</summary>
    public decimal? Balance { get { lock (_gate) return _account?.Balance; } }

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
        return Apply(e.Position, e.Sequence);
    }

    public bool Apply(PositionModel position) => Apply(position, sequence: 0);

    private bool Apply(PositionModel position, long sequence)
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
            if (sequence > 0)
                _sequenceByContract[position.ContractId] = sequence;
        }
        PositionChanged?.Invoke(this, position);
        return true;
    }

    /// <summary>Replaces every position with a REST snapshot (Position/searchOpen) read outside a realtime subscription; those missing from it are closed.</summary>
    public void Seed(IEnumerable<PositionModel> openPositions)
    {
        ArgumentNullException.ThrowIfNull(openPositions);
        Replace(openPositions, asOfSequence: long.MaxValue);
    }

    /// <summary>
    /// Applies a snapshot of the open positions: each differs from what is held is replaced, each held that is missing is
    /// closed, except where the hub changed the position after the snapshot was taken. Returns how many changed.
    /// </summary>
    public int Apply(PositionsSnapshotEvent snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.AccountId == AccountId ? Replace(snapshot.Open, snapshot.AsOfSequence) : 0;
    }

    private int Replace(IEnumerable<PositionModel> openPositions, long asOfSequence)
    {
        var fresh = openPositions.Where(p => p.AccountId == AccountId && p.Size > 0).ToDictionary(p => p.ContractId, StringComparer.Ordinal);
        var changed = new List<PositionModel>();
        lock (_gate)
        {
            bool NewerThanSnapshot(string contractId) => _sequenceByContract.TryGetValue(contractId, out var seen) && seen > asOfSequence;
            foreach (var held in _positions.Values.Where(p => !fresh.ContainsKey(p.ContractId) && !NewerThanSnapshot(p.ContractId)).ToList())
            {
                _positions.Remove(held.ContractId);
                changed.Add(Closed(held));
            }
            foreach (var p in fresh.Values.Where(p => !NewerThanSnapshot(p.ContractId)))
            {
                if (_positions.TryGetValue(p.ContractId, out var held) && held.Size == p.Size && held.Type == p.Type && held.AveragePrice == p.AveragePrice)
                    continue;
                _positions[p.ContractId] = p;
                changed.Add(p);
            }
        }
        foreach (var p in changed)
            PositionChanged?.Invoke(this, p);
        return changed.Count;
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
        bool added;
        lock (_gate)
        {
            RollDay();
            if (trade.CreationTimestamp < _dayStart)
                return false;
            if (trade.Voided)
                return _tradesToday.Remove(trade.Id); // a fill voided later no longer counts
            added = _tradesToday.TryAdd(trade.Id, trade);
            if (!added)
                _tradesToday[trade.Id] = trade;
        }
        if (added)
            TradeAdded?.Invoke(this, trade);
        return true;
    }

    /// <summary>Seeds the day's fills from REST (Trade/search).</summary>
    public void SeedTrades(IEnumerable<HalfTradeModel> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        foreach (var t in trades.OrderBy(t => t.CreationTimestamp).ThenBy(t => t.Id))
            Apply(t);
    }

    /// <summary>Counts the fills of a snapshot that were not counted yet (in time order).</summary>
    public void Apply(TradesSnapshotEvent snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.AccountId == AccountId)
            SeedTrades(snapshot.Trades);
    }

    public bool Apply(AccountUpdatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Account, e.Sequence);
    }

    /// <summary>Takes this account's state from a snapshot, unless the hub reported it after the snapshot was taken.</summary>
    public bool Apply(AccountsSnapshotEvent snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Accounts.FirstOrDefault(a => a.Id == AccountId) is { } account && Apply(account, snapshot.AsOfSequence, isSnapshot: true);
    }

    public bool Apply(TradingAccountModel account) => Apply(account, sequence: 0);

    private bool Apply(TradingAccountModel account, long sequence, bool isSnapshot = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Id != AccountId)
            return false;
        lock (_gate)
        {
            if (isSnapshot && _accountSequence > sequence)
                return false;
            if (_account is { } held && held.Balance == account.Balance && held.CanTrade == account.CanTrade && held.Name == account.Name
                && held.IsVisible == account.IsVisible && held.Simulated == account.Simulated)
                return false;
            _account = account;
            if (sequence > 0)
                _accountSequence = sequence;
        }
        AccountChanged?.Invoke(this, account);
        return true;
    }

    /// <summary>The start of the current trading day (UTC): the first open of today's trade date, e.g. 17:00 CT the evening before.</summary>
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
            return new PortfolioPnl(realized, unrealized, fees, commissions, _account?.Balance, _positions.Count, _tradesToday.Count);
        }
    }

    /// <summary>(last − avg) / tickSize × tickValue × size, negated for a short; without the trailing zeros the division leaves.</summary>
    public static decimal ComputeUnrealizedPnl(PositionType type, int size, decimal averagePrice, decimal lastPrice, decimal tickSize, decimal tickValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickSize, 0);
        var pnl = TickMath.Normalize((lastPrice - averagePrice) / tickSize * tickValue * size);
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

    private DateTimeOffset CurrentDayStart() => Calendar.TradingDayAt(_time.GetUtcNow()).Start;

    private static PositionModel Closed(PositionModel p) => new()
    {
        Id = p.Id, AccountId = p.AccountId, ContractId = p.ContractId, ContractDisplayName = p.ContractDisplayName,
        CreationTimestamp = p.CreationTimestamp, Type = p.Type, Size = 0, AveragePrice = p.AveragePrice,
    };
}
