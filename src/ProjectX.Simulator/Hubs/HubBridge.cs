using Microsoft.AspNetCore.SignalR;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Realtime;

namespace ProjectX.Simulator.Hubs;

/// <summary>Connects ASP.NET SignalR hub connections to the transport-neutral hub logic (<see cref="RealtimeServer"/>).</summary>
internal static class HubBridge
{
    /// <summary>HttpContext.Items key of the access token that <see cref="HubAuthentication"/> accepted.</summary>
    public const string TokenKey = "ProjectX.HubAccessToken";
    private const string ConnectionKey = "ProjectX.RealtimeConnection";

    public static Task ConnectAsync(RealtimeServer realtime, HubKind hub, HubCallerContext context, IClientProxy client)
    {
        var http = context.GetHttpContext();
        var token = http?.Items[TokenKey] as string;
        var connection = realtime.Connect(hub, token, new AspNetHubSink(client, context));
        if (connection is null)
            context.Abort(); // The token was revoked between the HTTP check and now.
        else
            context.Items[ConnectionKey] = connection;
        return Task.CompletedTask;
    }

    public static Task DisconnectAsync(RealtimeServer realtime, HubCallerContext context)
    {
        if (context.Items.TryGetValue(ConnectionKey, out var value) && value is RealtimeConnection connection)
            realtime.Disconnect(connection);
        return Task.CompletedTask;
    }

    public static void Invoke(RealtimeServer realtime, HubCallerContext context, string method, params object?[] arguments)
    {
        if (!context.Items.TryGetValue(ConnectionKey, out var value) || value is not RealtimeConnection connection)
            throw new HubException("The connection is not authenticated.");
        try
        {
            realtime.Invoke(connection, method, arguments);
        }
        catch (RealtimeHubException e)
        {
            throw new HubException(e.Message);
        }
#pragma warning disable CA1031 // Anything else is a simulator bug: counted and logged once (SignalR's own log of it is filtered out).
        catch (Exception e) when (e is not HubException)
#pragma warning restore CA1031
        {
            realtime.Gateway.Diagnostics.BackgroundFault("Hub method " + method, e);
            throw new HubException($"'{method}' failed on the server.");
        }
    }

    /// <summary>Writes events through SignalR; a kill cuts the HTTP connection itself so the client sees a dropped socket.</summary>
    private sealed class AspNetHubSink(IClientProxy client, HubCallerContext context) : IRealtimeSink
    {
        private readonly HttpContext? _http = context.GetHttpContext();

        public ValueTask SendAsync(string target, object?[] arguments, CancellationToken cancellationToken) =>
            new(client.SendCoreAsync(target, arguments, cancellationToken));

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CloseAsync(CancellationToken cancellationToken)
        {
            // SignalR's own abort sends a close message that does not allow reconnecting.
            context.Abort();
            return ValueTask.CompletedTask;
        }

        public void Abort()
        {
            // HubCallerContext.Abort would send a close message that forbids reconnecting; a real drop sends nothing.
            if (_http is not null) _http.Abort();
            else context.Abort();
        }
    }
}
