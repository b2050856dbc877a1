using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Client.Risk;
using ProjectX.Simulation;
using ProjectX.Simulation.Exchange;
using Xunit.Abstractions;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// The client's guard acts before the simulator's own firm rules would, on accounts configured like a prop firm's plan.
/// Each loss test runs the same scripted prices twice on a fresh simulator: with the guard, which flattens and locks
/// while the account can still trade, and without it, where the firm's rule fires (canTrade false, errorCode 4). The
/// second run proves the firm's enforcement is real and that the first run's guard got there first.
/// </summary>
public sealed class GuardBeforeFirmTests(ITestOutputHelper output)
{
    private const decimal StartingBalance = 50_000m;

    /// <summary>An account like the 50K Combine (1007) without its daily limit, so only the trailing maximum loss can end it.</summary>
    private const int TrailingOnlyAccount = 3007;

    [Fact]
    public async Task A_personal_daily_loss_limit_below_the_firms_flattens_and_locks_while_the_account_can_still_trade()
    {
        // Account 1007: the firm stops the day at a loss of 1,000 (SimulatorOptions). The trader's own limit is 800.
        const decimal firmDailyLimit = 1_000m, guardDailyLimit = 800m;
        // 2 NQ ($5 a tick each). Marked losses at four moments: a first loss; one inside the guard's warning buffer
        // (20% of 800 left: from 640); one past the guard's limit but short of the firm's; one past the firm's.
        (decimal, decimal)[] windows = [(300m, 500m), (660m, 780m), (830m, 900m), (1_020m, 1_150m)];

        var guarded = await GuardedRunAsync(FirmAccountHarness.Combine50K, null, new RiskRules { DailyLossLimit = guardDailyLimit }, 2, windows);

        var script = guarded.Script;
        Log(guarded);
        var warning = Assert.Single(guarded.Warnings);
        Assert.Equal((RiskRule.DailyLoss, guardDailyLimit, guardDailyLimit - script.MarkedLoss(guarded.Last[1])), (warning.Rule, warning.Limit, warning.Remaining));
        Assert.Equal((RiskRule.DailyLoss, guardDailyLimit, script.MarkedLoss(guarded.Last[2])), (guarded.Breach.Rule, guarded.Breach.Limit, guarded.Breach.Figure));
        Assert.True(guarded.Realized < firmDailyLimit, $"the day's realized loss {guarded.Realized} stays under the firm's {firmDailyLimit}");
        Assert.False(guarded.Locked!.UntilUnlocked);

        var control = await ControlRunAsync(FirmAccountHarness.Combine50K, null, script, windows);
        Assert.True(control.Realized >= firmDailyLimit, $"without the guard the day lost {control.Realized}");
        Assert.Equal(((int?)PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.DailyLossLimitReached), (control.Refused.ErrorCode, control.Refused.GatewayMessage));
    }

    [Fact]
    public async Task A_trailing_floor_above_the_firms_flattens_and_locks_while_the_account_can_still_trade()
    {
        // The firm's floor: 50,000 − 2,000 = 48,000 (end-of-day trailing, locked at the starting balance). The guard's
        // floor, in the same shape: 50,000 − 1,500 = 48,500.
        const decimal firmFloor = StartingBalance - 2_000m, guardFloor = StartingBalance - 1_500m;
        // 4 NQ (the plan allows 5). Losses: a first one; one within the guard's warning buffer (20% of 1,500 left: from 1,200); one through
        // the guard's floor but above the firm's; one through the firm's.
        (decimal, decimal)[] windows = [(500m, 900m), (1_220m, 1_450m), (1_530m, 1_650m), (2_030m, 2_200m)];
        var rules = new RiskRules
        {
            StartingBalance = StartingBalance,
            TrailingMaxLoss = new TrailingLossRule { Amount = 1_500m, Mode = TrailingMode.EndOfDay, LockLevel = StartingBalance },
        };

        var guarded = await GuardedRunAsync(TrailingOnlyAccount, AddTrailingOnlyAccount, rules, 4, windows);

        var script = guarded.Script;
        Log(guarded);
        var warning = Assert.Single(guarded.Warnings);
        Assert.Equal((RiskRule.TrailingMaxLoss, guardFloor), (warning.Rule, warning.Limit));
        Assert.Equal((RiskRule.TrailingMaxLoss, guardFloor, StartingBalance - script.MarkedLoss(guarded.Last[2])), (guarded.Breach.Rule, guarded.Breach.Limit, guarded.Breach.Figure));
        Assert.True(StartingBalance - guarded.Realized > firmFloor, $"the balance {StartingBalance - guarded.Realized} stays above the firm's floor {firmFloor}");
        Assert.True(guarded.Locked!.UntilUnlocked);

        var control = await ControlRunAsync(TrailingOnlyAccount, AddTrailingOnlyAccount, script, windows);
        Assert.True(StartingBalance - control.Realized <= firmFloor, $"without the guard the balance fell to {StartingBalance - control.Realized}");
        Assert.Equal(((int?)PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.MaxLossReached), (control.Refused.ErrorCode, control.Refused.GatewayMessage));
    }

