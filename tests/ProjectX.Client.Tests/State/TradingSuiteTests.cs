using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.Client.Tests.Realtime;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulator;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.State;

/// <summary>The live state against the simulator's hubs over real loopback sockets.</summary>
public sealed class TradingSuiteTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static TradingSuiteOptions Options(Action<TradingSuiteOptions>? configure = null)
    {
        var options = new TradingSuiteOptions { HistoryBars = 0, Realtime = FastOptions() };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task The_bracket_lifecycle_is_seen_through_events_alone()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var suite = await TradingSuite.CreateAsync(client, ["MNQ"], ["1min"], Options());
        var mnq = suite.Contracts["MNQ"];
        var changes = new ConcurrentQueue<(long Id, OrderStatus Status)>();
        suite.Orders.OrderChanged += (_, o) => changes.Enqueue((o.Id, o.Status));

        var placed = await client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 1, stopLossTicks: 80, takeProfitTicks: 80);
        var entry = await suite.Orders.WaitForFillAsync(placed.OrderId, Wait);
        IReadOnlyList<OrderModel> legs = [];
        await WaitUntilAsync(() => (legs = suite.Orders.GetLegs(placed.OrderId)).Count == 2 && legs.All(l => l.Status == OrderStatus.Open), "both legs active");
        await WaitUntilAsync(() => suite.Positions[mnq.Id] is { Size: 1, Type: PositionType.Long }, "long 1");
        var takeProfit = Assert.Single(legs, l => l.Type == OrderType.Limit);
        var stopLoss = Assert.Single(legs, l => l.Type == OrderType.Stop);
        Assert.Equal(stopLoss.Id, suite.Orders.GetLinked(takeProfit.Id)?.Id);
        Assert.Equal(OrderSide.Ask, takeProfit.Side);

        // Make the take profit marketable: a sell limit well under the market fills on the next match.
        await client.ModifyOrderAsync(takeProfit.Id, limitPrice: entry.FilledPrice!.Value - (100 * mnq.TickSize));
        var filled = await suite.Orders.WaitForFillAsync(takeProfit.Id, Wait);
        var cancelled = await suite.Orders.WaitForStatusAsync(stopLoss.Id, OrderStatus.Cancelled, Wait);
        await WaitUntilAsync(() => suite.Positions.Count == 0, "flat");

        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Contains(changes, c => c == (placed.OrderId, OrderStatus.Filled));
        Assert.Equal(0, suite.Positions.UnrealizedPnl(mnq.Id));
        var pnl = suite.Positions.GetPortfolioPnl();
        Assert.True(pnl.TradesToday >= 2, $"fills counted: {pnl.TradesToday}");
        Assert.NotEqual(0m, pnl.RealizedToday);
        Assert.True(pnl.Fees > 0);
    }

    [Fact]
    public async Task The_clients_order_book_equals_the_simulators_book()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await ConnectAsync(server);
        await using var suite = await TradingSuite.CreateAsync(client, ["MNQ"], ["1min"], Options());
        var contractId = suite.Contracts["MNQ"].Id;
        var book = suite.OrderBooks["MNQ"];
        var distinct = new HashSet<string>();

        for (int step = 0; step < 12; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500)); // the feed moves the server's book
            var expected = server.Realtime.GetDepthBook(contractId);
            Assert.NotEmpty(expected.Bids);
            Assert.NotEmpty(expected.Asks);
            await WaitUntilAsync(() => Same(book, expected), $"the books to agree at step {step}: server {Describe(expected.Bids.Select(l => (l.Price, l.Volume)))} / {Describe(expected.Asks.Select(l => (l.Price, l.Volume)))}, client {Describe(book.GetBids().Select(l => (l.Price, l.Volume)))} / {Describe(book.GetAsks().Select(l => (l.Price, l.Volume)))}");
            distinct.Add(Describe(expected.Bids.Select(l => (l.Price, l.Volume))) + "|" + Describe(expected.Asks.Select(l => (l.Price, l.Volume))));
        }
        Assert.True(distinct.Count > 3, "the book changed while it was compared");
        Assert.True(book.Spread > 0);
    }

    // Level by level, numerically (the wire may carry another decimal scale than the server's own book).
    private static bool Same(OrderBook book, ProjectX.Simulation.Realtime.DepthBookSnapshot expected) =>
        book.GetBids().Select(l => (l.Price, l.Volume)).SequenceEqual(expected.Bids.Select(l => (l.Price, l.Volume)))
        && book.GetAsks().Select(l => (l.Price, l.Volume)).SequenceEqual(expected.Asks.Select(l => (l.Price, l.Volume)));

    private static string Describe(IEnumerable<(decimal Price, long Volume)> levels) =>
        string.Join(",", levels.Select(l => FormattableString.Invariant($"{l.Volume}@{l.Price}")));

    [Fact]
    public async Task Bars_built_live_equal_retrieve_bars_for_the_same_window()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await ConnectAsync(server);
        var timeframes = new[] { Timeframe.OneSecond, new Timeframe(AggregateBarUnit.Second, 5), Timeframe.OneMinute };
        await using var suite = await TradingSuite.CreateAsync(client, ["MNQ"], timeframes, Options());
        var contractId = suite.Contracts["MNQ"].Id;
        var start = Timeframe.OneMinute.EndOf(Timeframe.OneMinute.Floor(time.GetUtcNow())); // the first whole minute
        var end = start.AddMinutes(2);
        while (time.GetUtcNow() < end.AddSeconds(2))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => server.Realtime.MarketMessagesSent > 0, "the feed running");
        }
        var bars = suite.Bars["MNQ"];
        await WaitUntilAsync(() => bars[Timeframe.OneMinute].LastClosed?.Start >= start.AddMinutes(1), "two closed minutes");

        foreach (var tf in timeframes)
        {
            var expected = server.Gateway.Exchange.Market.RetrieveBars(new RetrieveBarRequest
            {
                ContractId = contractId, StartTime = start, EndTime = end, Unit = tf.Unit, UnitNumber = tf.Count, Limit = 20_000,
            }, time.GetUtcNow()).Bars!.OrderBy(b => b.T).Select(Bar.From).ToList();
            Assert.NotEmpty(expected);
            await WaitUntilAsync(() => bars[tf].ToArray(includeForming: false).Count(b => b.Start >= start && b.Start < end) >= expected.Count, $"{tf} bars closed");
            var live = bars[tf].ToArray(includeForming: false).Where(b => b.Start >= start && b.Start < end).ToList();
            Assert.Equal(expected, live);
        }
    }

    [Fact]
    public async Task Killing_the_hubs_mid_stream_loses_nothing()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var suite = await TradingSuite.CreateAsync(client, ["MNQ"], ["1min"], Options());
        var mnq = suite.Contracts["MNQ"];
        var last = Sim.LastPrice(server, mnq.Id);

        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 200m);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2);
        await WaitUntilAsync(() => suite.Positions[mnq.Id]?.Size == 2, "long 2 before the kill");

        Assert.Equal(2, server.Realtime.KillConnections());
        await client.CancelOrderAsync(resting.OrderId);
        var bornInGap = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Ask, 1, last + 200m);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 3); // long 2 → short 1

        await WaitUntilAsync(() => suite.Realtime.GetConnectCount(HubKind.User) >= 2 && suite.Realtime.GetConnectCount(HubKind.Market) >= 2, "both hubs back");
        await WaitUntilAsync(() => StateMatches(server, suite, out _), "the client's state to equal the simulator's",
            timeout: Wait);
        Assert.True(StateMatches(server, suite, out var detail), detail);
        Assert.Equal(OrderStatus.Cancelled, suite.Orders[resting.OrderId]!.Status);
        Assert.Equal(OrderStatus.Open, suite.Orders[bornInGap.OrderId]!.Status);
        Assert.Equal((PositionType.Short, 1), (suite.Positions[mnq.Id]!.Type, suite.Positions[mnq.Id]!.Size));
        await WaitUntilAsync(() => suite.Quotes[mnq.Id]?.UpdateCount > 1 && suite.OrderBooks["MNQ"].BidLevelCount > 0, "market data after the reconnect");
    }

    [Fact]
    public async Task A_market_reconnect_backfills_the_bars_of_the_gap()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: time);
        // The client shares the simulator's clock, so its bar requests and aggregators see the simulated minutes.
        await using var client = await ConnectAsync(server, o => o.TimeProvider = time);
        await using var suite = await TradingSuite.CreateAsync(client, ["MNQ"], ["1min"], Options(o =>
        {
            o.HistoryBars = 10;
            // The fake clock steps faster than a loaded machine delivers prints: give late prints room, so a bar
            // closes only once its prints are in (the assertion below stays exact).
            o.BarCloseDelay = TimeSpan.FromSeconds(5);
            o.Realtime = FastOptions(r => r.ReconnectDelays = [TimeSpan.FromSeconds(30)]);
        }));
        var contractId = suite.Contracts["MNQ"].Id;
        var bars = suite.Bars["MNQ"][Timeframe.OneMinute];
        var start = bars.LastClosed!.Value.Start;
        // While the hub is up, each clock step waits until the client has the prints of the elapsed second, so a
        // busy machine cannot leave prints behind the fake clock (they would arrive after their bar closed).
        long newestPrint = 0;
        suite.Realtime.MarketTradeReceived += (_, e) =>
        {
            foreach (var print in e.Trades)
                InterlockedMax(ref newestPrint, print.Timestamp.UtcTicks);
        };
        Func<DateTimeOffset, bool> printsArrived = now => Interlocked.Read(ref newestPrint) >= (now - TimeSpan.FromSeconds(1)).UtcTicks;
        await AdvanceAsync(time, 20, printsArrived);

        Assert.Equal(1, server.Realtime.KillConnections(HubKind.Market));
        await AdvanceAsync(time, 60); // the reconnect waits 30 s: prints of the gap are never sent
        await WaitUntilAsync(() => suite.Realtime.GetConnectCount(HubKind.Market) == 2, "the market hub back");
        for (int i = 0; i < 70 && suite.BarBackfillCount == 0; i++)
        {
            // Step the clock gently: the backfill re-reads the reconnect's minute once it has closed.
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        await WaitUntilAsync(() => suite.BarBackfillCount >= 1, "the backfill after the reconnect");
        await AdvanceAsync(time, 15, printsArrived);
        // A quick backfill leaves the clock early in a minute: step on until the window holds three whole minutes.
        while (Timeframe.OneMinute.Floor(time.GetUtcNow() - TimeSpan.FromSeconds(5)) < start.AddMinutes(3))
            await AdvanceAsync(time, 1, printsArrived);
        var end = Timeframe.OneMinute.Floor(time.GetUtcNow() - TimeSpan.FromSeconds(5)); // bars before it are past their close delay
        await WaitUntilAsync(() => bars.LastClosed?.Start >= end.AddMinutes(-1), "bars closed up to now");

        var expected = server.Gateway.Exchange.Market.RetrieveBars(new RetrieveBarRequest
        {
            ContractId = contractId, StartTime = start, EndTime = end, Unit = AggregateBarUnit.Minute, UnitNumber = 1, Limit = 20_000,
        }, time.GetUtcNow()).Bars!.OrderBy(b => b.T).Select(Bar.From).ToList();
        var live = bars.ToArray(includeForming: false).Where(b => b.Start >= start && b.Start < end).ToList();
        Assert.True(expected.Count >= 3, $"window of {expected.Count} minutes");
        Assert.True(expected.SequenceEqual(live), $"connects {suite.Realtime.GetConnectCount(HubKind.Market)}, backfills {suite.BarBackfillCount}, now {time.GetUtcNow():O}, late {suite.Bars["MNQ"].LateTrades}\nexpected {string.Join("\n", expected)}\nlive {string.Join("\n", live)}");
    }

    /// <summary>
    /// Moves the simulator's clock one second at a time, letting the feed's messages flow between steps; with
    /// <paramref name="caughtUp"/>, each step first waits until that condition holds for the new time.
    /// </summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, int seconds, Func<DateTimeOffset, bool>? caughtUp = null)
    {
        for (int i = 0; i < seconds; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            if (caughtUp is null)
            {
                await Task.Delay(2);
                continue;
            }

            var now = time.GetUtcNow();
            await WaitUntilAsync(() => caughtUp(now), $"the prints up to {now:HH:mm:ss}");
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    private static bool StateMatches(SimulatorServer server, TradingSuite suite, out string detail)
    {
        foreach (var o in Sim.OrdersOnServer(server))
        {
            var mine = suite.Orders[o.Id];
            if (mine is null || mine.Status != o.Status || mine.FillVolume != o.FillVolume)
            {
                detail = $"order {o.Id}: server {o.Status}/{o.FillVolume}, client {mine?.Status.ToString() ?? "missing"}/{mine?.FillVolume}";
                return false;
            }
        }
        var serverPositions = Sim.PositionsOnServer(server).Where(p => p.Size > 0).Select(p => (p.ContractId, p.Type, p.Size, p.AveragePrice)).OrderBy(p => p.ContractId).ToList();
        var clientPositions = suite.Positions.Snapshot().Select(s => (s.Position.ContractId, s.Position.Type, s.Position.Size, s.Position.AveragePrice)).ToList();
        detail = $"positions: server [{string.Join("; ", serverPositions)}], client [{string.Join("; ", clientPositions)}]";
        return serverPositions.SequenceEqual(clientPositions);
    }

    [Fact]
    public async Task Create_seeds_history_and_Dispose_tears_everything_down()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        var suite = await TradingSuite.CreateAsync(client, ["MNQ", "ES"], [Timeframe.OneMinute, Timeframe.FiveMinutes], Options(o => o.HistoryBars = 5));
        Assert.Equal(2, suite.Instruments.Count);
        Assert.Equal(5, suite.Bars["MNQ"][Timeframe.FiveMinutes].ClosedCount);
        Assert.Equal(5, suite.Bars["es"][Timeframe.OneMinute].ClosedCount);
        Assert.Same(suite["MNQ"], suite[suite.Contracts["MNQ"].Id]);
        Assert.Throws<KeyNotFoundException>(() => suite["NQ"]);
        Assert.Equal(Sim.MainAccount, suite.AccountId);
        await WaitUntilAsync(() => suite.Quotes[suite.Contracts["ES"].Id] is not null && suite.AppliedEventCount > 0, "quotes flowing");
        Assert.Equal(2, server.Realtime.ConnectionCount);

        await suite.DisposeAsync();
        await suite.DisposeAsync(); // twice is fine
        Assert.Equal(RealtimeConnectionState.Disconnected, suite.Realtime.UserHubState);
        Assert.Equal(RealtimeConnectionState.Disconnected, suite.Realtime.MarketHubState);
        await WaitUntilAsync(() => server.Realtime.ConnectionCount == 0, "the server to see both hubs gone");
        Assert.Equal("pong", await client.PingAsync()); // a client the suite did not create stays usable
    }

    [Fact]
    public async Task Create_with_options_owns_the_client_and_rejects_bad_input()
    {
        await using var server = await Sim.StartAsync();
        using var wire = new RequestLog();
        var noSymbol = await Assert.ThrowsAsync<ProjectXValidationException>(() => TradingSuite.CreateAsync(Sim.Options(server, o => o.HttpMessageHandler = wire), [], ["1min"], Options()));
        var badTimeframe = await Assert.ThrowsAsync<ProjectXValidationException>(() => TradingSuite.CreateAsync(Sim.Options(server, o => o.HttpMessageHandler = wire), ["MNQ"], ["fortnight"], Options()));
        Assert.Equal((ValidationReason.MissingInstrument, ValidationReason.InvalidTimeframe), (noSymbol.Reason, badTimeframe.Reason));
        Assert.Empty(wire.Operations); // nothing was sent, not even the login
        await using (var suite = await TradingSuite.CreateAsync(Sim.Options(server, o => { o.UserHubUrl = server.UserHubUrl; o.MarketHubUrl = server.MarketHubUrl; }),
            ["MNQ"], ["5s"], Options()))
        {
            await WaitUntilAsync(() => suite.Bars["MNQ"][Timeframe.Parse("5s")].Forming is not null, "a live bar");
        }
        await WaitUntilAsync(() => server.Realtime.ConnectionCount == 0, "hubs closed");
    }
}
