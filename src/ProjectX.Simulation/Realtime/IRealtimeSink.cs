namespace ProjectX.Simulation.Realtime;

/// <summary>
/// The transport under one hub connection (ASP.NET SignalR or the in-process hub server). The connection's
/// single pump calls <see cref="SendAsync"/> in order, then <see cref="FlushAsync"/> when its queue runs dry.
/// </summary>
public interface IRealtimeSink
{
    /// <summary>Writes one invocation (<c>{"type":1,"target":…,"arguments":[…]}</c>) for the client.</summary>
    ValueTask SendAsync(string target, object?[] arguments, CancellationToken cancellationToken);

    /// <summary>Pushes what <see cref="SendAsync"/> wrote (a no-op for transports that flush every message).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ends the connection cleanly after what was written (GatewayLogout): a close message that does not allow
    /// reconnecting, so the client knows it must log in again.
    /// </summary>
    ValueTask CloseAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Cuts the connection the way a network failure would (no close message), so the client's automatic
    /// reconnect starts. Must not block and may be called more than once.
    /// </summary>
    void Abort();
}
