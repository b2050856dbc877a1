using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulator;
using Xunit.Abstractions;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>
/// LOAD mode on the real clock. The measured rate is written to the test output (no timing assertion: the
/// numbers belong in a report); the assertions prove the flood arrives intact (client book = simulator book).
/// </summary>
public sealed class LoadModeTests(ITestOutputHelper output)
{
    private const int Target = 50_000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task In_process_load_mode_floods_depth_and_the_client_book_stays_exact()
    {
        await using var fx = new RealtimeFixture(o => o.Realtime.LoadMessagesPerSecond = Target, TimeProvider.System);
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.Market, () => token);
        await MeasureAsync(hub, fx.Gateway.Realtime, fx.Mnq, "in-process");
    }

    [Fact]
    public async Task Socket_load_mode_floods_depth_and_the_client_book_stays_exact()
    {
        var options = new SimulatorOptions();
        options.Realtime.LoadMessagesPerSecond = Target;
        await using var server = await SimulatorServer.StartAsync(options, port: 0);
        var login = await server.Gateway.HandleAsync(GatewayHttpRequest.Post("/api/Auth/loginKey", """{"userName":"demo","apiKey":"demo-api-key"}""", null));
        var token = JsonDocument.Parse(login.Body).RootElement.GetProperty("token").GetString()!;
        var mnq = server.Gateway.Exchange.Catalog.Search("MNQ", DateTimeOffset.UtcNow).First(c => c.ActiveContract && c.SymbolId == "F.US.MNQ").Id;
        await using var hub = SocketClients.SkipNegotiation(server.MarketHubUrl, token);
        await MeasureAsync(hub, server.Realtime, mnq, "websocket");
    }

    /// <summary>The server side alone: a raw WebSocket reader that only counts records, so the client costs nothing.</summary>
    [Fact]
    public async Task Socket_load_mode_rate_seen_by_a_raw_WebSocket_reader()
    {
        var options = new SimulatorOptions();
        options.Realtime.LoadMessagesPerSecond = Target;
        await using var server = await SimulatorServer.StartAsync(options, port: 0);
        var login = await server.Gateway.HandleAsync(GatewayHttpRequest.Post("/api/Auth/loginKey", """{"userName":"demo","apiKey":"demo-api-key"}""", null));
        var token = JsonDocument.Parse(login.Body).RootElement.GetProperty("token").GetString()!;
        var mnq = server.Gateway.Exchange.Catalog.Search("MNQ", DateTimeOffset.UtcNow).First(c => c.ActiveContract && c.SymbolId == "F.US.MNQ").Id;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(server.MarketHubUrl) { Scheme = "ws", Query = "access_token=" + token }.Uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubscribeContractMarketDepth\",\"arguments\":[\"{mnq}\"]}}\u001e"),
            WebSocketMessageType.Text, true, CancellationToken.None);

        var buffer = new byte[1 << 20];
        long records = 0, frames = 0;
        using var timeout = new CancellationTokenSource(Window * 5);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Window)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            frames++;
            records += buffer.AsSpan(0, result.Count).Count((byte)0x1e);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"websocket (raw reader): target {Target:N0} msg/s, {records / seconds:N0} records/s in {frames / seconds:N0} frames/s");
        Assert.True(records > 2, "handshake, completion and depth records arrived");
        Assert.True(server.Realtime.MarketMessagesSent > 0);
    }

    private async Task MeasureAsync(HubConnection hub, Simulation.Realtime.RealtimeServer realtime, string contractId, string transport)
    {
        var book = new ClientBook();
        long received = 0;
        hub.On<string, JsonElement>("GatewayDepth", (_, rows) =>
        {
            lock (book)
            {
                foreach (var row in rows.EnumerateArray()) book.Apply(row);
            }
            Interlocked.Increment(ref received);
        });
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractMarketDepth", contractId);
        await Eventually.HoldsAsync(() => Interlocked.Read(ref received) > 1000, "the load starts");

        var startCount = Interlocked.Read(ref received);
        var clock = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => clock.Elapsed >= Window, "the measuring window", Window * 3);
        var count = Interlocked.Read(ref received) - startCount;
        var rate = count / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{transport}: target {Target:N0} msg/s, received {count:N0} GatewayDepth messages in {clock.Elapsed.TotalSeconds:F2} s = {rate:N0} msg/s");

        realtime.StallMarketFeed();
        var expected = realtime.GetDepthBook(contractId);
        await Eventually.HoldsAsync(() => { lock (book) return book.SameAs(expected); }, "client book = simulator book after the flood", TimeSpan.FromSeconds(30));
        Assert.True(count > 0);
        Assert.Equal(1, book.Resets);
    }
}
