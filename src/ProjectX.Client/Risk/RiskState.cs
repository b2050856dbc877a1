namespace ProjectX.Client.Risk;

/// <summary>
/// What the guard must remember across restarts, per account: the trading day and its starting balance, the equity
/// high-water mark, the closing-balance high, and the lock. Saved as JSON by <see cref="RiskStateStore"/>.
/// </summary>
public sealed class RiskState
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;
    public int AccountId { get; set; }

    /// <summary>The CME trade date the day figures belong to.</summary>
    public DateOnly TradingDay { get; set; }

    /// <summary>The balance when <see cref="TradingDay"/> began: the day's PnL is equity minus this.</summary>
    public decimal DayStartBalance { get; set; }

    /// <summary>The highest equity (balance + unrealized) seen: the intraday trailing high.</summary>
    public decimal EquityHigh { get; set; }

    /// <summary>The highest balance a trading day closed with (a day's close is the next day's starting balance): the end-of-day trailing high.</summary>
    public decimal ClosingBalanceHigh { get; set; }

    /// <summary>Set after a breach; entries are refused while it holds.</summary>
    public RiskLock? Lock { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal RiskState Copy() => new()
    {
        Version = Version, AccountId = AccountId, TradingDay = TradingDay, DayStartBalance = DayStartBalance,
        EquityHigh = EquityHigh, ClosingBalanceHigh = ClosingBalanceHigh, Lock = Lock, UpdatedAt = UpdatedAt,
    };

    /// <summary>Null when the state is usable; else what is wrong with it.</summary>
    internal string? Problem(int accountId)
    {
        if (Version != CurrentVersion)
            return $"version {Version} is not {CurrentVersion}";
        if (AccountId != accountId)
            return $"it belongs to account {AccountId}, not {accountId}";
        if (TradingDay == default)
            return "it has no trading day";
        if (DayStartBalance < 0 || EquityHigh < 0 || ClosingBalanceHigh < 0)
            return "a balance in it is negative";
        if (Lock is { } l && (!Enum.IsDefined(l.Rule) || l.TradingDay == default))
            return "its lock is incomplete";
        return null;
    }
}

/// <summary>
/// A lock set by a breach: entries are refused until the next trading day (<see cref="UntilUnlocked"/> false) or until
/// <see cref="RiskGuard.UnlockAsync"/> (true: the trailing maximum loss, which ends an account for good at the firm).
/// </summary>
public sealed record RiskLock(RiskRule Rule, DateOnly TradingDay, DateTimeOffset LockedAt, bool UntilUnlocked, decimal? Limit, decimal? Figure, string Reason)
{
    /// <summary>True while the lock holds on <paramref name="tradingDay"/>.</summary>
    public bool HoldsOn(DateOnly tradingDay) => UntilUnlocked || tradingDay <= TradingDay;
}
