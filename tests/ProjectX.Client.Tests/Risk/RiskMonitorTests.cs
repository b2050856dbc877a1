using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Risk;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Risk;

/// <summary>The guard watching the live engine's PnL over the simulator's hubs: it warns, and at a limit it locks and flattens.</summary>
public sealed class RiskMonitorTests : IDisposable
{
    private readonly string _statePath = Path.Combine(Path.GetTempPath(), "px-risk-" + Guid.NewGuid().ToString("N"), "account-1001.json");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_statePath)))
            Directory.Delete(Path.GetDirectoryName(_statePath)!, recursive: true);
    }

    [Fact]
    public async Task At_the_limit_the_monitoring_guard_cancels_the_working_orders_flattens_and_locks_once()
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(50));
        await using var client = await ConnectAsync(server);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2);
        var mes = Sim.ActiveContract(server, "MES");
        var working = await client.PlaceLimitOrderAsync("MES", OrderSide.Bid, 1, Sim.LastPrice(server, mes.Id) - 300m);
        await using var live = await LiveAccount.StartAsync(client, new LiveAccountOptions { Realtime = FastOptions() });
        // The high starts $1,000 above the balance and the floor $500 below the high: equity is past the floor at the first look.
        var balance = live.Account.Balance;
        var guard = RiskGuard.Attach(client, new RiskRules
        {
            StartingBalance = balance + 1_000m,
            TrailingMaxLoss = new TrailingLossRule { Amount = 500m, Mode = TrailingMode.Intraday },
        }, options: new RiskGuardOptions { StatePath = _statePath });
        var breaches = new ConcurrentQueue<RiskEventArgs>();
        guard.Breach += (_, e) => breaches.Enqueue(e);

        guard.StartMonitoring(live);

        await WaitUntilAsync(() => !breaches.IsEmpty, "the breach");
        var breach = Assert.Single(breaches);
        Assert.Equal((RiskRule.TrailingMaxLoss, balance + 500m), (breach.Rule, breach.Limit));
        Assert.True(breach.Flatten!.IsFlat, breach.Flatten.ToString());
        Assert.DoesNotContain(Sim.PositionsOnServer(server), p => p.Size > 0);
        Assert.Equal(OrderStatus.Cancelled, server.Gateway.Exchange.GetOrder(working.OrderId)!.Status);
        await WaitUntilAsync(() => live.Positions.Count == 0 && live.Orders.Working().Count == 0, "the engine to see the account flat");

        var before = Sim.OrdersOnServer(server).Count;
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.True(refused.Locked);
        Assert.Equal(before, Sim.OrdersOnServer(server).Count);
        await guard.EvaluateAsync();
        Assert.Single(breaches);
        Assert.Null(guard.LastMonitorError);
    }

    [Fact]
    public async Task Within_the_buffer_the_monitoring_guard_warns_once_and_does_not_act()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, new LiveAccountOptions { Realtime = FastOptions() });
        var working = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, Sim.LastPrice(server, Sim.ActiveContract(server, "MNQ").Id) - 300m);
        // High = balance + 900, floor = high − 1,000 = balance − 100: $100 of room, inside 20% of $1,000.
        var balance = live.Account.Balance;
        var guard = RiskGuard.Attach(client, new RiskRules
        {
            StartingBalance = balance + 900m,
            TrailingMaxLoss = new TrailingLossRule { Amount = 1_000m, Mode = TrailingMode.EndOfDay },
        }, options: new RiskGuardOptions { StatePath = _statePath });
        var warnings = new ConcurrentQueue<RiskEventArgs>();
        guard.Warning += (_, e) => warnings.Enqueue(e);
        guard.Breach += (_, e) => Assert.Fail("no breach: " + e);

        guard.StartMonitoring(live);

        await WaitUntilAsync(() => !warnings.IsEmpty, "the warning");
        var warning = Assert.Single(warnings);
        Assert.Equal((RiskEventKind.Warning, RiskRule.TrailingMaxLoss, balance - 100m, 100m), (warning.Kind, warning.Rule, warning.Limit, warning.Remaining));
        await guard.EvaluateAsync();
        Assert.Single(warnings);
        Assert.Equal(OrderStatus.Open, server.Gateway.Exchange.GetOrder(working.OrderId)!.Status);
        await guard.StopMonitoringAsync();
        Assert.Null(guard.Live);
    }

    [Fact]
    public async Task Without_a_live_engine_the_guard_polls_over_REST_and_flattens_at_the_limit()
    {
        await using var h = await RiskHarness.StartAsync();
        var loss = await h.LoseAtLeastAsync("MNQ", 10, 300m);
        await h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1);
        var guard = h.Attach(new RiskRules { DailyLossLimit = loss - 50m });
        var breaches = new ConcurrentQueue<RiskEventArgs>();
        guard.Breach += (_, e) => breaches.Enqueue(e);

        guard.StartPolling();

        await WaitUntilAsync(() => !breaches.IsEmpty, "the breach");
        Assert.True(guard.IsMonitoring);
        Assert.Equal(RiskRule.DailyLoss, Assert.Single(breaches).Rule);
        Assert.Empty(h.PositionsOnServer);
        await guard.StopMonitoringAsync();
        Assert.False(guard.IsMonitoring);
    }
}
