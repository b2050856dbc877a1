using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>Subscriptions and event flows against the simulator's hubs over real loopback WebSockets.</summary>
public sealed class SubscriptionFlowTests
{
    [Theory]
    [InlineData(UserPayloadShape.Bare)]
    [InlineData(UserPayloadShape.Wrapped)]
    public async Task User_events_arrive_typed_in_either_payload_shape(UserPayloadShape shape)
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.UserPayloadShape = shape);
        await using var client = await ConnectAsync(server);
        await using var realtime = new ProjectXRealtime(client, FastOptions(o => o.UseMarketHub = false));
        await using var log = new EventLog(realtime);
        var handlerOrders = new List<OrderUpdatedEvent>();
        realtime.OrderUpdated += (_, e) => { lock (handlerOrders) handlerOrders.Add(e); };

        await realtime.StartAsync();
        await realtime.SubscribeUserAsync(Sim.MainAccount);
        var placed = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2);

        var filled = await log.WaitForAsync<OrderUpdatedEvent>(e => e.Order.Id == placed.OrderId && e.Order.Status == OrderStatus.Filled, "the fill on GatewayUserOrder");
        var position = await log.WaitForAsync<PositionUpdatedEvent>(e => e.Position.ContractId == placed.ContractId, "GatewayUserPosition");
        var trade = await log.WaitForAsync<TradeExecutedEvent>(e => e.Trade.OrderId == placed.OrderId, "GatewayUserTrade");
        await WaitUntilAsync(() => { lock (handlerOrders) return handlerOrders.Any(e => e.Order.Id == placed.OrderId); }, "the OrderUpdated .NET event");

        Assert.All(new RealtimeEvent[] { filled, position, trade }, e => Assert.Equal(EventOrigin.Hub, e.Origin));
        Assert.Equal((2, placed.CustomTag), (filled.Order.FillVolume, filled.Order.CustomTag));
        Assert.Equal((PositionType.Long, 2), (position.Position.Type, position.Position.Size));
        Assert.Equal((OrderSide.Bid, 2), (trade.Trade.Side, trade.Trade.Size));
        Assert.Equal(shape == UserPayloadShape.Wrapped, filled.Action is not null);
        Assert.Equal(0, realtime.MalformedPayloadCount);
        Assert.Equal(RealtimeConnectionState.Connected, realtime.UserHubState);
        Assert.Contains(log.Of<AccountUpdatedEvent>(), e => e.Account.Id == Sim.MainAccount);
    }

    [Fact]
    public async Task Subscribing_publishes_a_snapshot_of_the_working_state_including_suspended_bracket_legs()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        var last = Sim.LastPrice(server, (await client.GetInstrumentAsync("MNQ")).Id);
        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 100m);
        var bracket = await client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 1, stopLossTicks: 20, takeProfitTicks: 40, limitPrice: last - 150m);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        var serverWorking = Sim.OrdersOnServer(server).Where(o => o.Status is OrderStatus.Open or OrderStatus.Suspended).Select(o => o.Id).Order().ToList();

        await using var realtime = new ProjectXRealtime(client, FastOptions(o => o.UseMarketHub = false));
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeUserAsync(Sim.MainAccount);

        // Each snapshot is published before its Subscribe call returns, in subscription order.
        await log.WaitForAsync<PositionsSnapshotEvent>(_ => true, "the last snapshot in the log");
        var snapshots = log.Of<SnapshotEvent>().ToList();
        Assert.Equal([typeof(AccountsSnapshotEvent), typeof(OrdersSnapshotEvent), typeof(PositionsSnapshotEvent)], snapshots.Select(s => s.GetType()));
        Assert.All(snapshots, s => Assert.Equal(EventOrigin.Resync, s.Origin));
        var orders = Assert.IsType<OrdersSnapshotEvent>(snapshots[1]);
        Assert.Equal(serverWorking, orders.Working.Select(o => o.Id).Order());
        Assert.Contains(resting.OrderId, serverWorking);
        Assert.Contains(bracket.OrderId, serverWorking);
        Assert.Contains(orders.Working, o => o.Status == OrderStatus.Suspended);
        Assert.Empty(orders.Recent); // no history was asked for
        var position = Assert.Single(Assert.IsType<PositionsSnapshotEvent>(snapshots[2]).Open);
        Assert.Equal(1, position.Size);
        Assert.Contains(Assert.IsType<AccountsSnapshotEvent>(snapshots[0]).Accounts, a => a.Id == Sim.MainAccount);
        Assert.Empty(log.Of<TradeExecutedEvent>()); // earlier fills are history, not news
        Assert.True(snapshots.Select(s => s.Sequence).SequenceEqual(snapshots.Select(s => s.Sequence).Order()) && snapshots[0].Sequence > 0);
        Assert.Equal(
            ["SubscribeAccounts", "SubscribeOrders(1001)", "SubscribePositions(1001)", "SubscribeTrades(1001)"],
            realtime.ActiveSubscriptions);

        // With a history window, the orders and fills since then come too.
        await using var withHistory = new ProjectXRealtime(client, FastOptions(o => o.UseMarketHub = false));
        await using var historyLog = new EventLog(withHistory);
        await withHistory.StartAsync();
        await withHistory.SubscribeUserAsync(Sim.MainAccount, historySince: DateTimeOffset.UtcNow.AddHours(-1));
        var fills = await historyLog.WaitForAsync<TradesSnapshotEvent>(_ => true, "the fills snapshot");
        Assert.Equal(Sim.OrdersOnServer(server).Count, Assert.Single(historyLog.Of<OrdersSnapshotEvent>()).Recent.Count);
        Assert.Single(fills.Trades);
    }

    [Fact]
    public async Task Market_events_arrive_for_the_subscribed_contract_and_unsubscribing_is_forgotten()
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(20));
        await using var client = await ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        await using var realtime = new ProjectXRealtime(client, FastOptions(o => o.UseUserHub = false));
        await using var log = new EventLog(realtime);
        using var depth = realtime.OpenStream<DepthEvent>();

        await realtime.StartAsync();
        await realtime.SubscribeMarketAsync(mnq.Id);

        var quote = await log.WaitForAsync<QuoteEvent>(_ => true, "a GatewayQuote");
        var trade = await log.WaitForAsync<MarketTradeEvent>(e => e.Trades.Count > 0, "a GatewayTrade array");
        var book = await depth.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit);
        Assert.Equal(mnq.Id, quote.ContractId);
        Assert.Equal(mnq.Id, trade.ContractId);
        Assert.Equal(mnq.Id, book.ContractId);
        Assert.NotEmpty(book.Rows);
        Assert.All(trade.Trades, t => Assert.True(t.Price > 0 && t.Volume > 0));
        Assert.Equal(0, realtime.MalformedPayloadCount);

        await realtime.UnsubscribeMarketTradesAsync(mnq.Id);
        await realtime.UnsubscribeDepthAsync(mnq.Id);
        Assert.Equal([$"SubscribeContractQuotes({mnq.Id})"], realtime.ActiveSubscriptions);
        await Assert.ThrowsAsync<ArgumentException>(() => realtime.SubscribeQuotesAsync(" "));
    }
}
