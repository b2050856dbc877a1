using System.Net.Http.Json;
using System.Text;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.BenchShared;

/// <summary>
/// The SignalR JSON protocol as text, for the benchmark's raw-WebSocket parts (the floor client, the stream recorder
/// and the replay server), and the demo login. Shared by bench/ProjectX.BenchClients and bench/ProjectX.Benchmarks.
/// </summary>
public static class HubText
{
    public const byte RecordSeparator = 0x1e;
    public const string DemoUser = "demo";
    public const string DemoKey = "demo-api-key";

    /// <summary>The three market streams, in the order every benchmark client subscribes them (depth last).</summary>
    public static IReadOnlyList<HubStream> MarketStreams { get; } = [HubProtocol.Quotes, HubProtocol.MarketTrades, HubProtocol.Depth];

    public static byte[] Handshake { get; } = Frame("{\"protocol\":\"json\",\"version\":1}");

    public static byte[] Invocation(int id, string target, string argument) =>
        Frame($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":[\"{argument}\"]}}");

    public static byte[] Frame(string json) => Encoding.UTF8.GetBytes(json + "\u001e");

    /// <summary>Calls <paramref name="onMessage"/> for each complete message (without its separator); returns the bytes consumed.</summary>
    public static int Split(ReadOnlySpan<byte> data, MessageHandler onMessage)
    {
        var consumed = 0;
        int end;
        while ((end = data[consumed..].IndexOf(RecordSeparator)) >= 0)
        {
            onMessage(data.Slice(consumed, end));
            consumed += end + 1;
        }
        return consumed;
    }

    public delegate void MessageHandler(ReadOnlySpan<byte> message);

    /// <summary>Auth/loginKey with the simulator's demo user.</summary>
    public static async Task<string> LogInAsync(Uri api, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = api };
        using var response = await http.PostAsJsonAsync("/api/Auth/loginKey", new LoginApiKeyRequest { UserName = DemoUser, ApiKey = DemoKey }, GatewayJsonContext.Default.LoginApiKeyRequest, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var login = await response.Content.ReadFromJsonAsync(GatewayJsonContext.Default.LoginResponse, ct).ConfigureAwait(false);
        return login?.Token ?? throw new InvalidOperationException("The login returned no token.");
    }

    /// <summary>The hub URL with the token as <c>?access_token=</c>, as ws:// or http:// (<paramref name="webSocket"/>).</summary>
    public static Uri WithToken(Uri hub, string token, bool webSocket = false)
    {
        var builder = new UriBuilder(hub) { Query = "access_token=" + Uri.EscapeDataString(token) };
        if (webSocket)
            builder.Scheme = hub.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }
}
