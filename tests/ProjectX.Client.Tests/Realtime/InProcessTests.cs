using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>In-process (SimulatedGateway.ConfigureClient): the same HubConnection code over in-memory pipes.</summary>
public sealed class InProcessTests
{
    [Fact]
    public async Task In_process_hubs_deliver_user_events()
    {
        using var gateway = new SimulatedGateway();
        var options = new ProjectXClientOptions { UserName = Simulation.SimulatorOptions.DemoUserName, ApiKey = Simulation.SimulatorOptions.DemoApiKey };
        gateway.ConfigureClient(options);
        await using var client = await ProjectXClient.ConnectAsync(options);
        await using var realtime = new ProjectXRealtime(client, FastOptions());
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeUserAsync(Support.Sim.MainAccount);

        var placed = await client.PlaceMarketOrderAsync("MNQ", Gateway.OrderSide.Ask, 1);

        await log.WaitForAsync<TradeExecutedEvent>(e => e.Trade.OrderId == placed.OrderId, "the fill in-process");
        Assert.Equal(2, gateway.Realtime.ConnectionCount);
    }

    [Fact]
    public async Task GatewayLogout_re_authenticates_and_reconnects_both_hubs()
    {
        using var gateway = new SimulatedGateway();
        var options = new ProjectXClientOptions { UserName = Simulation.SimulatorOptions.DemoUserName, ApiKey = Simulation.SimulatorOptions.DemoApiKey };
        gateway.ConfigureClient(options);
        await using var client = await ProjectXClient.ConnectAsync(options);
        await using var realtime = new ProjectXRealtime(client, FastOptions());
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeOrdersAsync(Support.Sim.MainAccount);
        var tokenBefore = await client.GetAccessTokenAsync();

        Assert.True(gateway.RevokeSessions(Simulation.SimulatorOptions.DemoUserName) >= 1);

        await WaitUntilAsync(() => realtime.LogoutCount >= 1, "GatewayLogout handled");
        await WaitUntilAsync(() => realtime.GetConnectCount(HubKind.User) >= 2 && realtime.GetConnectCount(HubKind.Market) >= 2
            && realtime.UserHubState == RealtimeConnectionState.Connected, "both hubs back with a new session");
        Assert.NotEqual(tokenBefore, await client.GetAccessTokenAsync());
        var placed = await client.PlaceMarketOrderAsync("MNQ", Gateway.OrderSide.Bid, 1);
        await log.WaitForAsync<OrderUpdatedEvent>(e => e.Order.Id == placed.OrderId && e.Origin == EventOrigin.Hub, "a live order event on the new session");
    }

    [Fact]
    public async Task Subscriptions_made_before_start_and_after_a_stop_are_replayed()
    {
        using var gateway = new SimulatedGateway(new Simulation.SimulatorOptions { Realtime = { FeedInterval = TimeSpan.FromMilliseconds(20) } });
        var options = new ProjectXClientOptions { UserName = Simulation.SimulatorOptions.DemoUserName, ApiKey = Simulation.SimulatorOptions.DemoApiKey };
        gateway.ConfigureClient(options);
        await using var client = await ProjectXClient.ConnectAsync(options);
        var contract = (await client.GetInstrumentAsync("MNQ")).Id;
        await using var realtime = new ProjectXRealtime(client, FastOptions(o => o.UseUserHub = false));
        await using var log = new EventLog(realtime);

        await realtime.SubscribeQuotesAsync(contract); // not connected yet: recorded only
        await realtime.StartAsync();
        await log.WaitForAsync<QuoteEvent>(e => e.ContractId == contract, "a quote from the subscription recorded before start");

        await realtime.StopAsync();
        await WaitUntilAsync(() => gateway.Realtime.ConnectionCount == 0, "both connections closed on the server");
        var before = log.Of<QuoteEvent>().Count();
        await realtime.StartAsync();
        await WaitUntilAsync(() => log.Of<QuoteEvent>().Count() > before, "quotes again after stop and start");
        Assert.Equal(RealtimeConnectionState.Disconnected, realtime.UserHubState);
    }
}
