namespace ProjectX.PowerShell.Models;

/// <summary>The side of an order or fill as a trader says it. The gateway's Bid/Ask are accepted as input (Bid = Buy, Ask = Sell).</summary>
public enum PxSide
{
    Buy = 0,
    Sell = 1,
}

/// <summary>The direction of a position; Flat once it is closed (a PositionUpdated event with size 0).</summary>
public enum PxPositionSide
{
    Flat = 0,
    Long = 1,
    Short = 2,
}

/// <summary>
/// The state of a realtime hub. The hubs do not exist yet (REST only): every connection reports
/// <see cref="NotStarted"/> until the realtime layer fills this in.
/// </summary>
public enum PxHubState
{
    NotStarted = 0,
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}

// The module's own copies of the client's enums (same names and numbers). Cmdlet parameters must not use
// ProjectX.Client types: PowerShell reflects over parameters while importing, before the module's load
// context can hand out the client assembly.

/// <summary>Order types, as the gateway numbers them.</summary>
public enum PxOrderType
{
    Unknown = 0,
    Limit = 1,
    Market = 2,
    StopLimit = 3,
    Stop = 4,
    TrailingStop = 5,
    JoinBid = 6,
    JoinAsk = 7,
}

/// <summary>Order statuses, as the gateway numbers them.</summary>
public enum PxOrderStatus
{
    None = 0,
    Open = 1,
    Filled = 2,
    Cancelled = 3,
    Expired = 4,
    Rejected = 5,
    Pending = 6,
    PendingCancellation = 7,
    /// <summary>A bracket leg waiting for its entry to fill.</summary>
    Suspended = 8,
}

/// <summary>How an off-tick price is treated: None refuses it (a price is never changed silently).</summary>
public enum PxRounding
{
    None = 0,
    Nearest,
    Up,
    Down,
}

/// <summary>How Get-PxBar -Continuous removes the price gap at each roll (see about_ProjectX and docs/continuous-contracts.md).</summary>
public enum PxBackAdjustment
{
    /// <summary>Real prices; the gap stays in the series.</summary>
    None = 0,
    /// <summary>Older bars plus the later rolls' gaps (new close − old close).</summary>
    Difference,
    /// <summary>Older bars times the later rolls' ratios (new close / old close); volume unchanged.</summary>
    Ratio,
}
