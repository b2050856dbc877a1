using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Client.Tests.Wire;

/// <summary>Every documented error path, typed, with the gateway's code and message.</summary>
public sealed class ErrorPathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task Size_of_zero_or_less_is_refused_client_side_and_nothing_is_created(int size)
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        var error = await Assert.ThrowsAsync<ProjectXValidationException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, size));
        Assert.Equal("Size", error.ParameterName);
        Assert.Equal(0, log.Count("Order/place"));
        Assert.Empty(Sim.OrdersOnServer(server));
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.PartialClosePositionAsync("MNQ", size));
        Assert.Equal(0, log.Count("Position/partialCloseContract"));
    }

    [Fact]
    public async Task Off_tick_price_without_rounding_is_refused_client_side_and_nothing_is_created()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        var log = CallLog.Attach(client);

        var error = await Assert.ThrowsAsync<ProjectXValidationException>(() => client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 100.1m));
        Assert.Equal("LimitPrice", error.ParameterName);
        Assert.Contains("0.25", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.PlaceStopOrderAsync("MNQ", OrderSide.Bid, 1, last + 100.3m));
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.PlaceTrailingStopOrderAsync("MNQ", OrderSide.Ask, 1, last - 10.01m));
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", Type = OrderType.Limit, Side = OrderSide.Bid }));
        Assert.Equal(0, log.Count("Order/place"));
        Assert.Empty(Sim.OrdersOnServer(server));

        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 100m);
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.ModifyOrderAsync(new OrderModification { OrderId = resting.OrderId, LimitPrice = last - 99.9m }));
        Assert.Equal(0, log.Count("Order/modify"));
        Assert.Equal(last - 100m, server.Gateway.Exchange.GetOrder(resting.OrderId)!.LimitPrice);
    }

    [Fact]
    public async Task Bracket_in_position_brackets_mode_is_rejected_with_the_gateway_text_and_the_order_id()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var error = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PlaceOrderAsync(new OrderTicket
        {
            Instrument = "MNQ", AccountId = Sim.PositionBracketsAccount, Side = OrderSide.Bid, StopLossTicks = 10, TakeProfitTicks = 20, CustomTag = "posbrk-1",
        }));
        Assert.Equal("Order/place", error.Operation);
        Assert.Equal(2, error.ErrorCode);
        Assert.Equal("OrderRejected", error.ErrorCodeName);
        Assert.Equal(OrderRules.PositionBracketsMessage, error.GatewayMessage);
        Assert.Contains(OrderRules.PositionBracketsMessage, error.Message, StringComparison.Ordinal);
        Assert.Equal("posbrk-1", error.CustomTag);
        // A rejected placement that carries an id is a rejection, and the order exists with status Rejected.
        Assert.NotNull(error.OrderId);
        Assert.Equal(OrderStatus.Rejected, server.Gateway.Exchange.GetOrder(error.OrderId!.Value)!.Status);
    }

    [Fact]
    public async Task Account_that_cannot_trade_is_rejected()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var error = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", AccountId = Sim.LockedAccount, Side = OrderSide.Bid }));
        Assert.Equal("AccountRejected", error.ErrorCodeName);
        Assert.Equal(10, error.ErrorCode);
        Assert.NotNull(error.OrderId);
    }

    [Fact]
    public async Task Cancel_of_a_filled_order_is_rejected()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var filled = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        var error = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.CancelOrderAsync(filled.OrderId));
        Assert.Equal("Order/cancel", error.Operation);
        Assert.Equal("Rejected", error.ErrorCodeName);
        Assert.Equal(3, error.ErrorCode);

        var unknown = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.CancelOrderAsync(42));
        Assert.Equal("Order", unknown.ResourceKind);
    }

    [Fact]
    public async Task Cancel_all_reports_each_failure_and_carries_on()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        var first = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 300m);
        var second = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 301m);
        server.Gateway.Faults.FailWithServerError("Order/cancel", times: 1, statusCode: 500);

        var results = await client.CancelAllOrdersAsync();
        Assert.Equal(2, results.Count);
        var failed = Assert.Single(results, r => !r.Succeeded);
        Assert.IsType<ProjectXAmbiguousOutcomeException>(failed.Error);
        Assert.Single(results, r => r.Succeeded);
        Assert.Contains(failed.OrderId, new[] { first.OrderId, second.OrderId });
    }

    [Fact]
    public async Task Partial_close_larger_than_the_position_is_rejected_and_close_without_position_is_not_found()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2);
        var tooLarge = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PartialClosePositionAsync("MNQ", 3));
        Assert.Equal("InvalidCloseSize", tooLarge.ErrorCodeName);
        Assert.Equal(5, tooLarge.ErrorCode);
        Assert.Equal("Position/partialCloseContract", tooLarge.Operation);
        Assert.Equal(2, Sim.PositionsOnServer(server).Single().Size);

        var none = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.ClosePositionAsync("ES"));
        Assert.Equal("Position", none.ResourceKind);
        Assert.Equal("Position/closeContract", none.Operation);
    }

    [Fact]
    public async Task Unknown_contract_and_unknown_account_on_placement()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var contract = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.Gateway.PlaceOrderAsync(new PlaceOrderRequest
        {
            AccountId = Sim.MainAccount, ContractId = "CON.F.US.NOPE.Z26", Type = OrderType.Market, Side = OrderSide.Bid, Size = 1,
        }));
        Assert.Equal("Contract", contract.ResourceKind);
        Assert.Equal(8, contract.ErrorCode);

        var account = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", AccountId = 777, Side = OrderSide.Bid }));
        Assert.Equal("Account", account.ResourceKind);

        var symbol = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.PlaceMarketOrderAsync("NOSUCHSYM", OrderSide.Bid, 1));
        Assert.Equal("Instrument", symbol.ResourceKind);
        Assert.Empty(Sim.OrdersOnServer(server));
    }

    [Fact]
    public async Task Malformed_order_and_trade_search_ranges_are_refused_before_sending()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        var now = server.Gateway.Time.GetUtcNow();
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.SearchOrdersAsync(now, now.AddHours(-1)));
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.SearchTradesAsync(now, now));
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.QueryOrdersAsync(new OrderQuery { CreatedAfter = now, CreatedBefore = now.AddDays(-1) }));
        Assert.Empty(log.All);
    }
}
