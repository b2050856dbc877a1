using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>Reconnects forced by the server: resubscribe, REST re-sync, nothing lost.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task A_killed_socket_with_a_rotated_token_resubscribes_and_resyncs_everything_that_happened_in_the_gap()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        // Realtime's clock is fake so the reconnect waits, deterministically, until the gap's trading is done.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var realtime = new ProjectXRealtime(client, FastOptions(o =>
        {
            o.TimeProvider = clock;
            o.ReconnectDelays = [TimeSpan.FromSeconds(1)];
        }));
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeUserAsync(Sim.MainAccount);
        await realtime.SubscribeQuotesAsync(mnq.Id);

        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 100m);
        var entry = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        await log.WaitForAsync<PositionUpdatedEvent>(e => e.Position.Size == 1, "the position before the gap");
        await log.WaitForAsync<OrderUpdatedEvent>(e => e.Order.Id == resting.OrderId, "the resting order before the gap");
        var tokenBefore = await client.GetAccessTokenAsync();

        Assert.Equal(2, server.Realtime.KillConnections());
        await WaitUntilAsync(() => realtime.UserHubState == RealtimeConnectionState.Reconnecting && realtime.MarketHubState == RealtimeConnectionState.Reconnecting, "both hubs reconnecting");
        // Rotate the session: the old token is logged out; the next REST call logs in afresh.
        await client.LogoutAsync();
        await client.CancelOrderAsync(resting.OrderId);
        await client.ClosePositionAsync("MNQ");
        var bornInGap = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Ask, 1, last + 100m);
        Assert.NotEqual(tokenBefore, await client.GetAccessTokenAsync());
        var eventsBeforeReconnect = log.All.Count;

        await WaitUntilAsync(() => realtime.GetConnectCount(HubKind.User) == 2 && realtime.GetConnectCount(HubKind.Market) == 2,
            "both hubs reconnected with the new token", onPoll: () => clock.Advance(TimeSpan.FromSeconds(1)));
        await WaitUntilAsync(() => realtime.ResyncCount >= 1, "the REST re-sync");
        await log.WaitForAsync<TradesSnapshotEvent>(_ => true, "the resync's last snapshot in the log"); // the only one: the subscription asked for no history

        var gap = log.All.Skip(eventsBeforeReconnect).ToList();
        // The gap is explicit, and the snapshots after it say what happened in it.
        var gapEvent = Assert.Single(gap.OfType<GapEvent>(), g => g.Hub == HubKind.User);
        Assert.Equal(GapReason.Reconnect, gapEvent.Reason);
        Assert.Single(gap.OfType<GapEvent>(), g => g.Hub == HubKind.Market);
        var afterGap = gap.SkipWhile(e => e != gapEvent).ToList();
        var orders = Assert.Single(afterGap.OfType<OrdersSnapshotEvent>());
        Assert.Contains(orders.Recent, o => o.Id == resting.OrderId && o.Status == OrderStatus.Cancelled);
        Assert.Contains(orders.Working, o => o.Id == bornInGap.OrderId && o.Status == OrderStatus.Open);
        var closing = Assert.Single(orders.Recent, o => o.Type == OrderType.Market && o.Side == OrderSide.Ask);
        Assert.Equal(OrderStatus.Filled, closing.Status);
        Assert.DoesNotContain(Assert.Single(afterGap.OfType<PositionsSnapshotEvent>()).Open, p => p.ContractId == mnq.Id);
        Assert.Contains(Assert.Single(afterGap.OfType<TradesSnapshotEvent>()).Trades, t => t.OrderId == closing.Id);

        // Subscriptions were replayed: live events flow on both hubs again.
        var after = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 1);
        await log.WaitForAsync<OrderUpdatedEvent>(e => e.Order.Id == after.OrderId && e.Origin == EventOrigin.Hub, "a live order event after the reconnect");
        var quotesBefore = log.Of<QuoteEvent>().Count();
        await WaitUntilAsync(() => log.Of<QuoteEvent>().Count() > quotesBefore, "a live quote after the reconnect");

        // Folding every event and snapshot into the store gives the server's state.
        var store = new OrderTracker(Sim.MainAccount);
        var positions = new PositionTracker(Sim.MainAccount);
        await WaitUntilAsync(() =>
        {
            store.Clear();
            positions.Seed([]);
            foreach (var e in log.All)
            {
                switch (e)
                {
                    case OrderUpdatedEvent o: store.Apply(o); break;
                    case OrdersSnapshotEvent o: store.Apply(o); break;
                    case PositionUpdatedEvent p: positions.Apply(p); break;
                    case PositionsSnapshotEvent p: positions.Apply(p); break;
                }
            }
            return Sim.OrdersOnServer(server).All(o => store[o.Id]?.Status == o.Status)
                && positions[mnq.Id]?.Size == Sim.PositionsOnServer(server).FirstOrDefault(p => p.ContractId == mnq.Id)?.Size;
        }, "the folded events to equal the server's orders and positions");
        Assert.True(realtime.GapCount >= 2);
    }

    [Fact]
    public async Task Reconnect_logs_never_contain_the_token()
    {
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server, o => o.LoggerFactory = loggerFactory);
        await using var realtime = new ProjectXRealtime(client, FastOptions());
        var states = realtime.OpenStream<ConnectionStateChangedEvent>();
        await realtime.StartAsync();
        await realtime.SubscribeOrdersAsync(Sim.MainAccount);
        var token = await client.GetAccessTokenAsync();

        server.Realtime.KillConnections();
        await WaitUntilAsync(() => realtime.GetConnectCount(HubKind.User) == 2 && realtime.GetConnectCount(HubKind.Market) == 2, "reconnected");
        await realtime.DisposeAsync();

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("hub is Reconnecting", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains("access_token=", StringComparison.OrdinalIgnoreCase));
        var seen = new List<ConnectionStateChangedEvent>();
        await foreach (var e in states)
            seen.Add(e);
        Assert.Contains(seen, e => e.Hub == HubKind.User && e.State == RealtimeConnectionState.Reconnecting);
        Assert.DoesNotContain(seen, e => e.Error?.ToString().Contains(token, StringComparison.Ordinal) == true);
        Assert.Equal(RealtimeConnectionState.Disconnected, seen[^1].State);
    }
}
