using ProjectX.Client.Risk;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// Where an account stands against its risk rules (PSTypeName <c>ProjectX.RiskStatus</c>): the trading day's PnL and how
/// much is left of the daily loss limit, the trailing floor and the room above it, the contracts at risk, and the lock.
/// </summary>
public sealed class PxRiskStatus
{
    public const string PSTypeName = "ProjectX.RiskStatus";

    public int AccountId { get; init; }
    /// <summary>The rules' name (a preset such as Topstep50K, or yours).</summary>
    public string Rules { get; init; } = "";
    /// <summary>The CME trade date the day figures belong to (it starts 17:00 Chicago for equity index).</summary>
    public DateOnly TradingDay { get; init; }
    public decimal Balance { get; init; }
    /// <summary>Null when unknown (connected with -NoRealtime, or a position without a live price yet).</summary>
    public decimal? UnrealizedPnL { get; init; }
    public decimal Equity { get; init; }
    public decimal DayStartBalance { get; init; }
    /// <summary>The trading day's PnL: realized plus unrealized, net of fees.</summary>
    public decimal DayPnL { get; init; }
    public decimal? DailyLossLimit { get; init; }
    /// <summary>How much more the account may lose today.</summary>
    public decimal? DailyLossLeft { get; init; }
    /// <summary>Intraday or EndOfDay; null without a trailing maximum loss.</summary>
    public string? TrailingMode { get; init; }
    public decimal? TrailingHigh { get; init; }
    public decimal? TrailingFloor { get; init; }
    /// <summary>Equity above the trailing floor.</summary>
    public decimal? TrailingLeft { get; init; }
    /// <summary>True once the floor has reached its lock level.</summary>
    public bool FloorLocked { get; init; }
    public int Contracts { get; init; }
    public int OpenPositions { get; init; }
    public int WorkingOrders { get; init; }
    public int? OrdersToday { get; init; }
    public int? RoundTripsToday { get; init; }
    public bool Locked { get; init; }
    /// <summary>The rule that locked the guard; null when not locked.</summary>
    public string? LockedBy { get; init; }
    public string? LockReason { get; init; }
    /// <summary>NextTradingDay or Unlock (Unlock-PxRisk); null when not locked.</summary>
    public string? LockedUntil { get; init; }
    public bool Monitoring { get; init; }
    public string StatePath { get; init; } = "";

    internal static PxRiskStatus From(RiskStatus s, RiskGuard guard) => new()
    {
        AccountId = s.AccountId,
        Rules = s.Rules.Name ?? "custom",
        TradingDay = s.TradingDay,
        Balance = PxInstrument.Normalize(s.Balance),
        UnrealizedPnL = s.Unrealized is { } u && s.UnpricedPositions == 0 ? PxInstrument.Normalize(u) : null,
        Equity = PxInstrument.Normalize(s.Equity),
        DayStartBalance = PxInstrument.Normalize(s.DayStartBalance),
        DayPnL = PxInstrument.Normalize(s.DayPnl),
        DailyLossLimit = s.DailyLossLimit,
        DailyLossLeft = s.DailyLossRemaining is { } left ? PxInstrument.Normalize(left) : null,
        TrailingMode = s.TrailingMode?.ToString(),
        TrailingHigh = s.TrailingHigh,
        TrailingFloor = s.TrailingFloor,
        TrailingLeft = s.TrailingRemaining is { } room ? PxInstrument.Normalize(room) : null,
        FloorLocked = s.TrailingFloorLocked,
        Contracts = s.Contracts,
        OpenPositions = s.OpenPositions,
        WorkingOrders = s.WorkingOrders,
        OrdersToday = s.OrdersToday,
        RoundTripsToday = s.RoundTripsToday,
        Locked = s.Lock is not null,
        LockedBy = s.Lock?.Rule.ToString(),
        LockReason = s.Lock?.Reason,
        LockedUntil = s.Lock is null ? null : s.Lock.UntilUnlocked ? "Unlock" : "NextTradingDay",
        Monitoring = guard.IsMonitoring,
        StatePath = guard.StatePath,
    };

    public override string ToString() => $"Account {AccountId} {TradingDay:yyyy-MM-dd}: day PnL {DayPnL}{(Locked ? $", LOCKED by {LockedBy}" : "")}";
}

/// <summary>How a trailing maximum loss follows the account (Set-PxRiskRule -TrailingMode).</summary>
public enum PxTrailingMode
{
    /// <summary>The floor trails the highest closing balance (Topstep).</summary>
    EndOfDay,
    /// <summary>The floor trails the equity high-water mark, unrealized peaks included.</summary>
    Intraday,
}

/// <summary>A RiskWarning or RiskBreach event (<c>$Event.SourceEventArgs.Risk</c>).</summary>
public sealed class PxRiskEvent
{
    public string Kind { get; init; } = "";
    /// <summary>The rule: DailyLoss, TrailingMaxLoss or FlatBy.</summary>
    public string Rule { get; init; } = "";
    public int AccountId { get; init; }
    public decimal? Limit { get; init; }
    public decimal? Figure { get; init; }
    /// <summary>Money left before the limit (warnings).</summary>
    public decimal? Remaining { get; init; }
    public string Message { get; init; } = "";
    /// <summary>Breaches: true when the flatten's last read found the account flat.</summary>
    public bool? Flat { get; init; }
    public string? FlattenReport { get; init; }

    internal static PxRiskEvent From(RiskEventArgs e) => new()
    {
        Kind = e.Kind.ToString(),
        Rule = e.Rule.ToString(),
        AccountId = e.AccountId,
        Limit = e.Limit,
        Figure = e.Figure,
        Remaining = e.Remaining,
        Message = e.Message,
        Flat = e.Flatten?.IsFlat,
        FlattenReport = e.Flatten?.ToString(),
    };

    public override string ToString() => $"{Kind} {Rule}: {Message}";
}
