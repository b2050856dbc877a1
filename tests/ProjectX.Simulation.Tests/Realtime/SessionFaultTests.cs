using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Realtime.InProcess;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>Session revocation (GatewayLogout), server-side kills and token checks on the in-process transport.</summary>
public sealed class SessionFaultTests
{
    [Fact]
    public async Task Logging_out_a_token_sends_GatewayLogout_and_closes_only_that_sessions_connections()
    {
        await using var fx = new RealtimeFixture();
        var first = await fx.LoginAsync();
        var second = await fx.LoginAsync();
        var user = fx.Connect(HubKind.User, () => first);
        var market = fx.Connect(HubKind.Market, () => first);
        var survivor = fx.Connect(HubKind.User, () => second);
        var userEvents = HubRecorder.Attach(user);
        var marketEvents = HubRecorder.Attach(market);
        var survivorEvents = HubRecorder.Attach(survivor);
        var closed = new TaskCompletionSource<Exception?>();
        user.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        await Task.WhenAll(user.StartAsync(), market.StartAsync(), survivor.StartAsync());

        await fx.PostAsync("/api/Auth/logout", "{}", first);

        await userEvents.WaitUntilAsync(r => r.All().Any(e => e.Target == "GatewayLogout"), "GatewayLogout on the user hub");
        await marketEvents.WaitUntilAsync(r => r.All().Any(e => e.Target == "GatewayLogout"), "GatewayLogout on the market hub");
        // Closed by the server with no reconnect allowed: the client must log in again.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => market.State == HubConnectionState.Disconnected, "the market connection closed too");
        Assert.Equal(HubConnectionState.Connected, survivor.State);
        Assert.Equal(0, survivorEvents.Count);
        Assert.Equal(1, fx.Gateway.Realtime.ConnectionCount);

        // The revoked token can no longer connect: the in-memory "negotiate" answers 401.
        var again = fx.Connect(HubKind.User, () => first);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_users_sessions_logs_out_every_connection_and_token_of_that_user()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var otherToken = await fx.LoginAsync(SimulatorOptions.SecondUserName, SimulatorOptions.SecondUserApiKey);
        var hubs = new[] { fx.Connect(HubKind.User, () => token), fx.Connect(HubKind.Market, () => token) };
        var other = fx.Connect(HubKind.Market, () => otherToken);
        var recorders = hubs.Select(HubRecorder.Attach).ToList();
        foreach (var hub in hubs) await hub.StartAsync();
        await other.StartAsync();

        Assert.Equal(1, fx.Gateway.Realtime.RevokeSessions(SimulatorOptions.DemoUserName));

        foreach (var recorder in recorders)
            await recorder.WaitUntilAsync(r => r.All().Any(e => e.Target == "GatewayLogout"), "GatewayLogout");
        await Eventually.HoldsAsync(() => hubs.All(h => h.State == HubConnectionState.Disconnected), "both connections closed");
        Assert.Equal(HubConnectionState.Connected, other.State);
        var rest = await fx.Gateway.HandleAsync(GatewayHttpRequest.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", token));
        Assert.Equal(401, rest.StatusCode);
    }

    [Fact]
    public async Task A_server_side_kill_looks_like_a_dropped_connection_and_the_client_reconnects_with_a_fresh_token()
    {
        await using var fx = new RealtimeFixture();
        var tokens = new List<string> { await fx.LoginAsync() };
        var hub = fx.Connect(HubKind.Market, () => tokens[^1], reconnect: true);
        var events = HubRecorder.Attach(hub);
        var reconnecting = new TaskCompletionSource<Exception?>();
        var reconnected = new TaskCompletionSource<string?>();
        hub.Reconnecting += e => { reconnecting.TrySetResult(e); return Task.CompletedTask; };
        hub.Reconnected += id => { reconnected.TrySetResult(id); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractQuotes", fx.Mnq);
        var firstId = hub.ConnectionId;

        tokens.Add(await fx.LoginAsync()); // rotated: the reconnect must use the new one
        Assert.Equal(1, fx.Gateway.Realtime.KillConnections());
        Assert.NotNull(await reconnecting.Task.WaitAsync(TimeSpan.FromSeconds(10))); // an error, like a reset socket
        Assert.NotEqual(firstId, await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await fx.PostAsync("/api/Auth/logout", "{}", tokens[0]);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.DoesNotContain(events.All(), e => e.Target == "GatewayLogout");

        // Subscriptions do not survive a reconnect (spec §8.1): the client must subscribe again.
        Assert.Equal(1, fx.Gateway.Realtime.ConnectionCount);
        var quotes = events.Data("GatewayQuote").Count;
        fx.Advance(TimeSpan.FromSeconds(5));
        await hub.InvokeAsync("SubscribeContractQuotes", fx.Mnq);
        await events.WaitUntilAsync(r => r.Data("GatewayQuote").Count == quotes + 1, "a full quote after resubscribing");
        Assert.Equal(13, events.Data("GatewayQuote")[^1].EnumerateObject().Count());

        var reconnects = 0;
        hub.Reconnected += _ => { Interlocked.Increment(ref reconnects); return Task.CompletedTask; };
        Assert.Equal(1, fx.Gateway.Realtime.KillConnections());
        await Eventually.HoldsAsync(() => Volatile.Read(ref reconnects) == 1 && hub.State == HubConnectionState.Connected, "reconnected after the kill");
    }

    [Fact]
    public async Task ConfigureClient_points_a_client_at_the_in_process_gateway()
    {
        using var gateway = new SimulatedGateway();
        var options = new ProjectXClientOptions();
        gateway.ConfigureClient(options);
        Assert.Equal(SimulatedGateway.InProcessBaseUrl, options.ApiBaseUrl);
        Assert.Equal(new Uri("http://simulator.projectx.invalid/hubs/user"), options.UserHubUrl);
        Assert.Equal(new Uri("http://simulator.projectx.invalid/hubs/market"), options.MarketHubUrl);
        Assert.IsType<InMemoryHubTransport>(options.RealtimeTransport);
        using var http = new HttpClient(options.HttpMessageHandler!) { BaseAddress = options.ApiBaseUrl };
        var ping = await http.GetStringAsync(new Uri("/api/Status/ping", UriKind.Relative));
        Assert.Equal("pong", ping);
    }
}
