using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.State;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Chaos;

/// <summary>What the client said about one intended placement.</summary>
internal enum PlacementOutcome { Placed, Refused, NotExecuted, Ambiguous }

internal sealed record Placement(string Tag, PlacementOutcome Outcome, long? OrderId);

/// <summary>
/// One trader: a <see cref="TradingSuite"/> (the real client, both hubs, live orders and positions) on its own
/// account, doing random places, modifies, cancels, closes and reads while random faults are injected into the
/// server just before each call. Records every claim the client makes so the invariants can be checked afterwards.
/// </summary>
internal sealed class ChaosTrader(SimulatorServer server, TradingSuite suite, int accountId, bool brackets, Random random, ChaosReport report)
{
    private const string Symbol = "MNQ";
    private readonly List<Placement> _placements = [];

    public int AccountId => accountId;
    public TradingSuite Suite => suite;
    public IReadOnlyList<Placement> Placements => _placements;

    private ProjectXClient Client => suite.Client;
    private SimulatorFaults Faults => server.Gateway.Faults;
    private string ContractId => suite.Contracts[Symbol].Id;
    private decimal Tick => suite.Contracts[Symbol].TickSize;

    public async Task RunAsync(int operations, DateTimeOffset deadline)
    {
        for (var i = 0; i < operations && DateTimeOffset.UtcNow < deadline; i++)
        {
            report.Count("operations");
            var roll = random.NextDouble();
            try
            {
                if (roll < 0.35) await PlaceAsync(i);
                else if (roll < 0.47) await ModifyAsync();
                else if (roll < 0.59) await CancelAsync();
                else if (roll < 0.65) await CloseAsync();
                else if (roll < 0.97) await ReadAsync();
                else KillHubs();
            }
#pragma warning disable CA1031 // Anything but the client's typed exceptions is a broken promise: recorded, and the run goes on.
            catch (Exception e) when (e is not ProjectXException)
#pragma warning restore CA1031
            {
                report.Count("unhandled exceptions");
                report.Broken($"unhandled {e.GetType().Name} on account {accountId}: {e.Message}");
            }
            finally
            {
                Faults.Latency = TimeSpan.Zero;
            }
        }
    }

    /// <summary>Before one call: usually nothing, otherwise one fault of a random kind on the operation about to be sent.</summary>
    private void MaybeFault(GatewayOperation operation)
    {
        var roll = random.NextDouble();
        if (roll >= 0.35) return;
        report.Count("faults injected");
        if (roll < 0.10)
        {
            report.Count("faults: dropped after execute");
            Faults.DropResponses(operation);
        }
        else if (roll < 0.18)
        {
            report.Count("faults: 5xx");
            Faults.FailWithServerError(operation, statusCode: random.Next(2) == 0 ? 500 : 503);
        }
        else if (roll < 0.26)
        {
            report.Count("faults: 429");
            Faults.Throttle(operation, retryAfter: TimeSpan.FromSeconds(1));
        }
        else
        {
            report.Count("faults: latency");
            Faults.Latency = TimeSpan.FromMilliseconds(random.Next(20, 150));
        }
    }

    private async Task PlaceAsync(int n)
    {
        report.Count("places");
        var tag = $"chaos-{accountId}-{n}";
        var side = random.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask;
        var touch = server.Gateway.Exchange.Market.GetSnapshot(ContractId, DateTimeOffset.UtcNow);
        var ticket = new OrderTicket { Instrument = Symbol, AccountId = accountId, Side = side, Size = random.Next(1, 4), CustomTag = tag };
        if (random.Next(2) == 0)
        {
            ticket.Type = OrderType.Limit;
            var away = random.Next(-2, 12) * Tick; // mostly resting, sometimes marketable
            ticket.LimitPrice = side == OrderSide.Bid ? touch.Bid - away : touch.Ask + away;
        }
        if (brackets && random.Next(3) == 0)
        {
            ticket.StopLossTicks = random.Next(8, 40);
            ticket.TakeProfitTicks = random.Next(8, 40);
        }
        MaybeFault(GatewayOperation.PlaceOrder);
        try
        {
            var placed = await Client.PlaceOrderAsync(ticket);
            Record(new Placement(tag, PlacementOutcome.Placed, placed.OrderId));
        }
        catch (ProjectXOrderRejectedException e)
        {
            Record(new Placement(tag, PlacementOutcome.Refused, e.OrderId));
        }
        catch (ProjectXAmbiguousOutcomeException)
        {
            Record(new Placement(tag, PlacementOutcome.Ambiguous, null));
        }
        catch (ProjectXException)
        {
            // Throttled, refused as malformed, or never sent: the client says it was NOT executed.
            Record(new Placement(tag, PlacementOutcome.NotExecuted, null));
        }
    }

