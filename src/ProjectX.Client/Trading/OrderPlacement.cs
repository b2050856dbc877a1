using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>What became of a placement sent by <see cref="ProjectXClient.SubmitOrderAsync(PreparedOrder, bool, CancellationToken)"/>.</summary>
public enum PlacementOutcome
{
    /// <summary>The gateway accepted the order.</summary>
    Placed,
    /// <summary>The gateway's answer was lost, but an order carrying the tag exists: it was placed.</summary>
    Reconciled,
    /// <summary>The gateway refused the order (it may exist with status Rejected).</summary>
    Rejected,
    /// <summary>The order was provably not executed (HTTP 401 or 429, the client-side rate limit, no connection): sending it again is safe.</summary>
    NotSent,
    /// <summary>The answer was lost and no order with the tag could be found: it MAY still exist. Look it up by tag before placing it again.</summary>
    Unknown,
}

/// <summary>
/// The whole story of one placement, reconciliation included: what the client knows, and the error that explains any
/// outcome but <see cref="PlacementOutcome.Placed"/>. The order was sent exactly once, whatever the outcome.
/// </summary>
public sealed record OrderPlacement(PreparedOrder Order, PlacementOutcome Outcome, long? OrderId, OrderModel? State, ProjectXException? Error)
{
    /// <summary>The order exists at the gateway (placed, or found by its tag).</summary>
    public bool IsPlaced => Outcome is PlacementOutcome.Placed or PlacementOutcome.Reconciled;

    public string CustomTag => Order.CustomTag;

    /// <summary>Set when the order was placed but reading it back failed; <see cref="State"/> is then null.</summary>
    public ProjectXException? ReadBackError { get; init; }

    public override string ToString() => $"{Outcome}: {Order.Description} (tag {CustomTag}{(OrderId is { } id ? $", order {id}" : "")})";
}
