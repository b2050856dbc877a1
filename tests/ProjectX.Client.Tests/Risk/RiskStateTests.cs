using ProjectX.Client.Gateway;
using ProjectX.Client.Risk;

namespace ProjectX.Client.Tests.Risk;

/// <summary>The state survives restarts, is shared safely by two guards with their own file handles, and fails closed.</summary>
public sealed class RiskStateTests
{
    [Fact]
    public async Task A_restart_in_the_middle_of_the_day_keeps_the_high_water_mark_the_day_start_and_the_lock()
    {
        await using var h = await RiskHarness.StartAsync();
        var rules = new RiskRules { StartingBalance = 50_000m, TrailingMaxLoss = new TrailingLossRule { Amount = 400m, Mode = TrailingMode.Intraday } };
        var first = h.Attach(rules);
        var loss = await h.LoseAtLeastAsync("MNQ", 10, 400m);
        var before = await first.EvaluateAsync(); // breach: locked until unlocked
        Assert.NotNull(before.Lock);
        await first.DisposeAsync(); // the process ends

        var second = h.Attach(rules); // a new process: same file, new guard
        var after = await second.GetStatusAsync();
        Assert.Equal((50_000m, 50_000m, before.Lock), (after.EquityHigh, after.DayStartBalance, after.Lock));
        Assert.Equal(-loss, after.DayPnl);
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.True(refused.Locked);
    }

    [Fact]
    public async Task Two_guards_with_their_own_file_handles_share_one_state_file_without_losing_an_update()
    {
        var path = Path.Combine(Path.GetTempPath(), "px-risk-" + Guid.NewGuid().ToString("N"), "account-1001.json");
        var a = new RiskStateStore(path);
        var b = new RiskStateStore(path);
        var day = new DateOnly(2026, 12, 2);
        // 2 × 100 read-change-write increments racing: without the lock some would be lost.
        async Task Bump(RiskStateStore store)
        {
            for (var i = 0; i < 100; i++)
                await store.UpdateAsync(1001, s =>
                {
                    s ??= new RiskState { AccountId = 1001, TradingDay = day };
                    s.EquityHigh += 1m;
                    return s;
                }, CancellationToken.None);
        }
        await Task.WhenAll(Task.Run(() => Bump(a)), Task.Run(() => Bump(b)));
        Assert.Equal(200m, a.Read(1001)!.EquityHigh);
        Assert.Equal(200m, b.Read(1001)!.EquityHigh);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task A_lock_set_by_one_guard_refuses_orders_through_another()
    {
        await using var h = await RiskHarness.StartAsync();
        await using var other = await ProjectXClient.ConnectAsync(Support.Sim.Options(h.Server, o => o.TimeProvider = h.Time));
        var loss = await h.LoseAtLeastAsync("MNQ", 10, 300m);
        var rules = new RiskRules { DailyLossLimit = loss };
        var scheduled = h.Attach(rules); // a scheduled job's guard
        var interactive = RiskGuard.Attach(other, rules, Support.Sim.MainAccount, new RiskGuardOptions { StatePath = h.StatePath });

        await scheduled.EvaluateAsync(); // breach: the job locks
        var status = await interactive.GetStatusAsync();
        Assert.Equal(RiskRule.DailyLoss, status.Lock?.Rule);
        interactive.SetRules(new RiskRules()); // no rule would refuse: only the shared lock can
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => other.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.True(refused.Locked);

        await interactive.UnlockAsync();
        Assert.Null((await scheduled.GetStatusAsync()).Lock);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("{\"version\":1,\"accountId\":9999,\"tradingDay\":\"2026-12-02\"}")]
    [InlineData("{\"version\":7,\"accountId\":1001,\"tradingDay\":\"2026-12-02\"}")]
    [InlineData("{\"version\":1,\"accountId\":1001,\"tradingDay\":\"2026-12-02\",\"equityHigh\":-5}")]
    public async Task A_corrupt_state_file_fails_closed_but_closing_still_goes(string content)
    {
        await using var h = await RiskHarness.StartAsync();
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1); // before the guard
        var guard = h.Attach(new RiskRules { DailyLossLimit = 1_000m });
        await File.WriteAllTextAsync(h.StatePath, content);
        var orders = h.OrdersOnServer;

        var failed = await Assert.ThrowsAsync<ProjectXRiskStateException>(() => h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1));
        Assert.Equal(RiskStateFailure.Corrupt, failed.Failure);
        Assert.Equal(h.StatePath, failed.Path);
        Assert.Contains("fails closed", failed.Message, StringComparison.Ordinal);
        Assert.Equal(orders, h.OrdersOnServer);
        await Assert.ThrowsAsync<ProjectXRiskStateException>(() => guard.GetStatusAsync());
        Assert.Equal(content, await File.ReadAllTextAsync(h.StatePath)); // never overwritten behind the user's back

        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 1); // closing needs no state
        Assert.Empty(h.PositionsOnServer);
        await guard.ResetStateAsync(); // deliberate
        await h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1);
    }

    [Fact]
    public async Task An_unreadable_state_file_fails_closed()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxContracts = 5 });
        Directory.CreateDirectory(h.StatePath); // a directory where the file should be: it cannot be read

        var failed = await Assert.ThrowsAsync<ProjectXRiskStateException>(() => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(RiskStateFailure.Unreadable, failed.Failure);
        Assert.Equal(0, h.OrdersOnServer);
    }
}
