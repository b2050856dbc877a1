using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

/// <summary>SubmitOrderAsync: one send, then what became of it, reconciliation included, for C# callers alone.</summary>
public sealed class PlacementOutcomeTests
{
    [Fact]
    public async Task A_lost_placement_is_reconciled_through_the_CSharp_API_alone()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        server.Gateway.Faults.DropResponses("Order/place");

        var placement = await client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1 });

        Assert.Equal(PlacementOutcome.Reconciled, placement.Outcome);
        Assert.True(placement.IsPlaced);
        Assert.IsType<ProjectXAmbiguousOutcomeException>(placement.Error); // the lost answer is still reported
        var onServer = Assert.Single(Sim.OrdersOnServer(server));
        Assert.Equal((onServer.Id, placement.CustomTag), (placement.OrderId, onServer.CustomTag));
        Assert.Equal(onServer.Id, placement.State?.Id);
        Assert.Equal(1, log.Count("Order/place")); // sent once; the rest were reads
        Assert.Equal(1, log.Count("Order/search"));
    }

    [Fact]
    public async Task A_placement_that_never_arrived_is_unknown_and_names_its_tag()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        server.Gateway.Faults.FailWithServerError("Order/place"); // not executed, but the client cannot know

        var placement = await client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1 });

        Assert.Equal(PlacementOutcome.Unknown, placement.Outcome);
        Assert.False(placement.IsPlaced);
        var error = Assert.IsType<ProjectXAmbiguousOutcomeException>(placement.Error);
        Assert.Equal(placement.CustomTag, error.CustomTag);
        Assert.Contains(placement.CustomTag, error.Message, StringComparison.Ordinal);
        Assert.Empty(Sim.OrdersOnServer(server));
    }

    [Fact]
    public async Task Placed_rejected_and_not_sent_are_told_apart_and_a_read_back_is_optional()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);

        var placed = await client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Ask, Size = 1 }, readBack: true);
        Assert.Equal((PlacementOutcome.Placed, null), (placed.Outcome, placed.Error));
        Assert.Equal(OrderStatus.Filled, placed.State?.Status);
        Assert.Equal(1, log.Count("Order/searchById"));

        var locked = await client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, AccountId = Sim.LockedAccount });
        Assert.Equal(PlacementOutcome.Rejected, locked.Outcome);
        Assert.IsType<ProjectXOrderRejectedException>(locked.Error);

        server.Gateway.Faults.Throttle("Order/place");
        var throttled = await client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1 });
        Assert.Equal(PlacementOutcome.NotSent, throttled.Outcome);
        Assert.True(throttled.Error!.NotExecuted);
        Assert.Equal(1, Sim.OrdersOnServer(server).Count(o => o.AccountId == Sim.MainAccount));
    }

    [Fact]
    public async Task Every_rule_is_checked_before_anything_is_sent_and_names_its_reason()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);

        async Task<ValidationReason> Refused(OrderTicket ticket) =>
            (await Assert.ThrowsAsync<ProjectXValidationException>(() => client.SubmitOrderAsync(ticket))).Reason;

        Assert.Equal(ValidationReason.InvalidSize, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, Size = 0 }));
        Assert.Equal(ValidationReason.MissingPrice, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, Type = OrderType.Limit }));
        Assert.Equal(ValidationReason.PriceNotOnTick, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, Type = OrderType.Limit, LimitPrice = 21000.1m }));
        Assert.Equal(ValidationReason.InvalidPrice, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, Type = OrderType.Stop, StopPrice = -1m }));
        Assert.Equal(ValidationReason.InvalidTicks, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, StopLossTicks = 0 }));
        Assert.Equal(ValidationReason.InvalidTag, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, CustomTag = new string('x', 51) }));
        Assert.Equal(ValidationReason.InvalidSide, await Refused(new() { Instrument = "MNQ", Side = (OrderSide)7 }));
        Assert.Equal(ValidationReason.InvalidOrderType, await Refused(new() { Instrument = "MNQ", Side = OrderSide.Bid, Type = OrderType.Unknown }));
        Assert.Equal(ValidationReason.MissingInstrument, await Refused(new() { Side = OrderSide.Bid }));
        Assert.Equal(ValidationReason.NothingToModify,
            (await Assert.ThrowsAsync<ProjectXValidationException>(() => client.ModifyOrderAsync(new OrderModification { OrderId = 1 }))).Reason);
        Assert.Empty(log.All); // the contract was cached: not even a read

        var rounded = await client.PrepareOrderAsync(new() { Instrument = "MNQ", Side = OrderSide.Bid, Type = OrderType.Limit, LimitPrice = 21000.1m, Rounding = PriceRounding.Nearest, StopLossTicks = 8 });
        Assert.Equal(21000m, rounded.LimitPrice);
        Assert.StartsWith("Buy 1 MNQ", rounded.Description, StringComparison.Ordinal);
        Assert.EndsWith("Limit @ 21000 [SL 8 ticks]", rounded.Description, StringComparison.Ordinal);
        Assert.Empty(Sim.OrdersOnServer(server));
    }
}
