using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Risk;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;
using ProjectX.Simulator;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;
using BracketMode = ProjectX.Client.Live.BracketMode;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// A flatten while the market is closed (the simulator on CME hours): the gateway refuses the close, so the position
/// stays open, and its protection must stay working with it. Only once the close goes through (at the reopen) are the
/// exits cancelled. Every instant is worked out by hand for MNQ on Wednesday 2 December 2026 (CST, UTC−6; DST ended on
/// Sunday 1 November): open until 16:00 Chicago (22:00Z), the daily break, open again at 17:00 (23:00Z).
/// </summary>
public sealed class FlattenWhileClosedTests
{
    /// <summary>15:59:30 CST: half a minute before the daily close.</summary>
    private static readonly DateTimeOffset BeforeTheBreak = T("2026-12-02T21:59:30Z");

    /// <summary>16:00 CST: the market closes (the first closed second).</summary>
    private static readonly DateTimeOffset Close = T("2026-12-02T22:00:00Z");

    /// <summary>16:30 CST: in the daily maintenance break.</summary>
    private static readonly DateTimeOffset InTheBreak = T("2026-12-02T22:30:00Z");

    /// <summary>17:00 CST: the market reopens.</summary>
    private static readonly DateTimeOffset Reopen = T("2026-12-02T23:00:00Z");

    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_refused_close_leaves_the_stop_working_and_the_reopen_ends_flat()
    {
        await using var h = await RiskHarness.StartAsync(BeforeTheBreak, o => o.MarketHours = SimulatorMarketHours.Cme);
        var mnq = Sim.ActiveContract(h.Server, "MNQ");
        await h.Client.PlaceMarketOrderAsync(mnq.Id, OrderSide.Bid, 1);
        // The stop sits 40 ticks under the lowest the path trades while the market is open before the break and at the
        // reopen: it cannot fill in this test, so a stop that ends is one the client cancelled.
        var (low, _) = Range(h.Server, mnq.Id);
        var stopPrice = TickMath.Round(low, mnq.TickSize, PriceRounding.Down) - (40 * mnq.TickSize);
        var stop = await h.Client.PlaceStopOrderAsync(mnq.Id, OrderSide.Ask, 1, stopPrice);
        Assert.Equal(OrderStatus.Open, StatusOf(h.Server, Sim.MainAccount, stop.OrderId));
        var guard = h.Attach(new RiskRules { DailyLossLimit = 1_000m });
        var ordersBefore = h.OrdersOnServer;

        h.Time.SetUtcNow(InTheBreak);
        var refused = await guard.FlattenAsync();

        Assert.False(refused.IsFlat, refused.ToString());
        Assert.Contains(refused.Problems, p => p.Contains(mnq.Id, StringComparison.Ordinal));
        Assert.Equal(1, Assert.Single(h.PositionsOnServer).Size);
        Assert.Equal(OrderStatus.Open, StatusOf(h.Server, Sim.MainAccount, stop.OrderId)); // the position is still protected
        Assert.Equal(ordersBefore, h.OrdersOnServer); // a refused close creates no order; nothing else was sent
        Assert.Equal(0, refused.PositionsClosed);

        h.Time.SetUtcNow(Reopen);
        var flat = await guard.FlattenAsync();

        Assert.True(flat.IsFlat, flat.ToString());
        Assert.Equal(1, flat.PositionsClosed);
        Assert.Empty(h.PositionsOnServer);
        Assert.Equal(OrderStatus.Cancelled, StatusOf(h.Server, Sim.MainAccount, stop.OrderId));
        Assert.DoesNotContain(Sim.OrdersOnServer(h.Server), o => o.Status.IsWorking());
        // One buy and the one close that went through: the stop never traded.
        Assert.Equal([(OrderSide.Bid, 1), (OrderSide.Ask, 1)], h.Server.Gateway.Exchange.GetTrades(Sim.MainAccount).Select(t => (t.Side, t.Size)));
    }

