namespace ProjectX.Simulation;

/// <summary>How the user hub shapes its event payloads (spec §8.3: both shapes are seen live).</summary>
public enum UserPayloadShape
{
    /// <summary>The REST model itself, as documented: <c>GatewayUserOrder({...order...})</c>.</summary>
    Bare,
    /// <summary><c>{"action": n, "data": {...model...}}</c>, as some live deployments send.</summary>
    Wrapped,
}

/// <summary>The realtime hubs: payload shape, market-feed rate, depth and load generation.</summary>
public sealed class SimulatorRealtimeOptions
{
    public UserPayloadShape UserPayloadShape { get; set; } = UserPayloadShape.Bare;

    /// <summary>
    /// How often the market feed publishes quotes, trade prints and depth changes for every subscribed
    /// contract (simulation time). 250 ms = about 4 quotes per second per contract (the demo rate).
    /// </summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Price levels kept on each side of the simulator's own Level-2 book.</summary>
    public int DepthLevels { get; set; } = 10;

    /// <summary>How long a level's resting volume lasts before it changes (each level on its own phase).</summary>
    public TimeSpan DepthVolumeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// LOAD mode: extra single-row GatewayDepth messages per second per depth-subscribed contract (volume churn
    /// inside the book), on top of the regular feed. 0 = off.
    /// </summary>
    public int LoadMessagesPerSecond { get; set; }

    /// <summary>Tick of the load generator (simulation time); each tick sends the messages that are due.</summary>
    public TimeSpan LoadInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Messages queued for one connection before it counts as a slow consumer and is aborted (its client then
    /// reconnects and resubscribes), so one stuck client never grows the server's memory without bound.
    /// </summary>
    public int MaxQueuedMessagesPerConnection { get; set; } = 200_000;

    /// <summary>Ping (message type 6) interval of the in-process hubs, in real time like SignalR's own keep-alive.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
