using System.Globalization;
using NodaTime;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Risk;

/// <summary>
/// A prop-firm risk guard for one account. Attached to a client (<see cref="Attach"/>), it checks every order before it
/// is sent (<see cref="ProjectXClient.PlaceOrderAsync(PreparedOrder, CancellationToken)"/> and every path through it,
/// the cmdlets included) and refuses one that would break a rule with <see cref="ProjectXRiskRuleException"/>; closing
/// and reducing orders always pass. Monitoring a <see cref="LiveAccount"/> (<see cref="StartMonitoring"/>), it warns near
/// a loss limit, and at the limit cancels the working orders, flattens and locks until the next trading day (daily loss)
/// or until <see cref="UnlockAsync"/> (trailing maximum loss). The day is the CME trading day of
/// <see cref="RiskRules.Calendar"/>; the high-water marks, the day's start and the lock survive restarts in
/// <see cref="StatePath"/>, shared safely between processes. Thread-safe.
/// </summary>
public sealed partial class RiskGuard : IAsyncDisposable
{
    private readonly ProjectXClient _client;
    private readonly RiskStateStore _store;
    private readonly TimeProvider _time;
    private readonly RiskGuardOptions _options;
    private volatile RiskRules _rules;

    /// <summary>A guard for <paramref name="accountId"/> (default: the client's default account). Not attached: see <see cref="Attach"/>.</summary>
    public RiskGuard(ProjectXClient client, RiskRules rules, int? accountId = null, RiskGuardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        _client = client;
        _rules = rules.Clone();
        _options = options ?? new RiskGuardOptions();
        if (_options.MonitorInterval <= TimeSpan.Zero || _options.PollInterval <= TimeSpan.Zero || _options.MaxFlattenRounds < 1)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "MonitorInterval and PollInterval must be positive and MaxFlattenRounds at least 1.", nameof(options));
        AccountId = accountId ?? client.DefaultAccount?.Id ?? throw new ProjectXValidationException(ValidationReason.NoAccount,
            "No account given and no default account: pass the account id the guard protects.", nameof(accountId));
        _time = _options.TimeProvider ?? client.OptionsForRealtime.TimeProvider;
        _store = new RiskStateStore(_options.StatePath ?? RiskStateStore.DefaultPathFor(AccountId));
    }

    /// <summary>Creates a guard and attaches it to the client: every order the client sends for the account is checked first.</summary>
    public static RiskGuard Attach(ProjectXClient client, RiskRules rules, int? accountId = null, RiskGuardOptions? options = null)
    {
        var guard = new RiskGuard(client, rules, accountId, options);
        client.UseRiskGuard(guard);
        return guard;
    }

    public int AccountId { get; }

    /// <summary>The state file (per user by default).</summary>
    public string StatePath => _store.Path;

    /// <summary>A copy of the rules in force.</summary>
    public RiskRules Rules => _rules.Clone();

    /// <summary>Replaces the rules (validated first); the state (highs, day, lock) is kept.</summary>
    public void SetRules(RiskRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        _rules = rules.Clone();
    }

    /// <summary>The trading calendar the day figures follow.</summary>
    public TradingCalendar Calendar => TradingCalendar.For(_rules.Calendar);

    /// <summary>A loss limit came within <see cref="RiskRules.WarningBuffer"/> (once per rule and trading day).</summary>
    public event EventHandler<RiskEventArgs>? Warning;

    /// <summary>A limit was reached: the guard locked (loss rules), cancelled the working orders and flattened.</summary>
    public event EventHandler<RiskEventArgs>? Breach;

    /// <summary>
    /// Refuses <paramref name="order"/> with <see cref="ProjectXRiskRuleException"/> when it would break a rule or the guard
    /// is locked, or with <see cref="ProjectXRiskStateException"/> when the state cannot be trusted (fail closed). Sends
    /// nothing; reads the account (REST, or the live engine being monitored). Closing and reducing orders always pass.
    /// </summary>
    public Task CheckOrderAsync(PreparedOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return CheckAsync(new RiskExposure.Intent(order.Contract.Id, order.Side, order.Size, StopDistanceOf(order), order.Contract.TickValue, IsNewOrder: true), cancellationToken);
    }

    /// <summary>
    /// The entry's stop distance: its own bracket, or, for an entry the live engine protects itself (a Position Brackets
    /// account), the distance its client-managed OCO tag carries, because the engine places that stop when it fills.
    /// </summary>
    private static int? StopDistanceOf(PreparedOrder order) =>
        order.StopLossTicks ?? (ProtectionTags.TryParse(order.CustomTag) is { Role: ProtectionRole.Entry } managed ? managed.StopLossTicks : null);

    /// <summary>A modification that adds contracts to a working order is checked like an entry of the added size; any other passes.</summary>
    public Task CheckModificationAsync(PreparedModification modification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modification);
        var added = (modification.Size ?? modification.Order.Size) - modification.Order.Size;
        return added <= 0
            ? Task.CompletedTask
            : CheckAsync(new RiskExposure.Intent(modification.Order.ContractId, modification.Order.Side, added, null, modification.Contract?.TickValue, IsNewOrder: false), cancellationToken);
    }

    /// <summary>Where the account stands now (reads the account, rolls the trading day and the highs in the state file).</summary>
    public async Task<RiskStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var book = await ReadBookAsync(cancellationToken).ConfigureAwait(false);
        var state = await SyncAsync(book, now, cancellationToken).ConfigureAwait(false);
        return await StatusOfAsync(book, state, now, withCounts: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lifts the lock (and re-arms the warnings). A breach that still holds locks again at the next look.</summary>
    public async Task UnlockAsync(CancellationToken cancellationToken = default)
    {
        await _store.UpdateAsync(AccountId, s =>
        {
            if (s?.Lock is null)
                return s;
            s.Lock = null;
            s.UpdatedAt = _time.GetUtcNow();
            return s;
        }, cancellationToken).ConfigureAwait(false);
        lock (_warned)
            _warned.Clear();
    }

    /// <summary>Deletes the state file on purpose: the highs restart from the rules' starting balance and the balance now. The way out of a corrupt file.</summary>
    public Task ResetStateAsync(CancellationToken cancellationToken = default) => _store.DeleteAsync(cancellationToken);

    private async Task CheckAsync(RiskExposure.Intent intent, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var book = await ReadBookAsync(cancellationToken).ConfigureAwait(false);
        var net = RiskExposure.NetOf(book.Positions, intent.ContractId);
        var readAtGateway = _live is null; // without a live engine the book was read from the gateway
        if (RiskExposure.IsReducing(net, intent.Side, intent.Size))
        {
            // Closing and reducing orders need neither the rules nor the state. A live engine can trail the gateway by a
            // hub event, though: a position its stop has just closed would let this "exit" open the other way, past
            // every rule. The gateway's own positions confirm it (one read, only for an exit seen on a live book).
            if (readAtGateway)
                return;
            book = book with { Positions = await _client.GetPositionsAsync(AccountId, cancellationToken).ConfigureAwait(false) };
            readAtGateway = true;
            net = RiskExposure.NetOf(book.Positions, intent.ContractId);
            if (RiskExposure.IsReducing(net, intent.Side, intent.Size))
                return;
        }
        try
        {
            await CheckRulesAsync(intent, book, net, now, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException e) when (e is ProjectXRiskRuleException or ProjectXRiskStateException && !readAtGateway)
        {
            // The other way round: an exit sent right after a fill the live engine has not heard of yet (a client-managed
            // OCO leg, a user hub that is down) must not be refused as an entry, by a rule or by a state file that fails
            // closed, and leave the position unprotected: before refusing, the gateway's own positions decide.
            var positions = await _client.GetPositionsAsync(AccountId, cancellationToken).ConfigureAwait(false);
            if (RiskExposure.IsReducing(RiskExposure.NetOf(positions, intent.ContractId), intent.Side, intent.Size))
                return;
            throw;
        }
    }

    private async Task CheckRulesAsync(RiskExposure.Intent intent, Book book, int net, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rules = _rules;
        var state = await SyncAsync(book, now, cancellationToken).ConfigureAwait(false);
        var day = state.TradingDay;

        if (state.Lock is { } locked && locked.HoldsOn(day))
            throw Refuse(locked.Rule, locked.Limit, locked.Figure, true,
                $"The risk guard is locked since {locked.LockedAt.ToString("u", CultureInfo.InvariantCulture)}: {locked.Reason} " +
                (locked.UntilUnlocked ? "It holds until you unlock it (Unlock-PxRisk, RiskGuard.UnlockAsync)." : "It holds until the next trading day or until you unlock it."));

        CheckTime(rules, now, day);

        var equity = book.Equity;
        var dayPnl = equity - state.DayStartBalance;
        if (rules.DailyLossLimit is { } dailyLimit && dayPnl <= -dailyLimit)
            throw Refuse(RiskRule.DailyLoss, dailyLimit, -dayPnl, false, $"The day's loss of {Money(-dayPnl)} has reached the daily loss limit of {Money(dailyLimit)}.");
        if (rules.TrailingMaxLoss is { } trailing)
        {
            var floor = trailing.FloorFor(HighOf(trailing, state));
            if (equity <= floor)
                throw Refuse(RiskRule.TrailingMaxLoss, floor, equity, false, $"Equity of {Money(equity)} is at or below the trailing maximum-loss floor of {Money(floor)}.");
        }

        if (intent.IsNewOrder && rules.MaxOrdersPerDay is { } maxOrders)
        {
            var orders = await OrdersTodayAsync(day, cancellationToken).ConfigureAwait(false);
            if (orders >= maxOrders)
                throw Refuse(RiskRule.MaxOrdersPerDay, maxOrders, orders, false, $"{orders} orders were placed this trading day; the limit is {maxOrders}.");
        }
        if (intent.IsNewOrder && rules.MaxRoundTripsPerDay is { } maxTrips)
        {
            var trips = await RoundTripsTodayAsync(day, cancellationToken).ConfigureAwait(false);
            if (trips >= maxTrips)
                throw Refuse(RiskRule.MaxRoundTripsPerDay, maxTrips, trips, false, $"{trips} round trips were made this trading day; the limit is {maxTrips}.");
        }
        if (rules.MaxOpenPositions is { } maxPositions && net == 0)
        {
            var open = book.Positions.Count(p => p.Size > 0) + 1;
            if (open > maxPositions)
                throw Refuse(RiskRule.MaxOpenPositions, maxPositions, open, false, $"A new position in {intent.ContractId} would make {open} open positions; the limit is {maxPositions}.");
        }

        var legs = RiskExposure.Legs(book.Positions, book.Working, intent);
        if (rules.MaxContracts is { } maxContracts && RiskExposure.Total(legs) is var total && total > maxContracts)
            throw Refuse(RiskRule.MaxContracts, maxContracts, total, false,
                $"This order would put {total} contracts at risk on the account (positions plus working orders that could fill); the limit is {maxContracts}.");
        var root = RiskExposure.RootOf(intent.ContractId);
        if (RiskExposure.LimitFor(rules, root) is { } maxSymbol && RiskExposure.ForRoot(legs, root) is var inSymbol && inSymbol > maxSymbol)
            throw Refuse(RiskRule.MaxContractsPerSymbol, maxSymbol, inSymbol, false,
                $"This order would put {inSymbol} {root} contracts at risk (positions plus working orders that could fill); the limit is {maxSymbol}.");

        if (intent.IsNewOrder && rules.MaxRiskPerTrade is { } maxRisk)
        {
            if (intent.StopLossTicks is not { } ticks || intent.TickValue is not { } tickValue)
                throw Refuse(RiskRule.MaxRiskPerTrade, maxRisk, null, false,
                    $"The risk per trade is limited to {Money(maxRisk)}, so an entry needs a stop distance: give a stop loss in ticks (StopLossTicks, -StopLossTicks).");
            var risk = intent.Size * ticks * tickValue;
            if (risk > maxRisk)
                throw Refuse(RiskRule.MaxRiskPerTrade, maxRisk, risk, false,
                    FormattableString.Invariant($"{intent.Size} contract(s) with a stop {ticks} ticks away risk {Money(risk)}; the limit per trade is {Money(maxRisk)}."));
        }
    }

    private void CheckTime(RiskRules rules, DateTimeOffset now, DateOnly day)
    {
        if (rules.TradingWindow is null && rules.FlatBy is null)
            return;
        var zone = rules.Zone;
        var local = Instant.FromDateTimeOffset(now).InZone(zone);
        var time = new TimeOnly(local.TimeOfDay.TickOfDay);
        if (rules.TradingWindow is { } window && !window.Contains(time))
            throw Refuse(RiskRule.TradingWindow, null, null, false,
                $"It is {time:HH\\:mm} in {rules.TimeZone}, outside the trading window {window}.");
        if (rules.FlatBy is { } flatBy && now >= FlatByInstant(zone, day, flatBy))
            throw Refuse(RiskRule.FlatBy, null, null, false,
                $"The flat-by time {flatBy:HH\\:mm} ({rules.TimeZone}) of trading day {day:yyyy-MM-dd} has passed: new entries wait for the next trading day.");
    }

    /// <summary>The flat-by time on the trade date itself (15:10 on D for the day that closes 16:00 on D).</summary>
    internal static DateTimeOffset FlatByInstant(DateTimeZone zone, DateOnly day, TimeOnly flatBy) =>
        new LocalDateTime(day.Year, day.Month, day.Day, flatBy.Hour, flatBy.Minute, flatBy.Second).InZoneLeniently(zone).ToDateTimeOffset();

    internal bool IsPastFlatBy(DateTimeOffset now, DateOnly day) =>
        _rules.FlatBy is { } flatBy && now >= FlatByInstant(_rules.Zone, day, flatBy);

    private static decimal HighOf(TrailingLossRule rule, RiskState state) =>
        rule.Mode == TrailingMode.Intraday ? state.EquityHigh : state.ClosingBalanceHigh;

    private ProjectXRiskRuleException Refuse(RiskRule rule, decimal? limit, decimal? figure, bool locked, string message) =>
        new(rule, limit, figure, AccountId, locked, $"Risk rule {rule} refused the order on account {AccountId}: {message} Nothing was sent.");

    internal static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>The account as the guard sees it: the live engine's view while monitoring, else REST reads.</summary>
    private sealed record Book(decimal Balance, decimal? Unrealized, int UnpricedPositions, IReadOnlyList<PositionModel> Positions, IReadOnlyList<OrderModel> Working)
    {
        public decimal Equity => Balance + (Unrealized ?? 0m);
    }

    private async Task<Book> ReadBookAsync(CancellationToken cancellationToken)
    {
        if (_live is { } live)
        {
            var snapshot = live.Positions.Snapshot();
            decimal unrealized = 0;
            var unpriced = 0;
            foreach (var p in snapshot)
            {
                if (p.UnrealizedPnl is { } u)
                    unrealized += u;
                else
                    unpriced++;
            }
            return new Book(live.Account.Balance, unpriced == snapshot.Count && snapshot.Count > 0 ? null : unrealized, unpriced,
                [.. snapshot.Select(p => p.Position)], live.Orders.Working());
        }
        var accounts = await _client.GetAccountsAsync(onlyActive: false, cancellationToken).ConfigureAwait(false);
        var account = accounts.FirstOrDefault(a => a.Id == AccountId)
            ?? throw new ProjectXNotFoundException($"The risk guard's account {AccountId} was not found.", "Account", AccountId.ToString(CultureInfo.InvariantCulture));
        var positions = await _client.GetPositionsAsync(AccountId, cancellationToken).ConfigureAwait(false);
        var working = await _client.GetWorkingOrdersAsync(AccountId, cancellationToken).ConfigureAwait(false);
        // REST has no prices: unrealized PnL is unknown without a live engine (StartMonitoring).
        return new Book(account.Balance, positions.Count == 0 ? 0m : null, positions.Count, positions, working);
    }

    /// <summary>Reads the state (failing closed), rolls the trading day and raises the highs, saving only what changed.</summary>
    private async Task<RiskState> SyncAsync(Book book, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = Calendar.TradingDayOf(now);
        var saved = _store.Read(AccountId);
        decimal? dayStart = null;
        if (saved is null || saved.TradingDay < day)
            dayStart = await DayStartBalanceAsync(book.Balance, day, cancellationToken).ConfigureAwait(false);
        var state = await _store.UpdateAsync(AccountId, s => Advance(s, AccountId, _rules.StartingBalance, day, dayStart ?? book.Balance, book.Equity, now), cancellationToken).ConfigureAwait(false);
        return state!;
    }

    /// <summary>
    /// The state after a look on <paramref name="day"/>: a new day takes <paramref name="dayStart"/> as its starting balance
    /// and as the close of the last day (the closing-balance high), a daily lock of an earlier day lifts, and the equity
    /// high rises to <paramref name="equity"/>.
    /// </summary>
    internal static RiskState Advance(RiskState? state, int accountId, decimal? startingBalance, DateOnly day, decimal dayStart, decimal equity, DateTimeOffset now)
    {
        if (state is null)
        {
            var initial = startingBalance ?? dayStart;
            return new RiskState
            {
                AccountId = accountId,
                TradingDay = day,
                DayStartBalance = dayStart,
                EquityHigh = Math.Max(Math.Max(initial, dayStart), equity),
                ClosingBalanceHigh = Math.Max(initial, dayStart),
                UpdatedAt = now,
            };
        }
        if (state.TradingDay < day)
        {
            // The balance the new day starts with is the close of the last day the account traded.
            state.ClosingBalanceHigh = Math.Max(state.ClosingBalanceHigh, dayStart);
            state.DayStartBalance = dayStart;
            state.TradingDay = day;
            if (state.Lock is { } lockNow && !lockNow.HoldsOn(day))
                state.Lock = null;
            state.UpdatedAt = now;
        }
        if (equity > state.EquityHigh)
        {
            state.EquityHigh = equity;
            state.UpdatedAt = now;
        }
        return state;
    }

    /// <summary>The balance before the trading day's fills: the balance now less their PnL net of fees (one Trade/search).</summary>
    private async Task<decimal> DayStartBalanceAsync(decimal balance, DateOnly day, CancellationToken cancellationToken)
    {
        var trades = await _client.SearchTradesAsync(Calendar.GetTradingDay(day).Start, null, AccountId, cancellationToken).ConfigureAwait(false);
        var net = trades.Where(t => !t.Voided).Sum(t => (t.ProfitAndLoss ?? 0m) - t.Fees - (t.Commissions ?? 0m));
        return balance - net;
    }

    /// <summary>Orders created this trading day, bracket legs not counted (one Order/search).</summary>
    private async Task<int> OrdersTodayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var orders = await _client.SearchOrdersAsync(Calendar.GetTradingDay(day).Start, null, AccountId, cancellationToken).ConfigureAwait(false);
        return orders.Count(o => o.ParentOrderId is null);
    }

    /// <summary>Closing fills this trading day, one per closing order (one Trade/search).</summary>
    private async Task<int> RoundTripsTodayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var trades = await _client.SearchTradesAsync(Calendar.GetTradingDay(day).Start, null, AccountId, cancellationToken).ConfigureAwait(false);
        return trades.Where(t => !t.Voided && t.ProfitAndLoss is not null).Select(t => t.OrderId).Distinct().Count();
    }

    private async Task<RiskStatus> StatusOfAsync(Book book, RiskState state, DateTimeOffset now, bool withCounts, CancellationToken cancellationToken)
    {
        var rules = _rules;
        var trailing = rules.TrailingMaxLoss;
        var high = trailing is null ? (decimal?)null : HighOf(trailing, state);
        int? orders = withCounts && rules.MaxOrdersPerDay is not null ? await OrdersTodayAsync(state.TradingDay, cancellationToken).ConfigureAwait(false) : null;
        int? trips = withCounts && rules.MaxRoundTripsPerDay is not null ? await RoundTripsTodayAsync(state.TradingDay, cancellationToken).ConfigureAwait(false) : null;
        return new RiskStatus
        {
            AccountId = AccountId,
            At = now,
            TradingDay = state.TradingDay,
            Balance = book.Balance,
            Unrealized = book.Unrealized,
            UnpricedPositions = book.UnpricedPositions,
            DayStartBalance = state.DayStartBalance,
            DailyLossLimit = rules.DailyLossLimit,
            TrailingMode = trailing?.Mode,
            TrailingHigh = high,
            TrailingFloor = high is { } h ? trailing!.FloorFor(h) : null,
            TrailingFloorLocked = high is { } h2 && trailing!.IsFloorLockedAt(h2),
            EquityHigh = state.EquityHigh,
            ClosingBalanceHigh = state.ClosingBalanceHigh,
            OpenPositions = book.Positions.Count(p => p.Size > 0),
            Contracts = RiskExposure.Total(RiskExposure.Legs(book.Positions, book.Working, null)),
            WorkingOrders = book.Working.Count,
            OrdersToday = orders,
            RoundTripsToday = trips,
            Lock = state.Lock is { } l && l.HoldsOn(state.TradingDay) ? l : null,
            Rules = rules.Clone(),
        };
    }

    public override string ToString() => $"RiskGuard account {AccountId} ({_rules})";
}
