using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Realtime;

/// <summary>How <see cref="ProjectXRealtime"/> connects, reconnects and buffers. The defaults suit the real gateway.</summary>
public sealed class RealtimeOptions
{
    /// <summary>Default bound of every stream and .NET event queue (per subscriber).</summary>
    public const int DefaultQueueCapacity = 10_000;

    /// <summary>
    /// Delays between reconnect attempts; after the last one the last delay repeats forever (the client never gives
    /// up while it is not disposed). Each delay gets ±20% jitter so many clients do not reconnect in lockstep.
    /// </summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; set; } =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>
    /// Market hub only: no quote, trade or depth message for this long while at least one market subscription
    /// exists forces a reconnect (the feed can stall silently, spec §8.5). Null disables the watchdog.
    /// </summary>
    public TimeSpan? StaleFeedTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SignalR keep-alive ping interval (clients use 10 s, spec §8.1).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The connection is considered lost when the server sends nothing (not even a ping) for this long.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for the SignalR handshake (the official sample uses 10 s).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far before a gap the REST re-sync looks for orders and trades (covers clock skew).</summary>
    public TimeSpan ResyncLookback { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Connect the user hub (accounts, orders, positions, trades).</summary>
    public bool UseUserHub { get; set; } = true;

    /// <summary>Connect the market hub (quotes, market trades, depth).</summary>
    public bool UseMarketHub { get; set; } = true;

    /// <summary>Bound of the queue behind each .NET event handler (oldest dropped when full; see <see cref="ProjectXRealtime"/>).</summary>
    public int HandlerQueueCapacity { get; set; } = DefaultQueueCapacity;

    /// <summary>Null = the client's <see cref="ProjectXClientOptions.LoggerFactory"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Null = the client's <see cref="ProjectXClientOptions.TimeProvider"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Null = the client's <see cref="ProjectXClientOptions.RealtimeTransport"/> (null there = WebSockets).</summary>
    public IRealtimeTransport? Transport { get; set; }

    internal RealtimeOptions Validated()
    {
        if (ReconnectDelays is null || ReconnectDelays.Count == 0 || ReconnectDelays.Any(d => d < TimeSpan.Zero))
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "ReconnectDelays needs at least one non-negative delay.", nameof(ReconnectDelays));
        if (StaleFeedTimeout is { } stale && stale <= TimeSpan.Zero)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "StaleFeedTimeout must be positive (or null to disable the watchdog).", nameof(StaleFeedTimeout));
        if (KeepAliveInterval <= TimeSpan.Zero || ServerTimeout <= KeepAliveInterval || HandshakeTimeout <= TimeSpan.Zero)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "KeepAliveInterval and HandshakeTimeout must be positive and ServerTimeout longer than KeepAliveInterval.", nameof(ServerTimeout));
        if (HandlerQueueCapacity < 1)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "HandlerQueueCapacity must be at least 1.", nameof(HandlerQueueCapacity));
        if (ResyncLookback < TimeSpan.Zero)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "ResyncLookback must not be negative.", nameof(ResyncLookback));
        if (!UseUserHub && !UseMarketHub)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "At least one of UseUserHub and UseMarketHub must be true.", nameof(UseUserHub));
        var copy = (RealtimeOptions)MemberwiseClone();
        copy.ReconnectDelays = [.. ReconnectDelays];
        return copy;
    }
}