    [Fact]
    public async Task A_contract_cap_refuses_before_sending_the_order_the_firm_would_refuse_with_code_4()
    {
        // The 50K Combine holds at most 5 contracts, counting working orders that could fill (SimulatorOptions). The
        // guard is given the same cap: it must count the same way, and answer before the order leaves.
        const int firmMaxContracts = 5;
        await using var h = await FirmAccountHarness.StartAsync();
        var nq = h.Contract("NQ");
        var guard = h.Guard(new RiskRules { MaxContracts = firmMaxContracts });
        await h.MarketAsync(nq, OrderSide.Bid, 3);
        var far = h.MarketAt(nq.Id, h.Time.GetUtcNow()).Bid - 500m;
        await h.Client.PlaceOrderAsync(new OrderTicket { AccountId = h.AccountId, Instrument = nq.Id, Type = OrderType.Limit, Side = OrderSide.Bid, Size = 1, LimitPrice = far });
        await WaitUntilAsync(() => h.Live.Positions[nq.Id]?.Size == 3 && h.Live.Orders.Working().Count == 1, "the engine to see 3 held and 1 working");
        var before = await h.Client.SearchOrdersAsync(RiskHarness.WednesdayMorning.AddHours(-1), null, h.AccountId);
        Assert.Equal(2, before.Count);

        // 3 held + 1 working buy + 2 more = 6 that could be held.
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => h.MarketAsync(nq, OrderSide.Bid, 2));

        Assert.Equal((RiskRule.MaxContracts, (decimal?)firmMaxContracts, (decimal?)6, false), (refused.Rule, refused.Limit, refused.Figure, refused.Locked));
        var after = await h.Client.SearchOrdersAsync(RiskHarness.WednesdayMorning.AddHours(-1), null, h.AccountId);
        Assert.Equal(before.Select(o => o.Id), after.Select(o => o.Id));

