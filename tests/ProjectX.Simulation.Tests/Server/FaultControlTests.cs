using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Tests.Realtime;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>The fault-control endpoints of the standalone simulator: off by default, the same faults as SimulatorFaults over HTTP.</summary>
public sealed class FaultControlTests : IAsyncLifetime
{
    private LoopbackSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await LoopbackSimulator.StartAsync(new SimulatorOptions { FaultControl = true });

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<HttpResponseMessage> Post(string path, string json) => _sim.PostAsync(path, json);

    private async Task<JsonElement> Fault(string action, string json = "{}")
    {
        var response = await Post("/simulator/faults/" + action, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        using var body = JsonDocument.Parse(text);
        return body.RootElement.Clone();
    }

    private string Market(string tag) => $$"""{"accountId":1001,"contractId":"{{_sim.Mnq}}","type":2,"side":0,"size":1,"customTag":"{{tag}}"}""";

    [Fact]
    public async Task It_is_off_unless_enabled()
    {
        await using var plain = await SimulatorServer.StartAsync(port: 0);
        using var http = new HttpClient { BaseAddress = plain.BaseUrl };
        var response = await http.PostAsync(new Uri("/simulator/faults/reset", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(plain.FaultControlUrl);
    }

    [Fact]
    public async Task Drop_executes_and_cuts_the_connection()
    {
        await Fault("drop", """{"operation":"Order/place"}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => Post("/api/Order/place", Market("fault-drop-1")));

        Assert.Contains(_sim.Server.Gateway.Exchange.GetOrders(1001), o => o.CustomTag == "fault-drop-1" && o.Status == OrderStatus.Filled);
        Assert.Equal(HttpStatusCode.OK, (await Post("/api/Position/closeContract", $$"""{"accountId":1001,"contractId":"{{_sim.Mnq}}"}""")).StatusCode);
    }

    [Fact]
    public async Task Server_errors_and_throttles_are_answered_without_executing_and_reset_clears_them()
    {
        await Fault("server-error", """{"operation":"/api/Order/place","times":1,"statusCode":502}""");
        Assert.Equal(HttpStatusCode.BadGateway, (await Post("/api/Order/place", Market("fault-5xx-1"))).StatusCode);
        await Fault("throttle", """{"operation":"*","retryAfterSeconds":7}""");
        var throttled = await Post("/api/Order/place", Market("fault-429-1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter!.Delta);
        Assert.DoesNotContain(_sim.Server.Gateway.Exchange.GetOrders(1001), o => o.CustomTag is "fault-5xx-1" or "fault-429-1");

        await Fault("server-error", """{"operation":"Account/search","times":5}""");
        await Fault("latency", """{"milliseconds":1}""");
        await Fault("reset");
        Assert.Equal(TimeSpan.Zero, _sim.Server.Gateway.Faults.Latency);
        Assert.Equal(HttpStatusCode.OK, (await Post("/api/Account/search", """{"onlyActiveAccounts":true}""")).StatusCode);
    }

    [Fact]
    public async Task Hub_faults_kill_connections_stall_the_feed_and_revoke_sessions()
    {
        var token = _sim.Token;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(_sim.Server.MarketHubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync();
        await Eventually.HoldsAsync(() => _sim.Server.Realtime.ConnectionCount == 1, "the hub connection");

        Assert.Equal(1, (await Fault("kill-connections", """{"hub":"market"}""")).GetProperty("killed").GetInt32());
        await Fault("stall-feed");
        Assert.True(_sim.Server.Realtime.IsMarketFeedStalled);
        await Fault("resume-feed");
        Assert.False(_sim.Server.Realtime.IsMarketFeedStalled);
        Assert.True((await Fault("revoke-sessions", """{"userName":"demo"}""")).GetProperty("revoked").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("/api/Account/search", """{"onlyActiveAccounts":true}""")).StatusCode);
    }

    [Theory]
    [InlineData("drop", """{"operation":"Order/teleport"}""", 400)]
    [InlineData("drop", """{"operation":"Order/place","times":0}""", 400)]
    [InlineData("server-error", """{"statusCode":404}""", 400)]
    [InlineData("latency", """{"milliseconds":"soon"}""", 400)]
    [InlineData("kill-connections", """{"hub":"both"}""", 400)]
    [InlineData("revoke-sessions", "{}", 400)]
    [InlineData("drop", "[1]", 400)]
    [InlineData("drop", "{", 400)]
    [InlineData("explode", "{}", 404)]
    public async Task A_bad_fault_request_is_refused_with_a_reason(string action, string json, int status)
    {
        var response = await Post("/simulator/faults/" + action, json);

        Assert.Equal(status, (int)response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("error").GetString()));
    }
}
