using ProjectX.Client.Gateway;

namespace ProjectX.Client.Live;

/// <summary>How the live engine's <see cref="ProtectionManager"/> works.</summary>
public sealed class ProtectionOptions
{
    /// <summary>
    /// The account's bracket setting when you know it; <see cref="BracketMode.Unknown"/> (default) lets the first
    /// bracket order find out (a native attempt that a Position Brackets account refuses, leaving a Rejected order).
    /// </summary>
    public BracketMode BracketMode { get; set; } = BracketMode.Unknown;

    /// <summary>How often the legs are checked against the gateway while anything is protected, besides every event. Default 15 s.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How soon a check that could not finish (a read failed, a leg was provably not sent) runs again. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (ReconcileInterval <= TimeSpan.Zero || RetryDelay <= TimeSpan.Zero)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "ReconcileInterval and RetryDelay must be positive.", nameof(ReconcileInterval));
    }
}

/// <summary>
/// A stop and/or target to attach to an open position, or to move. Give each as an absolute price or as a distance
/// in ticks from the position's average price (positive; signed for the side for you). Legs you leave out stay as they are.
/// </summary>
public sealed class ProtectionRequest
{
    /// <summary>Symbol, contract name or contract id of the open position.</summary>
    public string Instrument { get; set; } = "";
    public decimal? StopPrice { get; set; }
    public int? StopTicks { get; set; }
    public decimal? TargetPrice { get; set; }
    public int? TargetTicks { get; set; }
    /// <summary>How an off-tick price is treated (default: refused).</summary>
    public PriceRounding Rounding { get; set; } = PriceRounding.None;
}

/// <summary>What the engine protects on one contract: the position it guards and its two legs as last seen.</summary>
public sealed record PositionProtection(
    string ContractId,
    string Group,
    PositionType Direction,
    int PositionSize,
    long? StopOrderId,
    decimal? StopPrice,
    long? TargetOrderId,
    decimal? TargetPrice,
    int? StopTicks,
    int? TargetTicks,
    bool EntryWorking)
{
    /// <summary>True when a working stop-loss leg guards the position.</summary>
    public bool IsProtected => PositionSize > 0 && StopOrderId is not null;
}

/// <summary>What the protection manager did.</summary>
public enum ProtectionEventKind
{
    /// <summary>Working legs or an entry were found by their tags (after a restart or a reconnect) and are managed again.</summary>
    Adopted,
    /// <summary>The account refused native brackets: it is in Position Brackets mode, and the client manages the OCO.</summary>
    PositionBracketsDetected,
    LegPlaced,
    LegResized,
    LegMoved,
    /// <summary>A leg was cancelled: its sibling filled, or the position closed.</summary>
    LegCancelled,
    LegFilled,
    /// <summary>The position closed (or the entry ended unfilled): nothing is left to protect.</summary>
    Completed,
    /// <summary>Something could not be done; <see cref="ProtectionEvent.Error"/> says why. Retried when that is safe.</summary>
    Failed,
    /// <summary>The position was closed at market because it could not be protected, or because both legs filled.</summary>
    Flattened,
}

/// <summary>One thing the protection manager did or failed to do, on one contract.</summary>
public sealed record ProtectionEvent(ProtectionEventKind Kind, string ContractId, ProtectionRole? Role, long? OrderId, string Message, ProjectXException? Error = null)
{
    public override string ToString() => $"{Kind} {ContractId}: {Message}";
}

/// <summary>A bracket order as sent: the entry's placement and whether the gateway or the client runs the OCO.</summary>
public sealed record ProtectedPlacement(OrderPlacement Placement, BracketHandling Handling);
