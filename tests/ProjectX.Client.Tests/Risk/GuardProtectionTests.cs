using System.Collections.Concurrent;
using System.Globalization;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Realtime;
using ProjectX.Client.Risk;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulator;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;
using static ProjectX.Client.Tests.Support.ProtectionLegs;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// The risk guard and the live engine's client-managed OCO on the simulator's Position Brackets account (1003): the
/// legs are reducing orders the guard always lets through, a breach ends flat without the two fighting, and risk per
/// trade reads the stop distance a managed entry carries in its tag.
/// </summary>
public sealed class GuardProtectionTests : IDisposable
{
    private const int Account = Sim.PositionBracketsAccount;
    private readonly string _statePath = Path.Combine(Path.GetTempPath(), "px-risk-" + Guid.NewGuid().ToString("N"), "account-1003.json");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_statePath)))
            Directory.Delete(Path.GetDirectoryName(_statePath)!, recursive: true);
    }

    [Fact]
    public async Task While_the_guard_is_locked_the_legs_are_still_placed_resized_and_cancelled()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartLiveAsync(client);
        var events = Record(live);
        var guard = Attach(client, new RiskRules { DailyLossLimit = 500m });
        var mnq = Sim.ActiveContract(server, "MNQ");
        // Two protected entries resting below the market, sent before the lock.
        var first = await live.Protection.SubmitBracketOrderAsync(RestingEntry(server, mnq, 1));
        var second = await live.Protection.SubmitBracketOrderAsync(RestingEntry(server, mnq, 2));
        Assert.Equal((PlacementOutcome.Placed, PlacementOutcome.Placed), (first.Placement.Outcome, second.Placement.Outcome));

        // Another process on the same state file (a scheduled job) locks the account until unlocked.
        await guard.GetStatusAsync();
        await new RiskStateStore(_statePath).UpdateAsync(Account, s =>
        {
            s!.Lock = new RiskLock(RiskRule.TrailingMaxLoss, s.TradingDay, DateTimeOffset.UtcNow, UntilUnlocked: true, 48_000m, 47_990m, "A scheduled job saw equity reach the floor.");
            return s;
        }, CancellationToken.None);
        var sent = Sim.OrdersOnServer(server, Account).Count;
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => live.Protection.SubmitBracketOrderAsync(RestingEntry(server, mnq, 1)));
        Assert.True(refused.Locked);
        Assert.Equal(sent, Sim.OrdersOnServer(server, Account).Count);

        // The first entry fills (the market came down to it): both legs are placed, lock or not.
        FillNow(server, mnq, first.Placement.OrderId!.Value);
        var (stop, target) = await LegsAsync(server);
        Assert.Equal((1, 1), (stop.Size, target.Size));

        // The second fills: the legs grow with the position.
        FillNow(server, mnq, second.Placement.OrderId!.Value);
        await WaitUntilAsync(() => Size(server, stop.Id) == 3 && Size(server, target.Id) == 3, "both legs resized to 3");

        // Part is closed (a reducing order: always allowed): the legs shrink.
        await client.PartialClosePositionAsync(mnq.Id, 2, Account);
        await WaitUntilAsync(() => Size(server, stop.Id) == 1 && Size(server, target.Id) == 1, "both legs resized to 1");

        // Closed: both legs go, nothing is left to open a new position.
        await client.ClosePositionAsync(mnq.Id, Account);
        await WaitUntilAsync(() => Status(server, stop.Id) == OrderStatus.Cancelled && Status(server, target.Id) == OrderStatus.Cancelled, "both legs cancelled");
        await WaitUntilAsync(() => live.Protection.Protections.Count == 0, "the plan to end");

        Assert.DoesNotContain(events, e => e.Kind == ProtectionEventKind.Failed);
        Assert.Equal(2, events.Count(e => e.Kind == ProtectionEventKind.LegPlaced));
        Assert.DoesNotContain(Sim.PositionsOnServer(server, Account), p => p.Size > 0);
        Assert.True((await guard.GetStatusAsync()).Lock?.UntilUnlocked);
    }

    [Fact]
    public async Task After_a_breach_the_flattener_and_the_protection_do_not_fight()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartLiveAsync(client);
        var events = Record(live);
        await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 2, StopLossTicks = 40, TakeProfitTicks = 80 });
        var (stop, target) = await LegsAsync(server);
        await WaitUntilAsync(() => live.Protection.Protections is [{ IsProtected: true, PositionSize: 2 }], "the position protected");
        Assert.Equal(3, Sim.OrdersOnServer(server, Account).Count); // the entry and its two legs

        // The high starts $1,000 above the balance and the floor $500 below the high: equity is past the floor at the first look.
        var balance = live.Account.Balance;
        var guard = Attach(client, new RiskRules
        {
            StartingBalance = balance + 1_000m,
            TrailingMaxLoss = new TrailingLossRule { Amount = 500m, Mode = TrailingMode.Intraday },
        });
        var breaches = new ConcurrentQueue<RiskEventArgs>();
        guard.Breach += (_, e) => breaches.Enqueue(e);
        guard.StartMonitoring(live);

        await WaitUntilAsync(() => !breaches.IsEmpty, "the breach");
        await WaitUntilAsync(() => live.Protection.Protections.Count == 0 && live.Positions.Count == 0 && live.Orders.Working().Count == 0, "the engine to see the account flat");
        // Both sides look again once more: nothing is left for either to do.
        await live.Protection.ReconcileAsync();
        await guard.EvaluateAsync();

        var orders = Sim.OrdersOnServer(server, Account);
        Assert.DoesNotContain(orders, o => o.Status.IsWorking());
        Assert.DoesNotContain(Sim.PositionsOnServer(server, Account), p => p.Size > 0);
        Assert.Equal((OrderStatus.Cancelled, OrderStatus.Cancelled), (Status(server, stop.Id), Status(server, target.Id)));
        // No order storm: the entry, its two legs and one close. No double exit: one buy of 2, one sell of 2.
        Assert.True(orders.Count == 4, "orders: " + string.Join("; ", orders.Select(o => $"{o.Id} {o.Type} {o.Side} {o.Size} {o.Status} {o.CustomTag}")));
        Assert.Equal([(OrderSide.Bid, 2), (OrderSide.Ask, 2)], server.Gateway.Exchange.GetTrades(Account).Select(t => (t.Side, t.Size)));
        Assert.Single(breaches);
        Assert.True(Assert.Single(breaches).Flatten!.IsFlat);
        Assert.DoesNotContain(events, e => e.Kind == ProtectionEventKind.LegPlaced && e.OrderId != stop.Id && e.OrderId != target.Id);
    }

    [Fact]
    public async Task Risk_per_trade_reads_a_managed_entrys_stop_distance_sending_one_within_the_limit_and_refusing_one_over_it()
    {
        // MNQ ticks are worth $0.50 (the simulator's catalogue). 3 × 40 ticks × 0.50 = 60 > 50; 2 × 40 × 0.50 = 40 ≤ 50.
        const decimal maxRisk = 50m;
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartLiveAsync(client);
        var events = Record(live);
        var guard = Attach(client, new RiskRules { MaxRiskPerTrade = maxRisk });
        guard.StartMonitoring(live);

        var over = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() =>
            live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 3, StopLossTicks = 40, TakeProfitTicks = 80 }));
        Assert.Equal((RiskRule.MaxRiskPerTrade, (decimal?)maxRisk, (decimal?)(3 * 40 * 0.50m)), (over.Rule, over.Limit, over.Figure));
        Assert.Contains("60.00", over.Message, StringComparison.Ordinal);
        Assert.Contains("50.00", over.Message, StringComparison.Ordinal);
        Assert.Empty(Sim.OrdersOnServer(server, Account));

        var within = await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 2, StopLossTicks = 40, TakeProfitTicks = 80 });

        Assert.Equal((BracketHandling.ClientManaged, PlacementOutcome.Placed), (within.Handling, within.Placement.Outcome));
        var entry = Sim.OrdersOnServer(server, Account).Single(o => o.Id == within.Placement.OrderId);
        Assert.Equal(ProtectionRole.Entry, ProtectionTags.TryParse(entry.CustomTag)?.Role);
        var (stop, target) = await LegsAsync(server);
        var tick = Sim.ActiveContract(server, "MNQ").TickSize;
        Assert.Equal((2, entry.FilledPrice - (40 * tick)), (stop.Size, stop.StopPrice));
        Assert.Equal((2, entry.FilledPrice + (80 * tick)), (target.Size, target.LimitPrice));
        await WaitUntilAsync(() => live.Protection.Protections is [{ IsProtected: true, PositionSize: 2 }], "the position protected");
        // The legs are exits: risk per trade (which needs a stop distance for entries) never refused them.
        Assert.DoesNotContain(events, e => e.Kind == ProtectionEventKind.Failed);
        Assert.Equal(3, Sim.OrdersOnServer(server, Account).Count);
    }

    [Fact]
    public async Task Legs_placed_before_the_engine_hears_of_the_fill_are_exits_not_entries_without_a_stop()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        // The user hub stays down for the whole test: the live engine (the guard's view) never hears of the fill.
        await using var live = await StartLiveAsync(client, r => r.ReconnectDelays = [TimeSpan.FromMinutes(5)]);
        var events = Record(live);
        var guard = Attach(client, new RiskRules { MaxRiskPerTrade = 50m });
        guard.StartMonitoring(live);
        Assert.Equal(1, server.Realtime.KillConnections(HubKind.User));

        // 2 × 40 ticks × 0.50 = 40 ≤ 50: sent. The manager sees the fill over REST and places the legs at once.
        var within = await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 2, StopLossTicks = 40, TakeProfitTicks = 80 });
        Assert.Equal(PlacementOutcome.Placed, within.Placement.Outcome);

        var (stop, target) = await LegsAsync(server);
        Assert.Equal((2, 2), (stop.Size, target.Size));
        Assert.Equal(0, live.GetHealth().UserReconnects);
        Assert.DoesNotContain(events, e => e.Kind == ProtectionEventKind.Failed);
    }

    [Fact]
    public async Task An_exit_on_a_live_book_the_gateway_has_moved_past_is_checked_as_the_entry_it_would_be()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await StartLiveAsync(client, r => r.ReconnectDelays = [TimeSpan.FromMinutes(5)]);
        await client.PlaceOrderAsync(new OrderTicket { AccountId = Account, Instrument = "MNQ", Side = OrderSide.Bid, Size = 1 });
        await WaitUntilAsync(() => live.Positions.Snapshot().Any(p => p.Position.Size == 1), "the live engine's long 1");
        // The user hub goes down, then the position is closed at the gateway: the live book still says long 1.
        Assert.Equal(1, server.Realtime.KillConnections(HubKind.User));
        await client.ClosePositionAsync("MNQ", Account);
        Assert.DoesNotContain(await client.GetPositionsAsync(Account), p => p.Size > 0);
        Assert.Contains(live.Positions.Snapshot(), p => p.Position.Size == 1);
        var guard = Attach(client, new RiskRules { MaxRiskPerTrade = 50m }); // an entry needs a stop distance
        guard.StartMonitoring(live);
        var ordersBefore = (await client.SearchOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), accountId: Account)).Count;

        // A sell of 1 "closes" the stale long 1; at the gateway it would open a short without a stop.
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => client.PlaceOrderAsync(new OrderTicket { AccountId = Account, Instrument = "MNQ", Side = OrderSide.Ask, Size = 1 }));

        Assert.Equal(RiskRule.MaxRiskPerTrade, refused.Rule);
        Assert.Equal(ordersBefore, (await client.SearchOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), accountId: Account)).Count);
        Assert.DoesNotContain(await client.GetPositionsAsync(Account), p => p.Size > 0);
    }

    private RiskGuard Attach(ProjectXClient client, RiskRules rules) =>
        RiskGuard.Attach(client, rules, Account, new RiskGuardOptions { StatePath = _statePath });

    private static Task<LiveAccount> StartLiveAsync(ProjectXClient client, Action<RealtimeOptions>? realtime = null)
    {
        var options = new LiveAccountOptions { Account = Account.ToString(CultureInfo.InvariantCulture), Realtime = FastOptions(realtime) };
        options.Protection.BracketMode = BracketMode.PositionBrackets;
        return LiveAccount.StartAsync(client, options);
    }

    /// <summary>A protected buy limit 100 points under the market: it rests until the test fills it.</summary>
    private static OrderTicket RestingEntry(SimulatorServer server, ContractModel contract, int size) => new()
    {
        Instrument = contract.Id,
        Side = OrderSide.Bid,
        Size = size,
        Type = OrderType.Limit,
        LimitPrice = TickMath.Round(Sim.LastPrice(server, contract.Id) - 100m, contract.TickSize, PriceRounding.Down),
        StopLossTicks = 40,
        TakeProfitTicks = 80,
    };

    /// <summary>The market comes to a resting buy: moved above the last price at the exchange, it fills at once.</summary>
    private static void FillNow(SimulatorServer server, ContractModel contract, long orderId)
    {
        var above = TickMath.Round(Sim.LastPrice(server, contract.Id), contract.TickSize, PriceRounding.Down) + (8 * contract.TickSize);
        Assert.True(server.Gateway.Exchange.ModifyOrder(Simulation.SimulatorOptions.DemoUserName, new ModifyOrderRequest { AccountId = Account, OrderId = orderId, LimitPrice = above }).Success);
        Assert.Equal(OrderStatus.Filled, Status(server, orderId));
    }

}
