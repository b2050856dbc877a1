namespace ProjectX.Simulation.Exchange;

/// <summary>What a firm rule breach did to an account.</summary>
internal enum FirmRuleLock
{
    None,
    /// <summary>The daily loss limit was reached: no trading until the next trading day.</summary>
    DailyLoss,
    /// <summary>The maximum loss was reached: no trading, for good.</summary>
    MaxLoss,
}

/// <summary>
/// Where one account stands against its firm rules: the trading day and its starting equity, the high-water mark and
/// the maximum-loss floor, and the lock a breach left. Only touched under the exchange lock.
/// </summary>
internal sealed class FirmRuleState(SimulatorFirmRules rules, decimal startingBalance)
{
    public SimulatorFirmRules Rules { get; } = rules;

    /// <summary>The CME trade date the day's figures belong to; null until the account first trades.</summary>
    public DateOnly? Day { get; set; }

    /// <summary>Equity (balance + open PnL) when <see cref="Day"/> began: the daily loss is measured from it.</summary>
    public decimal DayStartEquity { get; set; } = startingBalance;

    /// <summary>The equity high (intraday trailing) or the closing-balance high (end-of-day trailing).</summary>
    public decimal HighWaterMark { get; set; } = startingBalance;

    /// <summary>The maximum-loss floor: equity at or below it breaches. It only rises, and never above the lock level.</summary>
    public decimal? Floor { get; private set; } = rules.MaxLoss is { } maxLoss ? startingBalance - maxLoss : null;

    public FirmRuleLock Lock { get; set; }

    public bool IsLocked => Lock != FirmRuleLock.None;

    /// <summary>Lifts the floor to the high-water mark minus the maximum loss, capped at the lock level; never lowers it.</summary>
    public void TrailFloor()
    {
        if (Floor is not { } floor || Rules.MaxLoss is not { } maxLoss || Rules.MaxLossTrailing == MaxLossTrailing.Static) return;
        var trailed = HighWaterMark - maxLoss;
        if (Rules.MaxLossLockLevel is { } lockLevel) trailed = Math.Min(trailed, lockLevel);
        Floor = Math.Max(floor, trailed);
    }
}
