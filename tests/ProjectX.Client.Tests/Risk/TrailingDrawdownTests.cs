using ProjectX.Client.Risk;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// Worked trailing-drawdown examples. Every expected number is worked out by hand in the comment beside it, from the
/// rule as firms publish it (floor = high − amount, stopping at the lock level), not from the code under test.
/// </summary>
public sealed class TrailingDrawdownTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    private static DateOnly Day(int n) => new DateOnly(2026, 11, 30).AddDays(n);

    [Fact]
    public void End_of_day_trailing_with_the_lock_at_the_starting_balance_Topstep_50K()
    {
        var rule = new TrailingLossRule { Amount = 2_000m, Mode = TrailingMode.EndOfDay, LockLevel = 50_000m };

        // Day 1 starts at 50,000: high 50,000, floor 50,000 − 2,000 = 48,000.
        var s = RiskGuard.Advance(null, 1001, 50_000m, Day(1), dayStart: 50_000m, equity: 50_000m, Now);
        Assert.Equal(48_000m, rule.FloorFor(s.ClosingBalanceHigh));
        // Intraday equity 51,200 does not move an end-of-day floor: still 48,000.
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(1), 50_000m, equity: 51_200m, Now);
        Assert.Equal(48_000m, rule.FloorFor(s.ClosingBalanceHigh));
        // Day 1 closes at 50,500 (+500): day 2's high 50,500, floor 48,500.
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(2), dayStart: 50_500m, equity: 50_500m, Now);
        Assert.Equal(48_500m, rule.FloorFor(s.ClosingBalanceHigh));
        // Day 2 closes at 50,000 (−500): the high stays 50,500, the floor 48,500.
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(3), dayStart: 50_000m, equity: 50_000m, Now);
        Assert.Equal(48_500m, rule.FloorFor(s.ClosingBalanceHigh));
        Assert.False(rule.IsFloorLockedAt(s.ClosingBalanceHigh)); // 48,500 is still under the 50,000 lock
        // Day 3 closes at 52,500 (+2,500): 52,500 − 2,000 = 50,500 is past the lock, so the floor is 50,000.
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(4), dayStart: 52_500m, equity: 52_500m, Now);
        Assert.Equal(50_000m, rule.FloorFor(s.ClosingBalanceHigh));
        Assert.True(rule.IsFloorLockedAt(s.ClosingBalanceHigh));
        // Day 4 closes at 54,000: locked, still 50,000.
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(5), dayStart: 54_000m, equity: 54_000m, Now);
        Assert.Equal((54_000m, 50_000m), (s.ClosingBalanceHigh, rule.FloorFor(s.ClosingBalanceHigh)));
    }

    [Fact]
    public void End_of_day_trailing_without_a_lock_keeps_rising()
    {
        var rule = new TrailingLossRule { Amount = 3_000m, Mode = TrailingMode.EndOfDay };
        // 100K: closes 100,000 → 101,000 → 104,000 → 102,000: floors 97,000, 98,000, 101,000, 101,000.
        var s = RiskGuard.Advance(null, 1001, 100_000m, Day(1), 100_000m, 100_000m, Now);
        Assert.Equal(97_000m, rule.FloorFor(s.ClosingBalanceHigh));
        s = RiskGuard.Advance(s, 1001, 100_000m, Day(2), 101_000m, 101_000m, Now);
        Assert.Equal(98_000m, rule.FloorFor(s.ClosingBalanceHigh));
        s = RiskGuard.Advance(s, 1001, 100_000m, Day(3), 104_000m, 104_000m, Now);
        Assert.Equal(101_000m, rule.FloorFor(s.ClosingBalanceHigh));
        s = RiskGuard.Advance(s, 1001, 100_000m, Day(4), 102_000m, 102_000m, Now);
        Assert.Equal(101_000m, rule.FloorFor(s.ClosingBalanceHigh));
    }

    [Fact]
    public void Intraday_trailing_follows_the_equity_high_water_mark_unrealized_peaks_included()
    {
        var rule = new TrailingLossRule { Amount = 2_000m, Mode = TrailingMode.Intraday };
        // Equity 50,000 → 50,800 → 51,400 → 50,900 → 50,000: floors 48,000, 48,800, 49,400, 49,400, 49,400.
        decimal[] equity = [50_000m, 50_800m, 51_400m, 50_900m, 50_000m];
        decimal[] floors = [48_000m, 48_800m, 49_400m, 49_400m, 49_400m];
        RiskState? s = null;
        for (var i = 0; i < equity.Length; i++)
        {
            s = RiskGuard.Advance(s, 1001, 50_000m, Day(1), 50_000m, equity[i], Now);
            Assert.Equal(floors[i], rule.FloorFor(s.EquityHigh));
        }
        // A loss to 48,550 is a breach: 48,550 ≤ 49,400, though the account is only 1,450 below its start.
        Assert.True(48_550m <= rule.FloorFor(s!.EquityHigh));
    }

    [Fact]
    public void Intraday_trailing_with_a_lock_stops_at_the_lock_level()
    {
        var rule = new TrailingLossRule { Amount = 2_500m, Mode = TrailingMode.Intraday, LockLevel = 50_100m };
        // Start 50,000: floor 47,500. Peak 52,000: 49,500. Peak 52,600: 50,100 (reaches the lock). Peak 55,000: 50,100.
        var s = RiskGuard.Advance(null, 1001, 50_000m, Day(1), 50_000m, 50_000m, Now);
        Assert.Equal(47_500m, rule.FloorFor(s.EquityHigh));
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(1), 50_000m, 52_000m, Now);
        Assert.Equal(49_500m, rule.FloorFor(s.EquityHigh));
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(1), 50_000m, 52_600m, Now);
        Assert.Equal(50_100m, rule.FloorFor(s.EquityHigh));
        s = RiskGuard.Advance(s, 1001, 50_000m, Day(2), 54_000m, 55_000m, Now);
        Assert.Equal((55_000m, 50_100m), (s.EquityHigh, rule.FloorFor(s.EquityHigh)));
    }

    [Fact]
    public void A_guard_started_after_losses_still_trails_from_the_starting_balance()
    {
        // First seen at 49,000 on a 50K plan: the high is the starting 50,000, so the floor is 48,000 (not 47,000).
        var s = RiskGuard.Advance(null, 1001, 50_000m, Day(1), 49_000m, 49_000m, Now);
        Assert.Equal((50_000m, 50_000m), (s.ClosingBalanceHigh, s.EquityHigh));
        Assert.Equal(48_000m, new TrailingLossRule { Amount = 2_000m }.FloorFor(s.ClosingBalanceHigh));
    }

    [Fact]
    public void A_daily_lock_lifts_on_the_next_trading_day_and_a_trailing_lock_does_not()
    {
        var daily = new RiskLock(RiskRule.DailyLoss, Day(1), Now, UntilUnlocked: false, 1_000m, 1_020m, "daily");
        var trailing = daily with { Rule = RiskRule.TrailingMaxLoss, UntilUnlocked = true };
        var s = RiskGuard.Advance(null, 1001, 50_000m, Day(1), 50_000m, 50_000m, Now);
        s.Lock = daily;
        Assert.NotNull(RiskGuard.Advance(s, 1001, 50_000m, Day(1), 50_000m, 49_000m, Now).Lock);
        Assert.Null(RiskGuard.Advance(s, 1001, 50_000m, Day(2), 49_000m, 49_000m, Now).Lock);
        s = RiskGuard.Advance(null, 1001, 50_000m, Day(1), 50_000m, 50_000m, Now);
        s.Lock = trailing;
        Assert.Equal(trailing, RiskGuard.Advance(s, 1001, 50_000m, Day(9), 48_000m, 48_000m, Now).Lock);
    }
}
