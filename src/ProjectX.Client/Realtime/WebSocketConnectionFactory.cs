using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.Extensions.Logging.Abstractions;
using ProjectX.Client.Auth;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The default transport: skip-negotiation WebSockets to the hub URL, asking for a fresh token on every
/// (re)connect and sending it both as <c>?access_token=</c> (what the gateway reads, spec §8.1) and as a
/// bearer header. The transport gets no logger, because SignalR's transport logs the URL and with it the token.
/// </summary>
internal sealed class WebSocketConnectionFactory : IConnectionFactory
{
    private readonly Uri _hubUrl;
    private readonly Func<CancellationToken, ValueTask<string>> _accessToken;

    public WebSocketConnectionFactory(Uri hubUrl, Func<CancellationToken, ValueTask<string>> accessToken)
    {
        _hubUrl = hubUrl;
        _accessToken = accessToken;
    }

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var token = await _accessToken(cancellationToken).ConfigureAwait(false);
        var options = new HttpConnectionOptions
        {
            Url = WithAccessToken(_hubUrl, token),
            SkipNegotiation = true,
            Transports = HttpTransportType.WebSockets,
            AccessTokenProvider = () => Task.FromResult<string?>(token),
        };
        var connection = new HttpConnection(options, NullLoggerFactory.Instance);
        try
        {
            await connection.StartAsync(TransferFormat.Text, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Sanitize(e, token);
        }
    }

    internal static Uri WithAccessToken(Uri hubUrl, string token)
    {
        var builder = new UriBuilder(hubUrl);
        var query = builder.Query.TrimStart('?');
        var parameter = "access_token=" + Uri.EscapeDataString(token);
        builder.Query = query.Length == 0 ? parameter : query + "&" + parameter;
        return builder.Uri;
    }

    /// <summary>A connect failure without anything token-shaped in it (the URL carries the token).</summary>
    internal static Exception Sanitize(Exception error, string token)
    {
        var message = Redactor.Scrub(error.Message, token, Uri.EscapeDataString(token)) ?? "";
        var inner = error.ToString().Contains(token, StringComparison.Ordinal) || error.ToString().Contains("access_token", StringComparison.OrdinalIgnoreCase)
            ? null
            : error;
        return new IOException($"Could not connect to the hub ({error.GetType().Name}): {message}", inner);
    }
}
