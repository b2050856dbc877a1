using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

/// <summary>The high-level trading methods against the simulator's matching engine.</summary>
public sealed class TradingTests
{
    [Fact]
    public async Task Every_order_type_convenience_places_the_right_order()
    {
        // The simulator's clock stands still, so the market cannot move between reading the last price and placing
        // the trailing stops (their distance is measured from the price at placement).
        await using var server = await Sim.StartAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);

        var limit = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 200m);
        var stop = await client.PlaceStopOrderAsync("MNQ", OrderSide.Bid, 1, last + 200m);
        var stopLimit = await client.PlaceStopLimitOrderAsync("MNQ", OrderSide.Bid, 1, last + 200m, last + 201m);
        var trail = await client.PlaceTrailingStopOrderAsync("MNQ", OrderSide.Ask, 1, last - 10m);
        var trailByTicks = await client.PlaceTrailingStopByTicksAsync("MNQ", OrderSide.Ask, 1, 20, last);
        var joinBid = await client.PlaceJoinBidOrderAsync("MNQ", OrderSide.Bid, 1);
        var joinAsk = await client.PlaceJoinAskOrderAsync("MNQ", OrderSide.Ask, 1);
        var market = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2);

        OrderModel OnServer(PlacedOrder placed) => server.Gateway.Exchange.GetOrder(placed.OrderId)!;
        Assert.Equal((OrderType.Limit, last - 200m), (OnServer(limit).Type, OnServer(limit).LimitPrice!.Value));
        Assert.Equal((OrderType.Stop, last + 200m), (OnServer(stop).Type, OnServer(stop).StopPrice!.Value));
        Assert.Equal((OrderType.StopLimit, last + 201m), (OnServer(stopLimit).Type, OnServer(stopLimit).LimitPrice!.Value));
        Assert.Equal(OrderType.TrailingStop, OnServer(trail).Type);
        Assert.Equal(40, OnServer(trail).TrailDistance);
        Assert.Equal(20, OnServer(trailByTicks).TrailDistance);
        Assert.Equal(OrderType.JoinBid, OnServer(joinBid).Type);
        Assert.Equal(OrderType.JoinAsk, OnServer(joinAsk).Type);
        Assert.Equal(OrderStatus.Filled, OnServer(market).Status);
        Assert.All(new[] { limit, stop, stopLimit, trail, trailByTicks, joinBid, joinAsk, market }, p =>
        {
            Assert.Equal(Sim.MainAccount, p.AccountId);
            Assert.Equal(mnq.Id, p.ContractId);
            Assert.Equal(p.CustomTag, OnServer(p).CustomTag);
            Assert.StartsWith("px-", p.CustomTag, StringComparison.Ordinal);
            Assert.InRange(p.CustomTag.Length, 4, CustomTags.MaxLength);
        });
        Assert.Equal(8, new[] { limit, stop, stopLimit, trail, trailByTicks, joinBid, joinAsk, market }.Select(p => p.CustomTag).Distinct().Count());

        var position = Assert.Single(await client.GetPositionsAsync(), p => p.ContractId == mnq.Id);
        Assert.Equal((PositionType.Long, 2), (position.Type, position.Size));
    }

    [Theory]
    [InlineData(OrderSide.Bid)]
    [InlineData(OrderSide.Ask)]
    public async Task Bracket_ticks_are_signed_for_the_side(OrderSide side)
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var placed = await client.PlaceBracketOrderAsync("MNQ", side, 1, stopLossTicks: 20, takeProfitTicks: 40);

        var entry = server.Gateway.Exchange.GetOrder(placed.OrderId)!;
        Assert.Equal(OrderStatus.Filled, entry.Status);
        var legs = Sim.OrdersOnServer(server).Where(o => o.ParentOrderId == placed.OrderId).ToList();
        var stopLoss = Assert.Single(legs, o => o.Type == OrderType.Stop);
        var takeProfit = Assert.Single(legs, o => o.Type == OrderType.Limit);
        var fill = entry.FilledPrice!.Value;
        var sign = side == OrderSide.Bid ? 1 : -1;
        Assert.Equal(fill - sign * 20 * mnq.TickSize, stopLoss.StopPrice);
        Assert.Equal(fill + sign * 40 * mnq.TickSize, takeProfit.LimitPrice);
    }

    [Fact]
    public async Task A_caller_tag_is_kept_and_rounding_aligns_prices_when_asked()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        var placed = await client.PlaceOrderAsync(new OrderTicket
        {
            Instrument = "MNQ", Type = OrderType.Limit, Side = OrderSide.Bid, Size = 1,
            LimitPrice = last - 100.1m, Rounding = PriceRounding.Down, CustomTag = "my-strategy-0001",
        });
        Assert.Equal("my-strategy-0001", placed.CustomTag);
        var order = server.Gateway.Exchange.GetOrder(placed.OrderId)!;
        Assert.Equal("my-strategy-0001", order.CustomTag);
        Assert.Equal(last - 100.25m, order.LimitPrice);
    }

    [Fact]
    public async Task Orders_are_found_by_id_search_open_and_tag()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var start = server.Gateway.Time.GetUtcNow().AddSeconds(-5);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 300m);
        var filled = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);

        Assert.Equal(resting.OrderId, (await client.GetOrderAsync(resting.OrderId)).Id);
        Assert.Equal([resting.OrderId], (await client.GetOpenOrdersAsync()).Select(o => o.Id));
        var all = await client.SearchOrdersAsync(start);
        Assert.Contains(all, o => o.Id == filled.OrderId && o.Status == OrderStatus.Filled);
        Assert.Equal(filled.OrderId, (await client.ReconcileOrderAsync(filled.CustomTag))!.Id);
        Assert.Null(await client.ReconcileOrderAsync("px-never-placed"));

        var trades = await client.SearchTradesAsync(start);
        Assert.Contains(trades, t => t.OrderId == filled.OrderId);

        var missing = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.GetOrderAsync(123));
        Assert.Equal("Order", missing.ResourceKind);
    }

    [Fact]
    public async Task Modify_cancel_and_cancel_all()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var es = await client.GetInstrumentAsync("ES");
        var last = Sim.LastPrice(server, mnq.Id);
        var esLast = Sim.LastPrice(server, es.Id);
        var a = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 300m);
        var b = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 310m);
        var c = await client.PlaceLimitOrderAsync("ES", OrderSide.Bid, 1, esLast - 100m);

        await client.ModifyOrderAsync(new OrderModification { OrderId = a.OrderId, Size = 3, LimitPrice = last - 250m });
        var modified = server.Gateway.Exchange.GetOrder(a.OrderId)!;
        Assert.Equal((3, last - 250m), (modified.Size, modified.LimitPrice!.Value));

        await client.CancelOrderAsync(b.OrderId);
        Assert.Equal(OrderStatus.Cancelled, server.Gateway.Exchange.GetOrder(b.OrderId)!.Status);

        var onlyEs = await client.CancelAllOrdersAsync(instrument: "ES");
        Assert.Equal([c.OrderId], onlyEs.Select(r => r.OrderId));
        Assert.True(onlyEs[0].Succeeded);
        var rest = await client.CancelAllOrdersAsync();
        Assert.Equal([a.OrderId], rest.Select(r => r.OrderId));
        Assert.Empty(await client.GetOpenOrdersAsync());
    }

    [Fact]
    public async Task Cancel_if_working_tells_an_order_that_already_ended_from_one_that_filled()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 300m);
        var snapshot = await client.GetOrderAsync(resting.OrderId);
        var market = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        var filled = await client.GetOrderAsync(market.OrderId);

        // Someone else cancels it first: what the sweep wanted already holds, so it is not an error.
        await client.CancelOrderAsync(resting.OrderId);
        var ended = await client.CancelIfWorkingAsync(snapshot);
        Assert.Equal((CancelOutcome.AlreadyEnded, true, null), (ended.Outcome, ended.Succeeded, ended.Error));

        var tooLate = await client.CancelIfWorkingAsync(filled);
        Assert.Equal((CancelOutcome.Filled, false), (tooLate.Outcome, tooLate.Succeeded));
        Assert.Equal(3, Assert.IsType<ProjectXOrderRejectedException>(tooLate.Error).ErrorCode);
        Assert.Equal(1, Sim.PositionsOnServer(server).Single().Size);
    }

    [Fact]
    public async Task Query_orders_pages_with_row_offsets_and_filters_the_contract()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var es = await client.GetInstrumentAsync("ES");
        var last = Sim.LastPrice(server, mnq.Id);
        var esLast = Sim.LastPrice(server, es.Id);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
            ids.Add((await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 300m - i)).OrderId);
        for (var i = 0; i < 3; i++)
            await client.PlaceLimitOrderAsync("ES", OrderSide.Bid, 1, esLast - 100m - i);
        var log = CallLog.Attach(client);

        var everything = await client.QueryOrdersAsync(new OrderQuery { PageSize = 3, SortBy = OrderSortField.Id, SortDirection = SortDirection.Asc });
        Assert.Equal(10, everything.Count);
        Assert.Equal(everything.Select(o => o.Id).Order(), everything.Select(o => o.Id)); // no row skipped or repeated
        Assert.Equal(10, everything.Select(o => o.Id).Distinct().Count());
        Assert.Equal(4, log.Count("Order/v2/query")); // offsets 0, 3, 6, 9

        var mnqOnly = await client.QueryOrdersAsync(new OrderQuery { ContractId = mnq.Id, PageSize = 2, Statuses = [OrderStatus.Open], SortBy = OrderSortField.Id, SortDirection = SortDirection.Asc });
        Assert.Equal(ids, mnqOnly.Select(o => o.Id));

        var capped = await client.QueryOrdersAsync(new OrderQuery { PageSize = 4, MaxResults = 5 });
        Assert.Equal(5, capped.Count);

        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.QueryOrdersAsync(new OrderQuery { PageSize = 101 }));
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.QueryOrdersAsync(new OrderQuery { PageSize = 0 }));
    }

    [Fact]
    public async Task Positions_close_partially_then_fully()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 4);
        var shortPosition = Assert.Single(await client.GetPositionsAsync(), p => p.ContractId == mnq.Id);
        Assert.Equal((PositionType.Short, 4), (shortPosition.Type, shortPosition.Size));

        await client.PartialClosePositionAsync("MNQ", 3);
        Assert.Equal(1, Assert.Single(await client.GetPositionsAsync(), p => p.ContractId == mnq.Id).Size);
        await client.ClosePositionAsync(mnq.Id);
        Assert.DoesNotContain(await client.GetPositionsAsync(), p => p.ContractId == mnq.Id);
    }

    [Fact]
    public async Task Calls_without_an_account_use_the_selected_default()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.SelectAccountAsync(Sim.SecondAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var placed = await client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1);
        Assert.Equal(Sim.SecondAccount, placed.AccountId);
        Assert.Single(Sim.PositionsOnServer(server, Sim.SecondAccount));
        Assert.Empty(Sim.PositionsOnServer(server, Sim.MainAccount));
    }
}