        // The same order without the guard: the firm refuses it with errorCode 4. The guard refused what the firm would have.
        await guard.DisposeAsync();
        var firm = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => h.MarketAsync(nq, OrderSide.Bid, 2));
        Assert.Equal(((int?)PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.MaxContracts(6, firmMaxContracts)), (firm.ErrorCode, firm.GatewayMessage));
        Assert.Single(await h.Client.SearchOrdersAsync(RiskHarness.WednesdayMorning.AddHours(-1), null, h.AccountId), o => o.Status == OrderStatus.Rejected);
        Assert.True(h.AccountOnServer.CanTrade);
    }

    private void Log(GuardedRun run) =>
        output.WriteLine(FormattableString.Invariant(
            $"{run.Script.Side} {run.Script.Size} {run.Script.Contract.Name} at {run.Script.EntryPrice}; marked losses {string.Join(", ", run.Last.Select(l => run.Script.MarkedLoss(l)))} at {string.Join(", ", run.Script.Steps.Select(t => t.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))}; realized with the guard {run.Realized}"));

    private static void AddTrailingOnlyAccount(SimulatorOptions options) =>
        options.Users.Single(u => u.UserName == SimulatorOptions.DemoUserName).Accounts.Add(new SimulatorAccount
        {
            Id = TrailingOnlyAccount,
            Name = "50KTC-TRAIL-ONLY",
            Balance = StartingBalance,
            Simulated = false,
            FirmRules = new SimulatorFirmRules { MaxLoss = 2_000m, MaxLossTrailing = MaxLossTrailing.EndOfDay, MaxLossLockLevel = StartingBalance, MaxContracts = 5 },
        });

    private sealed record GuardedRun(LosingScript Script, IReadOnlyList<decimal> Last, IReadOnlyList<RiskEventArgs> Warnings, RiskEventArgs Breach, decimal Realized, RiskLock? Locked);

    /// <summary>
    /// The scripted loss with the guard monitoring: steps 1 and 2 only warn, step 3 breaches. Checks what every guarded
    /// run must show: one breach, flat at the server, the realized loss as computed here, and, at step 4 where the firm
    /// would act, an account that can still trade, no refused order, and a lock that keeps entries from being sent.
    /// </summary>
    private static async Task<GuardedRun> GuardedRunAsync(int accountId, Action<SimulatorOptions>? configure, RiskRules rules, int size, (decimal, decimal)[] windows)
    {
        await using var h = await FirmAccountHarness.StartAsync(accountId, configure);
        var nq = h.Contract("NQ");
        var script = LosingScript.Find(h, nq, size, windows);
        var guard = h.Guard(rules);
        var warnings = new ConcurrentQueue<RiskEventArgs>();
        var breaches = new ConcurrentQueue<RiskEventArgs>();
        guard.Warning += (_, e) => warnings.Enqueue(e);
        guard.Breach += (_, e) => breaches.Enqueue(e);
        await h.WatchAsync(nq);

        var entry = await h.MarketAsync(nq, script.Side, script.Size);
        Assert.Equal(script.EntryPrice, h.OrdersOnServer.Single(o => o.Id == entry.OrderId).FilledPrice);
        await WaitUntilAsync(() => h.Live.Positions.Snapshot() is [{ UnrealizedPnl: not null }], "the engine to price the position");
        await h.StepToAsync(script.Steps[0], nq);
        await h.StepToAsync(script.Steps[1], nq);
        await WaitUntilAsync(() => !warnings.IsEmpty, "the warning");
        Assert.Empty(breaches);
        Assert.NotEmpty(h.PositionsOnServer);

        await h.StepToAsync(script.Steps[2], nq);
        await WaitUntilAsync(() => !breaches.IsEmpty, "the breach");
        var breach = Assert.Single(breaches);
        Assert.True(breach.Flatten!.IsFlat, breach.Flatten.ToString());
        Assert.Empty(h.PositionsOnServer);
        var realized = script.LossClosingAt(h.MarketAt(nq.Id, script.Steps[2]));
        Assert.Equal(StartingBalance - realized, h.AccountOnServer.Balance);

        // On to where the firm acts in the control run: flat, the account is untouched.
        await h.StepToAsync(script.Steps[3], nq);
        Assert.True(h.AccountOnServer.CanTrade);
        Assert.True((await h.Client.GetAccountsAsync()).Single(a => a.Id == accountId).CanTrade);
        Assert.True(h.Live.Account.CanTrade);
        Assert.DoesNotContain(h.OrdersOnServer, o => o.Status == OrderStatus.Rejected);
        Assert.Equal(2, h.OrdersOnServer.Count); // the entry and the guard's close: nothing else was sent

        var count = h.OrdersOnServer.Count;
        var locked = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => h.MarketAsync(nq, script.Side, 1));
        Assert.True(locked.Locked);
        Assert.Equal(count, h.OrdersOnServer.Count);
        var status = await guard.GetStatusAsync();
        Assert.Single(warnings);
        Assert.Single(breaches);
        var last = script.Steps.Select(t => h.MarketAt(nq.Id, t).Last).ToList();
        return new GuardedRun(script, last, [.. warnings], breach, realized, status.Lock);
    }

    private sealed record ControlRun(decimal Realized, ProjectXOrderRejectedException Refused);

    /// <summary>The same prices at the same moments on a fresh simulator, without a guard: the firm acts at step 4, not before.</summary>
    private static async Task<ControlRun> ControlRunAsync(int accountId, Action<SimulatorOptions>? configure, LosingScript script, (decimal, decimal)[] windows)
    {
        await using var h = await FirmAccountHarness.StartAsync(accountId, configure);
        var nq = h.Contract("NQ");
        var again = LosingScript.Find(h, nq, script.Size, windows);
        Assert.Equal((script.Side, script.EntryPrice), (again.Side, again.EntryPrice));
        Assert.Equal(script.Steps, again.Steps);
        await h.WatchAsync(nq);

        await h.MarketAsync(nq, script.Side, script.Size);
        foreach (var step in script.Steps.Take(3))
        {
            await h.StepToAsync(step, nq);
            Assert.True(h.AccountOnServer.CanTrade, $"the firm has not acted at {step:HH:mm:ss}");
        }
        Assert.NotEmpty(h.PositionsOnServer);

        await h.StepToAsync(script.Steps[3], nq);
        Assert.False(h.AccountOnServer.CanTrade);
        await WaitUntilAsync(() => !h.Live.Account.CanTrade, "the account event with canTrade false");
        Assert.Empty(h.PositionsOnServer); // the firm liquidated
        var realized = script.LossClosingAt(h.MarketAt(nq.Id, script.Steps[3]));
        Assert.Equal(StartingBalance - realized, h.AccountOnServer.Balance);
        var refused = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => h.MarketAsync(nq, script.Side, 1));
        return new ControlRun(realized, refused);
    }
}
