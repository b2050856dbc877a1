using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulator;
using ProjectX.Client.Realtime;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;
using static ProjectX.Client.Tests.Support.ProtectionLegs;

namespace ProjectX.Client.Tests.Live;

/// <summary>The client-managed OCO on the simulator's Position Brackets account (1003), over real sockets.</summary>
public sealed class ProtectionTests
{
    private const int Account = Sim.PositionBracketsAccount;

    [Fact]
    public async Task Native_brackets_are_refused_so_the_entry_fill_gets_both_legs_sized_to_the_position()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        var events = Record(live);

        var placed = await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 2, StopLossTicks = 40, TakeProfitTicks = 80 });

        Assert.Equal(BracketHandling.ClientManaged, placed.Handling);
        Assert.Equal(PlacementOutcome.Placed, placed.Placement.Outcome);
        Assert.Equal(BracketMode.PositionBrackets, live.Protection.BracketMode);
        Assert.Contains(events, e => e.Kind == ProtectionEventKind.PositionBracketsDetected);
        var (stop, target) = await LegsAsync(server);
        var entry = Sim.OrdersOnServer(server, Account).Single(o => o.Id == placed.Placement.OrderId);
        Assert.Equal(OrderStatus.Filled, entry.Status);
        var tick = Sim.ActiveContract(server, "MNQ").TickSize;
        Assert.Equal((OrderType.Stop, OrderSide.Ask, 2, entry.FilledPrice - (40 * tick)), (stop.Type, stop.Side, stop.Size, stop.StopPrice));
        Assert.Equal((OrderType.Limit, OrderSide.Ask, 2, entry.FilledPrice + (80 * tick)), (target.Type, target.Side, target.Size, target.LimitPrice));
        // The native attempt left one Rejected order; nothing else was sent twice.
        Assert.Single(Sim.OrdersOnServer(server, Account), o => o.Status == OrderStatus.Rejected);
        Assert.Equal(3, Sim.OrdersOnServer(server, Account).Count(o => o.Status is OrderStatus.Filled or OrderStatus.Open));
        await WaitUntilAsync(() => live.Protection.Protections is [{ IsProtected: true, PositionSize: 2 }], "the published protection");
    }

    [Fact]
    public async Task The_stop_filling_cancels_the_target()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, StopLossTicks = 40, TakeProfitTicks = 40 });
        var (stop, target) = await LegsAsync(server);

        // A sell stop moved above the last price is through the market: it fills at once.
        await client.ModifyOrderAsync(stop.Id, stopPrice: Above(server, stop.ContractId, 8), accountId: Account);

        await WaitUntilAsync(() => Status(server, stop.Id) == OrderStatus.Filled && Status(server, target.Id) == OrderStatus.Cancelled, "the stop filled and the target cancelled");
        Assert.Empty(Sim.PositionsOnServer(server, Account));
        Assert.DoesNotContain(Sim.OrdersOnServer(server, Account), o => o.Status.IsWorking());
        await WaitUntilAsync(() => live.Protection.Protections.Count == 0, "the plan to end");
    }

    [Fact]
    public async Task The_target_filling_cancels_the_stop()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MES", Side = OrderSide.Ask, Size = 1, StopLossTicks = 30, TakeProfitTicks = 30 });
        var (stop, target) = await LegsAsync(server);
        Assert.Equal(OrderSide.Bid, target.Side); // a short's legs buy

        // A buy limit moved above the ask is marketable: it fills at once.
        await client.ModifyOrderAsync(target.Id, limitPrice: Above(server, target.ContractId, 8), accountId: Account);

        await WaitUntilAsync(() => Status(server, target.Id) == OrderStatus.Filled && Status(server, stop.Id) == OrderStatus.Cancelled, "the target filled and the stop cancelled");
        Assert.Empty(Sim.PositionsOnServer(server, Account));
        Assert.DoesNotContain(Sim.OrdersOnServer(server, Account), o => o.Status.IsWorking());
    }

    [Fact]
    public async Task Both_legs_filling_before_the_cancel_arrives_is_a_double_exit_that_is_closed_at_once()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        var events = Record(live);
        await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, StopLossTicks = 40, TakeProfitTicks = 40 });
        var (stop, target) = await LegsAsync(server);

        // The race the client cannot win: both legs fill inside the exchange before any event leaves it.
        var exchange = server.Gateway.Exchange;
        Assert.True(exchange.ModifyOrder(Simulation.SimulatorOptions.DemoUserName, new ModifyOrderRequest { AccountId = Account, OrderId = stop.Id, StopPrice = Above(server, stop.ContractId, 8) }).Success);
        Assert.True(exchange.ModifyOrder(Simulation.SimulatorOptions.DemoUserName, new ModifyOrderRequest { AccountId = Account, OrderId = target.Id, LimitPrice = Below(server, target.ContractId, 8) }).Success);
        Assert.Equal((OrderStatus.Filled, OrderStatus.Filled), (Status(server, stop.Id), Status(server, target.Id)));

        await WaitUntilAsync(() => events.Any(e => e.Kind == ProtectionEventKind.Flattened), "the Flattened event");
        Assert.Empty(Sim.PositionsOnServer(server, Account));
        // The fills: the entry buy, the two sells (the second opened a short), and the buy that closed it.
        Assert.Equal([OrderSide.Bid, OrderSide.Ask, OrderSide.Ask, OrderSide.Bid], server.Gateway.Exchange.GetTrades(Account).Select(t => t.Side));
        Assert.DoesNotContain(Sim.OrdersOnServer(server, Account), o => o.Status.IsWorking());
        await WaitUntilAsync(() => live.Protection.Protections.Count == 0, "the plan to end");
    }

    [Fact]
    public async Task The_legs_follow_the_position_as_it_grows_and_shrinks()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        var events = Record(live);
        await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, StopLossTicks = 40, TakeProfitTicks = 40 });
        var (stop, target) = await LegsAsync(server);
        Assert.Equal((1, 1), (stop.Size, target.Size));

        // Filled in parts: 2 more contracts arrive by another order.
        await client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", AccountId = Account, Side = OrderSide.Bid, Size = 2 });
        await WaitUntilAsync(() => Size(server, stop.Id) == 3 && Size(server, target.Id) == 3, "both legs resized to 3");

        // 2 are closed: the legs shrink with the position, keeping their levels.
        await client.PartialClosePositionAsync(stop.ContractId, 2, Account);
        await WaitUntilAsync(() => Size(server, stop.Id) == 1 && Size(server, target.Id) == 1, "both legs resized to 1");
        Assert.Equal(stop.StopPrice, Sim.OrdersOnServer(server, Account).Single(o => o.Id == stop.Id).StopPrice);
        await WaitUntilAsync(() => events.Count(e => e.Kind == ProtectionEventKind.LegResized) >= 4, "four LegResized events");
        Assert.Equal(2, events.Count(e => e.Kind == ProtectionEventKind.LegPlaced));

        // Closed by hand: both legs go, nothing is left to open a new position.
        await client.ClosePositionAsync(stop.ContractId, Account);
        await WaitUntilAsync(() => Status(server, stop.Id) == OrderStatus.Cancelled && Status(server, target.Id) == OrderStatus.Cancelled, "both legs cancelled");
    }

    [Fact]
    public async Task A_partly_filled_entry_gets_legs_for_the_filled_part_then_resized_as_the_rest_fills()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        var mnq = Sim.ActiveContract(server, "MNQ");
        var placed = await live.Protection.SubmitBracketOrderAsync(new OrderTicket
        {
            Instrument = "MNQ", Side = OrderSide.Bid, Size = 3, Type = OrderType.Limit, LimitPrice = Below(server, mnq.Id, 400), StopLossTicks = 20, TakeProfitTicks = 40,
        });
        var entryId = placed.Placement.OrderId!.Value;

        // 1 of 3 fills: the position is 1, the entry still works for 2.
        var part = server.Gateway.Exchange.FillPart(entryId, 1);
        Assert.Equal((OrderStatus.Open, 1), (part!.Status, part.FillVolume));
        var (stop, target) = await LegsAsync(server);
        Assert.Equal((1, 1), (stop.Size, target.Size));
        Assert.Equal(part.FilledPrice - (20 * mnq.TickSize), stop.StopPrice); // from the first part's price
        Assert.Equal(part.FilledPrice + (40 * mnq.TickSize), target.LimitPrice);

        // 1 more, then the rest: the legs follow, at the same levels.
        Assert.NotNull(server.Gateway.Exchange.FillPart(entryId, 1));
        await WaitUntilAsync(() => Size(server, stop.Id) == 2 && Size(server, target.Id) == 2, "both legs resized to 2");
        await client.ModifyOrderAsync(entryId, limitPrice: Above(server, mnq.Id, 8), accountId: Account);
        Assert.Equal(OrderStatus.Filled, Status(server, entryId));
        await WaitUntilAsync(() => Size(server, stop.Id) == 3 && Size(server, target.Id) == 3, "both legs resized to 3");
        Assert.Equal(3, Assert.Single(Sim.PositionsOnServer(server, Account)).Size);
        Assert.Equal(stop.StopPrice, Sim.OrdersOnServer(server, Account).Single(o => o.Id == stop.Id).StopPrice);
        Assert.Equal(2, Sim.OrdersOnServer(server, Account).Count(o => o.Status == OrderStatus.Open)); // still one pair
    }

    [Fact]
    public async Task An_entry_that_fills_while_the_hubs_are_down_gets_its_legs_after_the_reconnect()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        // No periodic check within the test: only the reconnect can bring the legs.
        await using var live = await StartAsync(client, r => r.ReconnectDelays = [TimeSpan.FromMilliseconds(300)], p => p.ReconcileInterval = TimeSpan.FromHours(1));
        var mnq = Sim.ActiveContract(server, "MNQ");
        // A resting buy limit well below the market.
        var below = Below(server, mnq.Id, 400);
        var placed = await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, Type = OrderType.Limit, LimitPrice = below, StopLossTicks = 20, TakeProfitTicks = 40 });
        await live.Protection.ReconcileAsync();
        Assert.DoesNotContain(Sim.OrdersOnServer(server, Account), o => o.Status.IsWorking() && o.Id != placed.Placement.OrderId);

        var userGaps = 0;
        live.GapDetected += (_, e) => { if (e.Hub == HubKind.User) Interlocked.Increment(ref userGaps); };
        var placedWhileUnseen = new ConcurrentQueue<bool>();
        live.Protection.Changed += (_, e) =>
        {
            if (e.Kind == ProtectionEventKind.LegPlaced)
                placedWhileUnseen.Enqueue(live.Orders[placed.Placement.OrderId!.Value]?.Status != OrderStatus.Filled);
        };

        // The hubs die, and meanwhile the entry fills: no event reaches the engine.
        Assert.Equal(2, server.Realtime.KillConnections());
        await client.ModifyOrderAsync(placed.Placement.OrderId!.Value, limitPrice: Above(server, mnq.Id, 8), accountId: Account);
        Assert.Equal(OrderStatus.Filled, Status(server, placed.Placement.OrderId!.Value));

        var (stop, target) = await LegsAsync(server);
        var entry = Sim.OrdersOnServer(server, Account).Single(o => o.Id == placed.Placement.OrderId);
        Assert.Equal(entry.FilledPrice - (20 * mnq.TickSize), stop.StopPrice);
        Assert.Equal(entry.FilledPrice + (40 * mnq.TickSize), target.LimitPrice);
        await WaitUntilAsync(() => live.GetHealth().UserReconnects >= 1, "the user hub to reconnect");
        // No periodic check ran (1 h) and no hub event carried the fill: the user hub's gap made the engine re-read
        // the gateway (at the gap, or from the resync after the reconnect, whichever came first).
        await WaitUntilAsync(() => Volatile.Read(ref userGaps) >= 1, "a gap on the user hub");
        Assert.Equal(2, placedWhileUnseen.Count);
    }

    [Fact]
    public async Task When_the_process_dies_the_legs_stay_at_the_server_and_the_next_engine_adopts_them()
    {
        await using var server = await Sim.StartAsync();
        OrderModel stop, target;
        await using (var client = await ConnectAsync(server))
        {
            var live = await StartAsync(client);
            await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, StopLossTicks = 40, TakeProfitTicks = 40 });
            (stop, target) = await LegsAsync(server);
            await live.DisposeAsync();
        }

        // Nothing cancelled them: both rest at the server, sized to the position, with no one keeping them OCO.
        Assert.Equal(OrderStatus.Open, Status(server, stop.Id));
        Assert.Equal(OrderStatus.Open, Status(server, target.Id));
        Assert.Equal(1, Assert.Single(Sim.PositionsOnServer(server, Account)).Size);

        // A new process: the legs are recognised by their tags and the OCO works again.
        await using var next = await ConnectAsync(server);
        await using var again = await StartAsync(next);
        var events = Record(again);
        await WaitUntilAsync(() => again.Protection.Protections is [{ IsProtected: true }], "the legs adopted");
        Assert.Equal(stop.Id, again.Protection.Protections[0].StopOrderId);
        Assert.Equal(target.Id, again.Protection.Protections[0].TargetOrderId);
        await next.ModifyOrderAsync(target.Id, limitPrice: Below(server, target.ContractId, 8), accountId: Account);
        await WaitUntilAsync(() => Status(server, target.Id) == OrderStatus.Filled && Status(server, stop.Id) == OrderStatus.Cancelled, "the adopted OCO to cancel the stop");
    }

    [Fact]
    public async Task An_entry_that_filled_while_no_engine_ran_gets_its_legs_at_start()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        // Another process sent the managed entry and died before the legs.
        var mnq = Sim.ActiveContract(server, "MNQ");
        var tag = ProtectionTags.Entry(ProtectionTags.NewGroup(), 24, null);
        var entry = await client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", AccountId = Account, Side = OrderSide.Bid, Size = 2, CustomTag = tag });

        await using var live = await StartAsync(client);
        var stop = await WaitForAsync(server, o => o.Type == OrderType.Stop);
        var filled = Sim.OrdersOnServer(server, Account).Single(o => o.Id == entry.OrderId);
        Assert.Equal((OrderSide.Ask, 2, filled.FilledPrice - (24 * mnq.TickSize)), (stop.Side, stop.Size, stop.StopPrice));
        Assert.DoesNotContain(Sim.OrdersOnServer(server, Account), o => o.Type == OrderType.Limit && o.Status.IsWorking()); // no target was asked for
    }

    [Fact]
    public async Task Protection_is_attached_to_an_open_position_and_moved()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartAsync(client);
        var mnq = Sim.ActiveContract(server, "MNQ");
        await client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", AccountId = Account, Side = OrderSide.Ask, Size = 3 });
        var average = Assert.Single(Sim.PositionsOnServer(server, Account)).AveragePrice;

        var protection = await live.Protection.ProtectAsync(new ProtectionRequest { Instrument = "MNQ", StopTicks = 12, TargetTicks = 20 });
        Assert.Equal((PositionType.Short, 3), (protection.Direction, protection.PositionSize));
        Assert.Equal(average + (12 * mnq.TickSize), protection.StopPrice);
        Assert.Equal(average - (20 * mnq.TickSize), protection.TargetPrice);
        var (stop, target) = await LegsAsync(server);
        Assert.Equal((OrderSide.Bid, 3), (stop.Side, stop.Size));

        var moved = await live.Protection.ProtectAsync(new ProtectionRequest { Instrument = "MNQ", StopPrice = average + (6 * mnq.TickSize) });
        Assert.Equal(average + (6 * mnq.TickSize), moved.StopPrice);
        Assert.Equal(average + (6 * mnq.TickSize), Sim.OrdersOnServer(server, Account).Single(o => o.Id == stop.Id).StopPrice);
        Assert.Equal(target.LimitPrice, Sim.OrdersOnServer(server, Account).Single(o => o.Id == target.Id).LimitPrice);
        Assert.Equal(3, Sim.OrdersOnServer(server, Account).Count); // the entry and two legs: the move modified, it did not re-place

        var wrong = await Assert.ThrowsAsync<ProjectXValidationException>(() => live.Protection.ProtectAsync(new ProtectionRequest { Instrument = "MNQ", StopPrice = average - (40 * mnq.TickSize) }));
        Assert.Equal(ValidationReason.InvalidPrice, wrong.Reason); // a short's stop below its target
        var none = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => live.Protection.ProtectAsync(new ProtectionRequest { Instrument = "MES", StopTicks = 10 }));
        Assert.Equal("Position", none.ResourceKind);
    }

    [Fact]
    public async Task Auto_oco_accounts_keep_native_brackets()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, new LiveAccountOptions { Account = Sim.MainAccount.ToString(System.Globalization.CultureInfo.InvariantCulture), Realtime = FastOptions() });

        var placed = await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1, StopLossTicks = 40, TakeProfitTicks = 40 });

        Assert.Equal(BracketHandling.Native, placed.Handling);
        Assert.Equal(BracketMode.AutoOco, live.Protection.BracketMode);
        await WaitUntilAsync(() => Sim.OrdersOnServer(server).Count(o => o.ParentOrderId == placed.Placement.OrderId && o.Status == OrderStatus.Open) == 2, "the native legs");
        Assert.Empty(live.Protection.Protections);
        // A second, client-managed pair on top of the native one could exit the position twice: refused, nothing sent.
        var before = Sim.OrdersOnServer(server).Count;
        var refused = await Assert.ThrowsAsync<ProjectXValidationException>(() => live.Protection.ProtectAsync(new ProtectionRequest { Instrument = "MNQ", StopTicks = 20 }));
        Assert.Equal(ValidationReason.InvalidArgument, refused.Reason);
        Assert.Equal(before, Sim.OrdersOnServer(server).Count);
    }

    private static Task<LiveAccount> StartAsync(ProjectXClient client, Action<RealtimeOptions>? realtime = null, Action<ProtectionOptions>? protection = null)
    {
        var options = new LiveAccountOptions
        {
            Account = Account.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Realtime = FastOptions(realtime),
        };
        protection?.Invoke(options.Protection);
        return LiveAccount.StartAsync(client, options);
    }

    private static decimal Above(SimulatorServer server, string contractId, int ticks) => Level(server, contractId, ticks);

    private static decimal Below(SimulatorServer server, string contractId, int ticks) => Level(server, contractId, -ticks);

    private static decimal Level(SimulatorServer server, string contractId, int ticks)
    {
        var tick = server.Gateway.Exchange.Catalog.GetSpec(contractId)!.TickSize;
        return TickMath.Round(Sim.LastPrice(server, contractId), tick, PriceRounding.Down) + (ticks * tick);
    }
}
