using System.Net;
using Microsoft.AspNetCore.Connections;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Realtime.InProcess;

/// <summary>
/// Realtime without a network: each hub connection is a pair of in-memory pipes whose far end is served by an
/// in-process hub server speaking the SignalR JSON hub protocol over the same hub logic as <c>/hubs/*</c>.
/// The client's own HubConnection (handshake, pings, reconnect) runs unchanged on top.
/// </summary>
public sealed class InMemoryHubTransport(RealtimeServer server) : IRealtimeTransport
{
    private readonly RealtimeServer _server = server ?? throw new ArgumentNullException(nameof(server));

    public IConnectionFactory CreateConnectionFactory(HubKind hub, Uri hubUrl, Func<CancellationToken, ValueTask<string>> accessToken)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        ArgumentNullException.ThrowIfNull(accessToken);
        return new Factory(_server, hub, hubUrl, accessToken);
    }

    private sealed class Factory(RealtimeServer server, HubKind hub, Uri hubUrl, Func<CancellationToken, ValueTask<string>> accessToken) : IConnectionFactory
    {
        /// <summary>Every connect asks for a fresh token and validates it, like a negotiate request; a bad one is a 401.</summary>
        public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
        {
            var token = await accessToken(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token))
                token = QueryToken((endpoint as UriEndPoint)?.Uri ?? hubUrl) ?? "";
            var session = new InProcessHubSession(server, hub, server.Options.KeepAliveInterval);
            var connection = server.Connect(hub, token, session);
            if (connection is null)
            {
                session.Dispose();
                throw new HttpRequestException("Response status code does not indicate success: 401 (Unauthorized).", null, HttpStatusCode.Unauthorized);
            }
            return session.Start(connection);
        }

        private static string? QueryToken(Uri url)
        {
            foreach (var part in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var pair = part.Split('=', 2);
                if (pair.Length == 2 && pair[0] == "access_token") return Uri.UnescapeDataString(pair[1]);
            }
            return null;
        }
    }
}
