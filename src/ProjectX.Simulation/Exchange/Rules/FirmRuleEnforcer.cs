using ProjectX.Client.Sessions;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// Enforces the accounts' firm rules (<see cref="SimulatorFirmRules"/>) as the platform does. Equity (balance plus
/// open positions at the last price) is evaluated after every fill and, on every clock advance, for accounts that
/// hold a position; a breach cancels the account's working orders, flattens it at the market and locks it. Days
/// are CME trade dates from the client's calendar (the equity-index day, 17:00–16:00 Chicago, which is when firms
/// reset). Only accounts that have placed an order are watched, so a configuration full of ruled accounts costs
/// nothing until they trade. Only touched under the exchange lock.
/// </summary>
internal sealed class FirmRuleEnforcer(OrderStore orders, MatchingEngine matching, IContractCatalog catalog, IMarketData market, ChangeFeed changes, SimulatorDiagnostics diagnostics)
    : IFillObserver
{
    private static readonly TradingCalendar Calendar = AccountTradingDay.Calendar; // the same "day" the client counts PnL on

    private readonly List<AccountState> _watched = [];
    private readonly Dictionary<string, ContractSpec?> _specs = new(StringComparer.Ordinal);
    private DateTimeOffset _lastAdvance = DateTimeOffset.MinValue;
    private bool _calendarFaultReported;
    private AccountState? _breaching;

    /// <summary>
    /// Answers why a placement on <paramref name="account"/> must be refused with errorCode 4, or null. Starts
    /// watching the account. Without a calendar for <paramref name="now"/> a ruled account fails closed.
    /// </summary>
    public OrderRejection? CheckPlacement(AccountState account, DateTimeOffset now)
    {
        // A contract cap alone is a placement bound (OrderEntry's position limits): no day to keep.
        if (account.Rules is not { Rules.WatchesLoss: true } state) return null;
        if (!TryTradingDay(now, out var today))
            return new OrderRejection(RejectReason.FirmRule, FirmRuleMessages.CalendarNotCovered(now));
        if (state.Day is null)
        {
            _watched.Add(account);
            StartDay(account, state, today, now);
        }
        else if (today > state.Day)
        {
            Roll(account, state, today, now);
        }
        return state.Lock switch
        {
            FirmRuleLock.DailyLoss => new OrderRejection(RejectReason.FirmRule, FirmRuleMessages.DailyLossLimitReached),
            FirmRuleLock.MaxLoss => new OrderRejection(RejectReason.FirmRule, FirmRuleMessages.MaxLossReached),
            _ => null,
        };
    }

    /// <summary>The text a locked account's modify, cancel or close is refused with; null when it is not locked by a rule.</summary>
    public static string? LockMessage(AccountState account) => account.Rules?.Lock switch
    {
        FirmRuleLock.DailyLoss => FirmRuleMessages.DailyLossLimitReached,
        FirmRuleLock.MaxLoss => FirmRuleMessages.MaxLossReached,
        _ => null,
    };

    /// <summary>The clock moved: roll watched accounts into a new trading day and mark their open positions.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (_watched.Count == 0 || now <= _lastAdvance) return;
        _lastAdvance = now;
        if (!TryTradingDay(now, out var today)) return;
        foreach (var account in _watched)
        {
            try
            {
                var state = account.Rules!;
                if (today > state.Day) Roll(account, state, today, now);
                if (!state.IsLocked && HasPosition(account)) Evaluate(account, state, now, mark: null);
            }
#pragma warning disable CA1031 // One account's failure (a market that cannot price it) must not fail another user's request.
            catch (Exception e)
#pragma warning restore CA1031
            {
                diagnostics.BackgroundFault("Firm rules of account " + account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e);
            }
        }
    }

    public void BeforeFill(AccountState account, DateTimeOffset at)
    {
        if (account.Rules is { Day: { } day } state && TryTradingDay(at, out var today) && today > day)
            Roll(account, state, today, at);
    }

    public void AfterFill(AccountState account, string contractId, decimal price, DateTimeOffset at)
    {
        if (account.Rules is { Day: not null } state && !ReferenceEquals(_breaching, account))
            Evaluate(account, state, at, (contractId, price));
    }

    private void Evaluate(AccountState account, FirmRuleState state, DateTimeOffset at, (string ContractId, decimal Price)? mark)
    {
        var rules = state.Rules;
        if (state.Lock == FirmRuleLock.MaxLoss || !rules.WatchesLoss) return;
        var equity = Equity(account, at, mark);
        if (rules.MaxLossTrailing == MaxLossTrailing.Intraday && equity > state.HighWaterMark)
        {
            state.HighWaterMark = equity;
            state.TrailFloor();
        }
        if (state.Floor is { } floor && equity <= floor)
            Breach(account, state, FirmRuleLock.MaxLoss, at);
        else if (state.Lock == FirmRuleLock.None && rules.DailyLossLimit is { } limit && state.DayStartEquity - equity >= limit)
            Breach(account, state, FirmRuleLock.DailyLoss, at);
    }

    /// <summary>Locks the account, cancels its live orders and flattens it at the market, as the platform liquidates a breached account.</summary>
    private void Breach(AccountState account, FirmRuleState state, FirmRuleLock breach, DateTimeOffset at)
    {
        state.Lock = breach;
        _breaching = account;
        try
        {
            foreach (var order in orders.OfAccount(account.Id).Where(o => o.IsLive).ToList())
            {
                if (order.IsLive) matching.Cancel(order, at);
            }
            foreach (var position in account.Positions.Values.ToList())
            {
                var held = position.SignedSize;
                if (held != 0 && Spec(position.ContractId) is { } spec)
                    matching.CloseAtMarket(account, spec, held, Math.Abs(held), at);
            }
        }
        finally
        {
            _breaching = null;
        }
        // Liquidating a daily breach can slip through the maximum-loss floor too; then the account is done.
        if (breach == FirmRuleLock.DailyLoss && state.Floor is { } floor && account.Balance <= floor)
            state.Lock = FirmRuleLock.MaxLoss;
        changes.Account(account);
    }

    private void StartDay(AccountState account, FirmRuleState state, DateOnly today, DateTimeOffset at)
    {
        state.Day = today;
        state.DayStartEquity = Equity(account, at, mark: null);
    }

    /// <summary>A trading day ended: end-of-day trailing takes the closing balance, a daily lock lifts, and the new day starts.</summary>
    private void Roll(AccountState account, FirmRuleState state, DateOnly today, DateTimeOffset at)
    {
        if (state.Rules.MaxLossTrailing == MaxLossTrailing.EndOfDay && state.Lock != FirmRuleLock.MaxLoss && account.Balance > state.HighWaterMark)
        {
            state.HighWaterMark = account.Balance;
            state.TrailFloor();
        }
        var unlocked = state.Lock == FirmRuleLock.DailyLoss;
        if (unlocked) state.Lock = FirmRuleLock.None;
        StartDay(account, state, today, at);
        if (unlocked) changes.Account(account);
    }

    private decimal Equity(AccountState account, DateTimeOffset at, (string ContractId, decimal Price)? mark)
    {
        var equity = account.Balance;
        foreach (var position in account.Positions.Values)
        {
            if (position.SignedSize == 0 || Spec(position.ContractId) is not { } spec) continue;
            var price = mark is { } m && m.ContractId == position.ContractId ? m.Price : market.GetSnapshot(position.ContractId, at).Last;
            equity += (price - position.AveragePrice) / spec.TickSize * spec.TickValue * position.SignedSize;
        }
        return equity;
    }

    private static bool HasPosition(AccountState account)
    {
        foreach (var position in account.Positions.Values)
        {
            if (position.SignedSize != 0) return true;
        }
        return false;
    }

    private ContractSpec? Spec(string contractId)
    {
        if (!_specs.TryGetValue(contractId, out var spec)) _specs[contractId] = spec = catalog.GetSpec(contractId);
        return spec;
    }

    private bool TryTradingDay(DateTimeOffset at, out DateOnly day)
    {
        try
        {
            day = Calendar.TradingDayOf(at);
            return true;
        }
        catch (TradingCalendarNotCoveredException e)
        {
            // Said once, loudly; ruled accounts then refuse orders rather than guess the day.
            if (!_calendarFaultReported) diagnostics.BackgroundFault("Firm rules", e);
            _calendarFaultReported = true;
            day = default;
            return false;
        }
    }
}

/// <summary>Told around every fill, so the firm rules see each fill on its own trading day and right after it is booked.</summary>
internal interface IFillObserver
{
    void BeforeFill(AccountState account, DateTimeOffset at);
    void AfterFill(AccountState account, string contractId, decimal price, DateTimeOffset at);
}
