using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Live;

/// <summary>The one live engine, against the simulator's hubs over real loopback sockets.</summary>
public sealed class LiveAccountTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static LiveAccountOptions Options(Action<LiveAccountOptions>? configure = null)
    {
        var options = new LiveAccountOptions { Realtime = FastOptions() };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task Starting_reads_each_resource_once_and_selects_the_account()
    {
        await using var server = await Sim.StartAsync();
        using var wire = new RequestLog();
        await using var client = await ProjectXClient.LogInAsync(Sim.Options(server, o =>
        {
            o.HttpMessageHandler = wire;
            o.UserHubUrl = server.UserHubUrl;
            o.MarketHubUrl = server.MarketHubUrl;
        }));

        await using var live = await LiveAccount.StartAsync(client, Options());

        Assert.Equal(["Auth/loginKey", "Account/search", "Order/v2/query", "Position/searchOpen", "Trade/search"], wire.Operations);
        Assert.Equal(Sim.MainAccount, live.AccountId);
        Assert.Equal(Sim.MainAccount, client.DefaultAccount?.Id); // the engine's choice became the client's default
        Assert.Contains(live.Accounts, a => a.Id == Sim.SecondAccount);
        Assert.Equal(live.Account.Balance, live.Positions.Balance);
    }

    [Fact]
    public async Task Symbols_are_added_and_removed_while_the_engine_runs()
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(50));
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, Options());
        Assert.Empty(live.Instruments);
        var closed = new ConcurrentQueue<(string, Timeframe)>();
        live.BarClosed += (_, e) => closed.Enqueue((e.Instrument!.Symbol, e.Data.Timeframe));

        var mnq = await live.WatchAsync("MNQ", new WatchOptions { Timeframes = [Timeframe.OneSecond], HistoryBars = 5 });
        Assert.True(mnq.Bars![Timeframe.OneSecond].ClosedCount >= 5, "seeded from history");
        await WaitUntilAsync(() => live.Quotes[mnq.ContractId] is not null, "an MNQ quote");
        await WaitUntilAsync(() => closed.Contains(("MNQ", Timeframe.OneSecond)), "a live MNQ bar closing");
        Assert.Null(mnq.OrderBook);

        var es = await live.WatchAsync("ES", new WatchOptions { Depth = true, Quotes = false, Trades = false });
        await WaitUntilAsync(() => es.OrderBook!.BidLevelCount > 0 && es.OrderBook.AskLevelCount > 0, "the ES book");
        Assert.Same(es, live.FindInstrument(es.ContractId));
        var again = await live.WatchAsync("MNQ", new WatchOptions { Timeframes = [Timeframe.OneMinute], HistoryBars = 3 });
        Assert.Same(mnq, again);
        Assert.Equal([Timeframe.OneSecond, Timeframe.OneMinute], mnq.Timeframes);
        Assert.Equal(
            ["SubscribeAccounts", $"SubscribeOrders({Sim.MainAccount})", $"SubscribePositions({Sim.MainAccount})", $"SubscribeTrades({Sim.MainAccount})",
             $"SubscribeContractQuotes({mnq.ContractId})", $"SubscribeContractTrades({mnq.ContractId})", $"SubscribeContractMarketDepth({es.ContractId})"],
            live.Realtime.ActiveSubscriptions);

        Assert.True(await live.UnwatchAsync("mnq"));
        Assert.False(await live.UnwatchAsync("MNQ"));
        Assert.Null(live.FindInstrument("MNQ"));
        Assert.DoesNotContain(live.Realtime.ActiveSubscriptions, s => s.Contains(mnq.ContractId, StringComparison.Ordinal));
        await Assert.ThrowsAsync<ProjectXNotFoundException>(() => live.WatchAsync("NOPE"));
    }

    [Fact]
    public async Task A_gap_during_a_brackets_life_ends_with_the_servers_state_and_says_where_it_came_from()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, Options(o => o.Realtime = FastOptions(r => r.ReconnectDelays = [TimeSpan.FromMilliseconds(500)])));
        var changes = new ConcurrentQueue<LiveChange<OrderModel>>();
        var gaps = new ConcurrentQueue<GapEvent>();
        live.OrderChanged += (_, e) => changes.Enqueue(e);
        live.GapDetected += (_, e) => gaps.Enqueue(e);
        var mnq = await client.GetInstrumentAsync("MNQ");

        var entry = await client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 1, stopLossTicks: 80, takeProfitTicks: 80);
        var filled = await live.Orders.WaitForFillAsync(entry.OrderId, Wait);
        IReadOnlyList<OrderModel> legs = [];
        await WaitUntilAsync(() => (legs = live.Orders.GetLegs(entry.OrderId)).Count == 2 && legs.All(l => l.Status == OrderStatus.Open), "both legs working");
        var takeProfit = Assert.Single(legs, l => l.Type == OrderType.Limit);
        var stopLoss = Assert.Single(legs, l => l.Type == OrderType.Stop);
        Assert.Equal(mnq.Id, Assert.Single(changes, c => c.Item.Id == entry.OrderId && c.Item.Status == OrderStatus.Filled).Contract?.Id);

        // The gap: both hubs die, and meanwhile the take profit fills and the stop loss is cancelled by the OCO.
        Assert.Equal(2, server.Realtime.KillConnections());
        await client.ModifyOrderAsync(takeProfit.Id, limitPrice: filled.FilledPrice!.Value - (100 * mnq.TickSize));
        await WaitUntilAsync(() => Sim.OrdersOnServer(server).Single(o => o.Id == takeProfit.Id).Status == OrderStatus.Filled, "the exit on the server");

        await WaitUntilAsync(() => live.Orders[takeProfit.Id]?.Status == OrderStatus.Filled && live.Orders[stopLoss.Id]?.Status == OrderStatus.Cancelled && live.Positions.Count == 0,
            "the exit and the cancelled stop in the engine");
        Assert.Contains(gaps, g => g.Hub == HubKind.User && g.Reason == GapReason.Reconnect);
        Assert.Contains(changes, c => c.Item.Id == takeProfit.Id && c.Item.Status == OrderStatus.Filled && c.Origin == EventOrigin.Resync);
        Assert.Contains(changes, c => c.Item.Id == stopLoss.Id && c.Item.Status == OrderStatus.Cancelled && c.Origin == EventOrigin.Resync);
        Assert.Empty(live.Orders.Working());
        await WaitUntilAsync(() => live.GetHealth() is { Gaps: >= 2, Resyncs: >= 1, UserReconnects: >= 1, MarketReconnects: >= 1 }, "the health to count both hubs' gaps");
    }

    [Fact]
    public async Task An_engine_that_falls_behind_sees_a_gap_and_is_repaired_by_a_snapshot()
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(5));
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, Options(o => o.EventQueueCapacity = 4));
        var gaps = new ConcurrentQueue<GapEvent>();
        live.GapDetected += (_, e) => gaps.Enqueue(e);
        using var stall = new ManualResetEventSlim();
        live.QuoteChanged += (_, _) => stall.Wait(TimeSpan.FromSeconds(5)); // a handler that holds the engine up
        await live.WatchAsync("MNQ", new WatchOptions { Quotes = true, Trades = true });

        // While the engine is held up, the quote flood pushes the fill out of its queue.
        var order = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        await WaitUntilAsync(() => live.DroppedEventCount > 0 && live.Realtime.ResyncCount >= 1, "dropped events and the resync they cause");
        stall.Set();

        await WaitUntilAsync(() => live.Orders[order.OrderId]?.Status == OrderStatus.Filled && live.Positions[order.ContractId]?.Size == 1,
            "the fill and the position after the gap");
        Assert.Contains(gaps, g => g.Reason == GapReason.Overflow && g.Dropped > 0 && g.Hub is null);
    }
}
