namespace ProjectX.Client.Risk;

/// <summary>
/// Where an account stands against its rules at <see cref="At"/>: the day's figures, the trailing floor, the counts and
/// the lock. Money is in account currency; <c>Remaining</c> figures are how far the account is from each limit.
/// </summary>
public sealed record RiskStatus
{
    public required int AccountId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required DateOnly TradingDay { get; init; }
    public required decimal Balance { get; init; }
    /// <summary>The open positions' unrealized PnL; null when unknown (no live prices: connect with realtime).</summary>
    public decimal? Unrealized { get; init; }
    /// <summary>Open positions without a live price (their unrealized PnL is not in <see cref="Unrealized"/>).</summary>
    public int UnpricedPositions { get; init; }
    /// <summary>Balance plus the known unrealized PnL.</summary>
    public decimal Equity => Balance + (Unrealized ?? 0m);
    public required decimal DayStartBalance { get; init; }
    /// <summary>The trading day's PnL: equity minus the day's starting balance (realized + unrealized, net of fees).</summary>
    public decimal DayPnl => Equity - DayStartBalance;
    public decimal? DailyLossLimit { get; init; }
    /// <summary>How much more the account may lose today; null without a daily loss limit.</summary>
    public decimal? DailyLossRemaining => DailyLossLimit is { } limit ? limit + DayPnl : null;
    public TrailingMode? TrailingMode { get; init; }
    /// <summary>The high the floor trails: the equity high (intraday) or the closing-balance high (end of day).</summary>
    public decimal? TrailingHigh { get; init; }
    public decimal? TrailingFloor { get; init; }
    /// <summary>True when the floor has reached its lock level and will not rise again.</summary>
    public bool TrailingFloorLocked { get; init; }
    public decimal? TrailingRemaining => TrailingFloor is { } floor ? Equity - floor : null;
    public required decimal EquityHigh { get; init; }
    public required decimal ClosingBalanceHigh { get; init; }
    public required int OpenPositions { get; init; }
    /// <summary>Contracts in positions plus working orders that could fill, in the worst direction.</summary>
    public required int Contracts { get; init; }
    public required int WorkingOrders { get; init; }
    /// <summary>Orders placed this trading day (read when <see cref="RiskRules.MaxOrdersPerDay"/> is set).</summary>
    public int? OrdersToday { get; init; }
    /// <summary>Round trips this trading day (read when <see cref="RiskRules.MaxRoundTripsPerDay"/> is set).</summary>
    public int? RoundTripsToday { get; init; }
    public RiskLock? Lock { get; init; }
    public bool IsLocked => Lock is not null;
    public required RiskRules Rules { get; init; }

    public override string ToString() => FormattableString.Invariant(
        $"Account {AccountId} {TradingDay:yyyy-MM-dd}: day PnL {DayPnl:0.00}, equity {Equity:0.00}{(TrailingFloor is { } f ? $", floor {f:0.00}" : "")}{(Lock is { } l ? $", LOCKED ({l.Rule})" : "")}");
}

/// <summary>Whether an event warns of a limit coming close or reports one reached.</summary>
public enum RiskEventKind { Warning, Breach }

/// <summary>A warning (within the buffer of a limit) or a breach (the limit reached: the guard locked and flattened).</summary>
public sealed class RiskEventArgs : EventArgs
{
    public RiskEventArgs(RiskEventKind kind, RiskRule rule, int accountId, DateTimeOffset at, decimal? limit, decimal? figure, decimal? remaining, string message, FlattenResult? flatten)
    {
        Kind = kind;
        Rule = rule;
        AccountId = accountId;
        At = at;
        Limit = limit;
        Figure = figure;
        Remaining = remaining;
        Message = message;
        Flatten = flatten;
    }

    public RiskEventKind Kind { get; }
    public RiskRule Rule { get; }
    public int AccountId { get; }
    public DateTimeOffset At { get; }
    public decimal? Limit { get; }
    public decimal? Figure { get; }
    /// <summary>Money left before the limit (warnings).</summary>
    public decimal? Remaining { get; }
    public string Message { get; }
    /// <summary>What the breach's flatten did (breaches only).</summary>
    public FlattenResult? Flatten { get; }

    public override string ToString() => $"{Kind} {Rule}: {Message}";
}

/// <summary>What a flatten found and did, round by round; <see cref="IsFlat"/> when its last read found nothing open.</summary>
public sealed record FlattenResult(bool IsFlat, int Rounds, int OrdersCancelled, int PositionsClosed, IReadOnlyList<string> Problems)
{
    public override string ToString() => IsFlat
        ? $"Flat after {Rounds} round(s): {OrdersCancelled} order(s) cancelled, {PositionsClosed} position(s) closed"
        : $"NOT flat after {Rounds} round(s): {string.Join("; ", Problems)}";
}
