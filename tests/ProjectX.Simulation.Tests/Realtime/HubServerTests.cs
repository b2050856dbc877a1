using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>The ASP.NET Core hubs on a real loopback socket, with the real SignalR client (and a raw WebSocket).</summary>
public sealed class HubServerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(RealtimeFixture.Start);
    private readonly List<HubConnection> _hubs = [];
    private SimulatorServer _server = null!;
    private HttpClient _http = null!;
    private string _token = "";
    private string _mnq = "";

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions();
        options.RateLimits.Enabled = false;
        _server = await SimulatorServer.StartAsync(options, port: 0, time: _time);
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
        _token = await LoginAsync();
        _mnq = _server.Gateway.Exchange.Catalog.Search("MNQ", _time.GetUtcNow()).First(c => c.ActiveContract && c.SymbolId == "F.US.MNQ").Id;
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<string> LoginAsync()
    {
        var response = await _http.PostAsync(new Uri("/api/Auth/loginKey", UriKind.Relative),
            new StringContent("""{"userName":"demo","apiKey":"demo-api-key"}""", Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    private HubConnection Track(HubConnection hub)
    {
        _hubs.Add(hub);
        return hub;
    }

    private void Advance(TimeSpan by)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += TimeSpan.FromMilliseconds(250))
            _time.Advance(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Skip_negotiation_WebSockets_with_access_token_stream_quotes_trades_and_a_depth_book_equal_to_the_simulators()
    {
        var hub = Track(SocketClients.SkipNegotiation(_server.MarketHubUrl, _token));
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractQuotes", _mnq);
        await hub.InvokeAsync("SubscribeContractTrades", _mnq);
        await hub.InvokeAsync("SubscribeContractMarketDepth", _mnq);
        Advance(TimeSpan.FromSeconds(30));

        await events.WaitUntilAsync(r => r.Data("GatewayTrade").Count > 0 && r.Data("GatewayQuote").Count > 1, "quotes and trades");
        var book = _server.Realtime.GetDepthBook(_mnq);
        await Eventually.HoldsAsync(() => ClientBook.Replay(events.Data("GatewayDepth")).SameAs(book), "client book = simulator book");
        Assert.Equal(20, book.Bids.Count + book.Asks.Count);
        Assert.Equal("F.US.MNQ", events.Data("GatewayQuote")[0].GetProperty("symbol").GetString());
        Assert.All(events.Arguments("GatewayTrade"), a => Assert.Equal(_mnq, a[0].GetString()));
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Negotiation_with_an_access_token_provider_delivers_user_events(HttpTransportType transport)
    {
        var hub = Track(SocketClients.Build(_server.UserHubUrl, o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(_token);
            o.Transports = transport;
        }));
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeOrders", 1001);
        await hub.InvokeAsync("SubscribePositions", 1001);

        using var place = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/Order/place", UriKind.Relative))
        {
            Content = new StringContent($$"""{"accountId":1001,"contractId":"{{_mnq}}","type":2,"side":1,"size":2}""", Encoding.UTF8, "application/json"),
        };
        place.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(place)).StatusCode);

        await events.WaitUntilAsync(r => r.Data("GatewayUserPosition").Count == 1 && r.Data("GatewayUserOrder").Any(o => o.GetProperty("status").GetInt32() == 2), "fill and position");
        var position = events.Data("GatewayUserPosition")[0];
        Assert.Equal(2, position.GetProperty("type").GetInt32()); // short
        Assert.Equal(2, position.GetProperty("size").GetInt32());
        Assert.Matches(@"^\d+\.\d{9}$", position.GetProperty("averagePrice").GetRawText());
    }

    [Fact]
    public async Task The_token_is_also_accepted_from_the_Authorization_header()
    {
        var hub = Track(SocketClients.Build(_server.MarketHubUrl, o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
            o.Headers["Authorization"] = "Bearer " + _token;
        }));
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractQuotes", _mnq);
        await events.WaitUntilAsync(r => r.Data("GatewayQuote").Count == 1, "a quote");
    }

    [Fact]
    public async Task A_bad_token_is_refused_with_401_on_negotiate_and_on_connect()
    {
        var negotiate = await _http.PostAsync(new Uri("/hubs/market/negotiate?negotiateVersion=1&access_token=forged", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        var anonymous = await _http.PostAsync(new Uri("/hubs/user/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var ok = await _http.PostAsync(new Uri($"/hubs/user/negotiate?negotiateVersion=1&access_token={_token}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var negotiating = Track(SocketClients.Build(_server.UserHubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>("forged")));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => negotiating.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var direct = Track(SocketClients.SkipNegotiation(_server.MarketHubUrl, "forged"));
        var failed = await Assert.ThrowsAsync<WebSocketException>(() => direct.StartAsync());
        Assert.Contains("401", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raw_wire_matches_the_spec_transcript()
    {
        using var socket = new ClientWebSocket();
        var url = new UriBuilder(_server.MarketHubUrl) { Scheme = "ws", Query = "access_token=" + _token }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", await ReceiveAsync(socket));
        await SendAsync(socket, $$"""{"type":1,"invocationId":"1","target":"SubscribeContractQuotes","arguments":["{{_mnq}}"]}""");

        var seen = new List<JsonElement>();
        while (!(seen.Any(m => m.GetProperty("type").GetInt32() == 3) && seen.Any(m => m.TryGetProperty("target", out _))))
        {
            using var message = JsonDocument.Parse(await ReceiveAsync(socket));
            if (message.RootElement.GetProperty("type").GetInt32() != 6) seen.Add(message.RootElement.Clone());
        }
        var completion = seen.Single(m => m.GetProperty("type").GetInt32() == 3);
        // ASP.NET completes a void method with an explicit null result (the spec's transcript omits it).
        Assert.Equal("""{"type":3,"invocationId":"1","result":null}""", completion.GetRawText());
        var quote = seen.Single(m => m.TryGetProperty("target", out _));
        Assert.Equal("GatewayQuote", quote.GetProperty("target").GetString());
        Assert.Equal(1, quote.GetProperty("type").GetInt32());
        var arguments = quote.GetProperty("arguments");
        Assert.Equal(2, arguments.GetArrayLength());
        Assert.Equal(_mnq, arguments[0].GetString());
        Assert.Equal("F.US.MNQ", arguments[1].GetProperty("symbol").GetString());
        Assert.Matches(@"^\d+\.\d{9}$", arguments[1].GetProperty("bestBid").GetRawText());

        await SendAsync(socket, """{"type":1,"invocationId":"2","target":"UnsubscribeAccounts","arguments":[]}""");
        string answer;
        do answer = await ReceiveAsync(socket); while (!answer.Contains("\"invocationId\":\"2\"", StringComparison.Ordinal));
        Assert.Contains("\"error\"", answer, StringComparison.Ordinal); // a user-hub method on the market hub
    }

    [Fact]
    public async Task Kill_drops_the_socket_so_the_client_reconnects_and_logout_closes_with_GatewayLogout()
    {
        var hub = Track(SocketClients.SkipNegotiation(_server.UserHubUrl, _token, reconnect: true));
        var events = HubRecorder.Attach(hub);
        var reconnected = new TaskCompletionSource<string?>();
        var closed = new TaskCompletionSource<Exception?>();
        hub.Reconnected += id => { reconnected.TrySetResult(id); return Task.CompletedTask; };
        hub.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        await hub.StartAsync();

        Assert.Equal(1, _server.Realtime.KillConnections());
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => _server.Realtime.ConnectionCount == 1, "one connection after the reconnect");
        await hub.InvokeAsync("SubscribeAccounts");

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/Auth/logout", UriKind.Relative)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(logout)).StatusCode);
        await events.WaitUntilAsync(r => r.All().Any(e => e.Target == "GatewayLogout"), "GatewayLogout");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

    private readonly StringBuilder _pending = new();

    /// <summary>One JSON hub protocol record (records end with 0x1E).</summary>
    private async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf('\u001e', StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
