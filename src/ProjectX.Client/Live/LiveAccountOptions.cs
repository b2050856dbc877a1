using ProjectX.Client.Realtime;

namespace ProjectX.Client.Live;

/// <summary>How a <see cref="LiveAccount"/> starts and how much it buffers.</summary>
public sealed class LiveAccountOptions
{
    /// <summary>The account to follow, by name or id. Default: the client's default account, else the first active account that can trade.</summary>
    public string? Account { get; set; }

    /// <summary>Options of the engine's <see cref="ProjectXRealtime"/> (null = defaults).</summary>
    public RealtimeOptions? Realtime { get; set; }

    /// <summary>
    /// Events buffered between the hubs and the state. If the state ever falls this far behind, the oldest events are
    /// dropped, which is a gap: the realtime layer publishes fresh snapshots and the engine repairs bars and books. Default 100,000.
    /// </summary>
    public int EventQueueCapacity { get; set; } = 100_000;

    /// <summary>Finished orders the order store keeps (working orders are always kept). Default 10,000.</summary>
    public int MaxFinishedOrders { get; set; } = 10_000;

    /// <summary>How the engine's <see cref="LiveAccount.Protection"/> manages stops and targets.</summary>
    public ProtectionOptions Protection { get; set; } = new();

    internal void Validate()
    {
        Protection?.Validate();
        if (EventQueueCapacity < 1 || MaxFinishedOrders < 1)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "EventQueueCapacity and MaxFinishedOrders must be at least 1.", nameof(EventQueueCapacity));
    }
}