    private void Record(Placement placement)
    {
        _placements.Add(placement);
        report.Count("places: " + placement.Outcome.ToString().ToLowerInvariant());
    }

    private async Task ModifyAsync()
    {
        if (RandomWorkingEntry(o => o.Type == OrderType.Limit && o.Status == OrderStatus.Open) is not { } order) return;
        report.Count("modifies");
        var before = server.Gateway.Exchange.GetOrder(order.Id)!;
        var price = (before.LimitPrice ?? order.LimitPrice!.Value) + (random.Next(-3, 4) * Tick);
        MaybeFault(GatewayOperation.ModifyOrder);
        await ExpectNotExecutedToHoldAsync("modifies", () => Client.ModifyOrderAsync(order.Id, limitPrice: price, accountId: accountId), () =>
        {
            var after = server.Gateway.Exchange.GetOrder(order.Id)!;
            return after.Status != OrderStatus.Open || after.LimitPrice == before.LimitPrice;
        });
    }

    private async Task CancelAsync()
    {
        if (RandomWorkingEntry(_ => true) is not { } order) return;
        report.Count("cancels");
        // The live view may lag (an earlier lost cancel may have executed): judge by the server's status before the call.
        var before = server.Gateway.Exchange.GetOrder(order.Id)!.Status;
        MaybeFault(GatewayOperation.CancelOrder);
        await ExpectNotExecutedToHoldAsync("cancels", () => Client.CancelOrderAsync(order.Id, accountId),
            () => before == OrderStatus.Cancelled || server.Gateway.Exchange.GetOrder(order.Id)!.Status != OrderStatus.Cancelled);
    }

    private async Task CloseAsync()
    {
        report.Count("closes");
        int CloseOrders() => server.Gateway.Exchange.GetOrders(accountId).Count(o => o.CustomTag is null && o.ParentOrderId is null);
        var before = CloseOrders();
        var partial = random.Next(3) == 0;
        MaybeFault(partial ? GatewayOperation.PartialClosePosition : GatewayOperation.ClosePosition);
        await ExpectNotExecutedToHoldAsync("closes",
            () => partial ? Client.PartialClosePositionAsync(Symbol, 1, accountId) : Client.ClosePositionAsync(Symbol, accountId),
            () => CloseOrders() == before);
    }

    /// <summary>Runs a mutation; when the client says it was not executed, checks the server at once.</summary>
    private async Task ExpectNotExecutedToHoldAsync(string what, Func<Task> mutation, Func<bool> notExecuted)
    {
        try
        {
            await mutation();
            report.Count(what + ": done");
        }
        catch (ProjectXAmbiguousOutcomeException)
        {
            report.Count(what + ": ambiguous");
        }
        catch (ProjectXOrderRejectedException)
        {
            report.Count(what + ": refused");
        }
        catch (ProjectXNotFoundException)
        {
            report.Count(what + ": refused");
        }
        catch (ProjectXException e)
        {
            report.Count(what + ": not executed");
            report.Count("not-executed claims checked");
            if (!notExecuted())
                report.Broken($"{what} on account {accountId} was reported NOT executed but was: {e.Message}");
        }
    }

    private async Task ReadAsync()
    {
        report.Count("reads");
        var which = random.Next(6);
        var operation = which switch
        {
            0 => GatewayOperation.SearchPositions,
            1 => GatewayOperation.SearchOpenOrders,
            2 => GatewayOperation.SearchOrders,
            3 => GatewayOperation.SearchTrades,
            4 => GatewayOperation.SearchAccounts,
            _ => GatewayOperation.RetrieveBars,
        };
        MaybeFault(operation);
        try
        {
            switch (which)
            {
                case 0: await Client.GetPositionsAsync(accountId); break;
                case 1: await Client.GetOpenOrdersAsync(accountId); break;
                case 2: await Client.SearchOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), accountId: accountId); break;
                case 3: await Client.SearchTradesAsync(DateTimeOffset.UtcNow.AddHours(-1), accountId: accountId); break;
                case 4: await Client.GetAccountsAsync(); break;
                default: await Client.GetBarsAsync(new BarsRequest(Symbol) { Count = 30 }); break;
            }
        }
        catch (ProjectXException)
        {
            report.Count("reads: failed after retries");
        }
    }

    private void KillHubs()
    {
        report.Count("hub kills");
        report.Count("hub connections killed", server.Realtime.KillConnections());
    }

    private OrderModel? RandomWorkingEntry(Func<OrderModel, bool> filter)
    {
        var working = suite.Orders.Working().Where(o => o.ParentOrderId is null && filter(o)).ToList();
        return working.Count == 0 ? null : working[random.Next(working.Count)];
    }
}
