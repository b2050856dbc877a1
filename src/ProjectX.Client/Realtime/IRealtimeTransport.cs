using Microsoft.AspNetCore.Connections;

namespace ProjectX.Client.Realtime;

/// <summary>
/// Replaces the network under the SignalR hub connections. The default (no transport) connects to the hub
/// URLs over WebSockets with <c>?access_token=</c>, as the gateway expects. The simulator supplies an
/// in-memory transport, so the same HubConnection code runs in-process (<c>Connect-ProjectX -Simulator</c>).
/// This is a ProjectX type on purpose: callers such as the PowerShell module set it without touching SignalR types.
/// </summary>
public interface IRealtimeTransport
{
    /// <summary>
    /// A connection factory for one hub. <paramref name="accessToken"/> returns a fresh token; call it on every
    /// (re)connect. The factory is used with a <see cref="UriEndPoint"/> of <paramref name="hubUrl"/>.
    /// </summary>
    IConnectionFactory CreateConnectionFactory(HubKind hub, Uri hubUrl, Func<CancellationToken, ValueTask<string>> accessToken);
}