    [Fact]
    public async Task A_breach_while_closed_leaves_the_client_managed_legs_working_and_the_manager_places_none_again()
    {
        const int account = Sim.PositionBracketsAccount;
        var time = new FakeTimeProvider(BeforeTheBreak);
        await using var server = await Sim.StartAsync(o =>
        {
            o.MarketHours = SimulatorMarketHours.Cme;
            o.RateLimits.Enabled = false; // the fake clock hardly moves: a 60 s window would never empty
            o.Realtime.FeedInterval = TimeSpan.FromHours(12); // no timed feed tick: the market moves with the test's clock
        }, time);
        // A request's timeout runs on the client's clock. The test jumps that clock (half an hour at a time) while the
        // engine may have a read in flight: a 20 s timeout would expire in the jump and its retry wait on a clock
        // that no longer moves. On a fake clock the timeout never fires in real time anyway.
        await using var client = await ConnectAsync(server, o =>
        {
            o.TimeProvider = time;
            o.RequestTimeout = TimeSpan.FromDays(1);
        });
        var options = new LiveAccountOptions { Account = account.ToString(CultureInfo.InvariantCulture), Realtime = FastOptions() };
        options.Protection.BracketMode = BracketMode.PositionBrackets;
        await using var live = await LiveAccount.StartAsync(client, options);
        var events = new ConcurrentQueue<ProtectionEvent>();
        live.Protection.Changed += (_, e) => events.Enqueue(e);
        var statePath = Path.Combine(Path.GetTempPath(), "px-risk-" + Guid.NewGuid().ToString("N"), "account-1003.json");
        try
        {
            var mnq = Sim.ActiveContract(server, "MNQ");
            // Both legs 40 ticks beyond the path's range while open before the break and at the reopen: neither fills here.
            var (low, high) = Range(server, mnq.Id);
            var entryPrice = server.Gateway.Exchange.Market.GetSnapshot(mnq.Id, BeforeTheBreak).Ask;
            var stopTicks = (int)((entryPrice - low) / mnq.TickSize) + 40;
            var targetTicks = (int)((high - entryPrice) / mnq.TickSize) + 40;
            var bracket = await live.Protection.SubmitBracketOrderAsync(new OrderTicket { Instrument = mnq.Id, Side = OrderSide.Bid, Size = 1, StopLossTicks = stopTicks, TakeProfitTicks = targetTicks });
            Assert.Equal((BracketHandling.ClientManaged, PlacementOutcome.Placed), (bracket.Handling, bracket.Placement.Outcome));
            await WaitUntilAsync(() => live.Protection.Protections is [{ IsProtected: true, PositionSize: 1 }], "the position protected");
            var legs = Sim.OrdersOnServer(server, account).Where(o => o.Status == OrderStatus.Open).ToList();
            Assert.Equal(2, legs.Count); // the stop and the target
            var ordersBefore = Sim.OrdersOnServer(server, account);
            Assert.Equal(3, ordersBefore.Count); // and the filled entry

            // The high starts $1,000 above the balance and the floor $500 below the high: equity is past the floor at the first look.
            var balance = live.Account.Balance;
            var guard = RiskGuard.Attach(client, new RiskRules
            {
                StartingBalance = balance + 1_000m,
                TrailingMaxLoss = new TrailingLossRule { Amount = 500m, Mode = TrailingMode.Intraday },
            }, account, new RiskGuardOptions { StatePath = statePath });
            var breaches = new ConcurrentQueue<RiskEventArgs>();
            guard.Breach += (_, e) => breaches.Enqueue(e);

            time.SetUtcNow(InTheBreak);
            await guard.EvaluateAsync();
            // The manager looks again (as its timer or an event would make it): it must find the legs and leave them be.
            await live.Protection.ReconcileAsync();

            var breach = Assert.Single(breaches);
            Assert.False(breach.Flatten!.IsFlat, breach.Flatten.ToString());
            Assert.Contains(breach.Flatten.Problems, p => p.Contains(mnq.Id, StringComparison.Ordinal));
            Assert.All(legs, leg => Assert.Equal(OrderStatus.Open, StatusOf(server, account, leg.Id))); // the position keeps its OCO
            Assert.Equal(1, Assert.Single(Sim.PositionsOnServer(server, account), p => p.Size > 0).Size);
            var orders = Sim.OrdersOnServer(server, account);
            Assert.True(orders.Count == ordersBefore.Count, "orders: " + Describe(orders)); // no leg placed again, no refused re-placement
            Assert.Equal(2, events.Count(e => e.Kind == ProtectionEventKind.LegPlaced));
            Assert.DoesNotContain(events, e => e.Kind is ProtectionEventKind.LegCancelled or ProtectionEventKind.Failed);

            time.SetUtcNow(Reopen);
            await guard.EvaluateAsync(); // locked and open: it flattens again, and now the close goes through

            await WaitUntilAsync(() => live.Protection.Protections.Count == 0 && live.Positions.Count == 0 && live.Orders.Working().Count == 0, "the engine to see the account flat");
            await live.Protection.ReconcileAsync();
            await guard.EvaluateAsync();
            orders = Sim.OrdersOnServer(server, account);
            Assert.DoesNotContain(orders, o => o.Status.IsWorking());
            Assert.All(legs, leg => Assert.Equal(OrderStatus.Cancelled, StatusOf(server, account, leg.Id)));
            Assert.DoesNotContain(Sim.PositionsOnServer(server, account), p => p.Size > 0);
            // The entry, its two legs and one close; one buy and one sell.
            Assert.True(orders.Count == 4, "orders: " + Describe(orders));
            Assert.Equal([(OrderSide.Bid, 1), (OrderSide.Ask, 1)], server.Gateway.Exchange.GetTrades(account).Select(t => (t.Side, t.Size)));
            Assert.Equal(2, events.Count(e => e.Kind == ProtectionEventKind.LegPlaced));
            Assert.Single(breaches);
        }
        finally
        {
            foreach (var guard in client.RiskGuards)
                await guard.DisposeAsync();
            if (Directory.Exists(Path.GetDirectoryName(statePath)))
                Directory.Delete(Path.GetDirectoryName(statePath)!, recursive: true);
        }
    }

    /// <summary>
    /// The lowest and highest the simulator's path trades while the market is open in this test: from the entry to the
    /// close, and the first seconds after the reopen (nothing trades in the break, so a gap is met at the reopen).
    /// </summary>
    private static (decimal Low, decimal High) Range(SimulatorServer server, string contractId)
    {
        var market = server.Gateway.Exchange.Market;
        var seconds = market.GetSeconds(contractId, BeforeTheBreak.AddSeconds(-1), Close)
            .Concat(market.GetSeconds(contractId, Reopen.AddSeconds(-1), Reopen.AddSeconds(10)))
            .ToList();
        return (seconds.Min(s => s.Low), seconds.Max(s => s.High));
    }

    private static OrderStatus StatusOf(SimulatorServer server, int accountId, long orderId) =>
        Sim.OrdersOnServer(server, accountId).Single(o => o.Id == orderId).Status;

    private static string Describe(IEnumerable<OrderModel> orders) =>
        string.Join("; ", orders.Select(o => $"{o.Id} {o.Type} {o.Side} {o.Size} {o.Status} {o.CustomTag}"));
}
