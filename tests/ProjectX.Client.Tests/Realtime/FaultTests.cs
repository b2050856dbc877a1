using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>Silent feed stalls, revoked sessions and slow consumers, over real sockets.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_silently_stalled_market_feed_forces_a_market_reconnect_and_never_a_user_reconnect()
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(20));
        await using var client = await ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        await using var realtime = new ProjectXRealtime(client, FastOptions(o => o.StaleFeedTimeout = TimeSpan.FromMilliseconds(400)));
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeOrdersAsync(Sim.MainAccount);
        await realtime.SubscribeQuotesAsync(mnq.Id);
        await log.WaitForAsync<QuoteEvent>(_ => true, "a first quote");

        server.Realtime.StallMarketFeed();
        await WaitUntilAsync(() => realtime.StaleFeedReconnectCount >= 1 && realtime.GetConnectCount(HubKind.Market) >= 2, "the watchdog's reconnect");
        server.Realtime.ResumeMarketFeed();
        var quotesBefore = log.Of<QuoteEvent>().Count();
        await WaitUntilAsync(() => log.Of<QuoteEvent>().Count() > quotesBefore, "quotes again after the forced reconnect");

        Assert.Equal(1, realtime.GetConnectCount(HubKind.User)); // the silent user hub is left alone
        Assert.Contains(log.Of<ConnectionStateChangedEvent>(), e => e.Hub == HubKind.Market && e.State == RealtimeConnectionState.Reconnecting);
    }

    [Fact]
    public async Task A_revoked_session_re_authenticates_and_reconnects_both_hubs()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var realtime = new ProjectXRealtime(client, FastOptions());
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeOrdersAsync(Sim.MainAccount);
        var tokenBefore = await client.GetAccessTokenAsync();

        Assert.True(server.Realtime.RevokeSessions(SimulatorOptions.DemoUserName) >= 1);
        // GatewayLogout (or, if the socket dies first, the hub's 401) makes the client log in again.
        await WaitUntilAsync(() => realtime.GetConnectCount(HubKind.User) >= 2 && realtime.GetConnectCount(HubKind.Market) >= 2
            && realtime.UserHubState == RealtimeConnectionState.Connected, "both hubs back with a new session");

        Assert.NotEqual(tokenBefore, await client.GetAccessTokenAsync());
        var placed = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        await log.WaitForAsync<OrderUpdatedEvent>(e => e.Order.Id == placed.OrderId && e.Origin == EventOrigin.Hub, "a live order event on the new session");
    }

    [Fact]
    public async Task A_logout_of_the_token_one_hub_still_uses_reconnects_only_that_hub_and_keeps_the_new_session()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var realtime = new ProjectXRealtime(client, FastOptions());
        await realtime.StartAsync();
        await realtime.SubscribeOrdersAsync(Sim.MainAccount);
        var oldToken = await client.GetAccessTokenAsync();

        // The user hub moves to a new session while the market hub stays on the old one: the moment a GatewayLogout
        // for the old token (which the gateway sends on every hub) reaches a hub that has already reconnected.
        await client.AuthenticateAsync();
        var newToken = await client.GetAccessTokenAsync();
        Assert.Equal(1, server.Realtime.KillConnections(HubKind.User));
        await WaitUntilAsync(() => realtime.GetConnectCount(HubKind.User) == 2 && realtime.UserHubState == RealtimeConnectionState.Connected, "the user hub on the new token");

        using (var http = new HttpClient { BaseAddress = server.BaseUrl })
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "api/Auth/logout"))
        {
            logout.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", oldToken);
            (await http.SendAsync(logout)).EnsureSuccessStatusCode();
        }
        await WaitUntilAsync(() => realtime.LogoutCount == 1 && realtime.GetConnectCount(HubKind.Market) == 2
            && realtime.MarketHubState == RealtimeConnectionState.Connected, "the market hub back after its logout");

        Assert.Equal(2, realtime.GetConnectCount(HubKind.User));            // not dropped: its token is still valid
        Assert.Equal(RealtimeConnectionState.Connected, realtime.UserHubState);
        Assert.Equal(newToken, await client.GetAccessTokenAsync());           // no second login: the session in use was not the one revoked
    }

    [Fact]
    public async Task A_blocked_consumer_stalls_neither_the_socket_nor_the_other_consumers()
    {
        // Load mode: a steady stream of single-row depth messages.
        await using var server = await Sim.StartAsync(o => o.Realtime.LoadMessagesPerSecond = 500);
        await using var client = await ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        await using var realtime = new ProjectXRealtime(client, FastOptions(o => { o.UseUserHub = false; o.HandlerQueueCapacity = 16; }));
        using var release = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        realtime.DepthReceived += (_, _) => { blocked.TrySetResult(); release.Wait(); };   // never returns until released
        using var unread = realtime.OpenStream<DepthEvent>(capacity: 8);                   // never read
        var fastCount = 0;
        realtime.DepthReceived += (_, _) => Interlocked.Increment(ref fastCount);
        using var stream = realtime.OpenStream<DepthEvent>();

        try
        {
            await realtime.StartAsync();
            await realtime.SubscribeDepthAsync(mnq.Id);
            await blocked.Task.WaitAsync(WaitLimit);
            var atBlock = Volatile.Read(ref fastCount);
            var streamed = 0;
            using var limit = new CancellationTokenSource(WaitLimit);
            await foreach (var _ in stream.ReadAllAsync(limit.Token))
            {
                if (++streamed >= 100)
                    break;
            }
            await WaitUntilAsync(() => Volatile.Read(ref fastCount) >= atBlock + 100, "the other handler keeps receiving");

            Assert.True(unread.DroppedCount > 0);
            Assert.Equal(8, unread.Reader.Count);
            Assert.Equal(RealtimeConnectionState.Connected, realtime.MarketHubState);
            Assert.Equal(1, realtime.GetConnectCount(HubKind.Market)); // the socket was never stalled into a timeout
        }
        finally
        {
            release.Set();
        }
    }
}
