using System.Globalization;

namespace ProjectX.Simulation;

/// <summary>
/// A prop firm's account rules, enforced by the simulator the way the platform enforces them: a breach cancels the
/// account's working orders, flattens its positions and refuses new orders with errorCode 4 (AccountViolation). A
/// daily-loss breach lasts until the next CME trading day (17:00 Chicago); a maximum-loss breach lasts for good
/// (<c>canTrade</c> false). Every rule is optional; an account without rules trades as before.
/// </summary>
/// <remarks>
/// Loss is measured on equity: the balance (realized PnL net of fees) plus the open positions marked at the last
/// price. A rule is breached when the loss <em>reaches</em> its limit ("hit or exceed", as Topstep words it).
/// </remarks>
public sealed class SimulatorFirmRules
{
    /// <summary>Largest loss on one CME trading day (realized + unrealized, net of fees), in account currency; null for none.</summary>
    public decimal? DailyLossLimit { get; set; }

    /// <summary>The maximum loss (drawdown) in account currency: the floor sits this far below the high-water mark; null for none.</summary>
    public decimal? MaxLoss { get; set; }

    /// <summary>How the maximum-loss floor follows the account (end-of-day trailing by default, as Topstep's Combine).</summary>
    public MaxLossTrailing MaxLossTrailing { get; set; } = MaxLossTrailing.EndOfDay;

    /// <summary>
    /// The balance at which the trailing floor stops rising (Topstep: the starting balance); null trails without end.
    /// Must be at least the starting floor (starting balance − <see cref="MaxLoss"/>).
    /// </summary>
    public decimal? MaxLossLockLevel { get; set; }

    /// <summary>
    /// Most contracts the account may hold over all contracts, counted as if every working entry order filled
    /// (errorCode 4), like <see cref="SimulatorLimits.MaxPositionPerAccount"/>; null for none. Every contract counts as one.
    /// </summary>
    public int? MaxContracts { get; set; }

    /// <summary>
    /// Rules shaped like Topstep's Trading Combine: a daily loss limit, a maximum loss trailing at the end of the day
    /// that locks at the starting balance, and a contract cap. The figures are the caller's: firms change them.
    /// </summary>
    public static SimulatorFirmRules TopstepCombine(decimal startingBalance, decimal dailyLossLimit, decimal maxLoss, int maxContracts) => new()
    {
        DailyLossLimit = dailyLossLimit,
        MaxLoss = maxLoss,
        MaxLossTrailing = MaxLossTrailing.EndOfDay,
        MaxLossLockLevel = startingBalance,
        MaxContracts = maxContracts,
    };

    /// <summary>The rules in one line, e.g. <c>daily loss 1,000; max loss 2,000 EndOfDay, locks at 50,000; 5 contracts</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (DailyLossLimit is { } daily) parts.Add(string.Create(CultureInfo.InvariantCulture, $"daily loss {daily:#,0.##}"));
        if (MaxLoss is { } maxLoss)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max loss {maxLoss:#,0.##} {MaxLossTrailing}")
                + (MaxLossLockLevel is { } lockLevel ? string.Create(CultureInfo.InvariantCulture, $", locks at {lockLevel:#,0.##}") : ""));
        }
        if (MaxContracts is { } contracts) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{contracts} contracts"));
        return parts.Count == 0 ? "no rules" : string.Join("; ", parts);
    }

    /// <summary>True when at least one loss rule needs watching (max contracts alone is a placement check).</summary>
    internal bool WatchesLoss => DailyLossLimit is not null || MaxLoss is not null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the account and the rule when a value cannot work.</summary>
    public void Validate(SimulatorAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        string Fail(string rule, string why) =>
            string.Create(CultureInfo.InvariantCulture, $"Account {account.Id} ({account.Name}): firmRules.{rule} {why}");
        if (DailyLossLimit is <= 0) throw new ArgumentException(Fail("dailyLossLimit", "must be greater than zero."), nameof(account));
        if (MaxLoss is <= 0) throw new ArgumentException(Fail("maxLoss", "must be greater than zero."), nameof(account));
        if (MaxContracts is <= 0) throw new ArgumentException(Fail("maxContracts", "must be greater than zero."), nameof(account));
        if (!Enum.IsDefined(MaxLossTrailing)) throw new ArgumentException(Fail("maxLossTrailing", "must be EndOfDay, Intraday or Static."), nameof(account));
        if (MaxLossLockLevel is { } lockLevel)
        {
            if (MaxLoss is not { } maxLoss) throw new ArgumentException(Fail("maxLossLockLevel", "needs maxLoss."), nameof(account));
            if (lockLevel < account.Balance - maxLoss)
                throw new ArgumentException(Fail("maxLossLockLevel", string.Create(CultureInfo.InvariantCulture, $"({lockLevel}) is below the starting floor ({account.Balance - maxLoss}).")), nameof(account));
        }
    }
}

/// <summary>How a maximum-loss floor moves.</summary>
public enum MaxLossTrailing
{
    /// <summary>At each trading day's end the floor rises to the closing-balance high minus the maximum loss (Topstep's Combine).</summary>
    EndOfDay,
    /// <summary>The floor rises with every new equity high (open profit included) minus the maximum loss.</summary>
    Intraday,
    /// <summary>The floor stays at the starting balance minus the maximum loss.</summary>
    Static,
}
