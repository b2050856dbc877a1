using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

/// <summary>
/// Firm rules on the scripted market: 1 MNQ = $2 a point (tick 0.25 = $0.50), $0.37 a side; a market buy fills at
/// the ask (last + 0.25), a market sell at the bid (= last). Every figure below is worked out by hand in the comments.
/// The harness clock starts Tuesday 2026-11-24 15:00 UTC (09:00 CST), trade date 11-24, which ends at 23:00 UTC.
/// </summary>
public class FirmRuleTests
{
    private const int Combine50K = 1007;   // the shipped demo account: daily 1,000, max loss 2,000 EOD locked at 50,000, 5 contracts
    private const int Ruled = 3001;
    private static readonly DateTimeOffset NextTradingDayStart = new(2026, 11, 24, 23, 0, 0, TimeSpan.Zero); // 17:00 CST

    [Fact]
    public void A_daily_loss_breach_flattens_cancels_locks_and_lifts_on_the_next_trading_day()
    {
        var h = new ExchangeHarness();
        var events = new List<TradingAccountModel>();
        h.Exchange.AccountChanged += (_, e) => { if (e.Model.Id == Combine50K) events.Add(e.Model); };

        // Buy 5 at 20000.25: balance 50,000 - 5 x 0.37 = 49,998.15. A resting sell (it only reduces) stays working.
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, size: 5, account: Combine50K).Success);
        var target = h.Place(OrderType.Limit, OrderSide.Ask, size: 5, limit: 21000m, account: Combine50K).OrderId!.Value;
        Assert.Equal(49_998.15m, h.Balance(Combine50K));

        // Last 19900.50: equity 49,998.15 + (19900.50 - 20000.25) x 2 x 5 = 49,000.65, a loss of 999.35: under 1,000.
        MoveTo(h, 1, 19_900.50m);
        Assert.True(h.Exchange.GetAccount(Combine50K)!.CanTrade);
        Assert.Single(h.Exchange.GetPositions(Combine50K));

        // Last 19900.25: equity 48,998.15, a loss of 1,001.85: breach. Sold 5 at the bid 19900.25:
        // balance 49,998.15 - 100 x 2 x 5 - 1.85 = 48,996.30.
        MoveTo(h, 1, 19_900.25m);
        Assert.Empty(h.Exchange.GetPositions(Combine50K));
        Assert.Equal(OrderStatus.Cancelled, h.Order(target).Status);
        var liquidation = h.Exchange.GetOrders(Combine50K)[^1];
        Assert.Equal((OrderType.Market, OrderSide.Ask, 5, OrderStatus.Filled, 19_900.25m),
            (liquidation.Type, liquidation.Side, liquidation.Size, liquidation.Status, liquidation.FilledPrice));
        var account = h.Exchange.GetAccount(Combine50K)!;
        Assert.Equal((48_996.30m, false), (account.Balance, account.CanTrade));
        Assert.Equal((48_996.30m, false), (events[^1].Balance, events[^1].CanTrade));

        // Refused with errorCode 4 and the reason; the refused order exists, Rejected. Closing has nothing left to close.
        var refused = h.Place(OrderType.Market, OrderSide.Bid, account: Combine50K);
        Assert.Equal((false, PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.DailyLossLimitReached), (refused.Success, refused.ErrorCode, refused.ErrorMessage));
        Assert.Equal(OrderStatus.Rejected, h.Order(refused.OrderId!.Value).Status);
        var close = h.Exchange.ClosePosition(ExchangeHarness.User, new CloseContractPositionRequest { AccountId = Combine50K, ContractId = ExchangeHarness.Mnq });
        Assert.Equal((ClosePositionErrorCode.AccountRejected, FirmRuleMessages.DailyLossLimitReached), (close.ErrorCode, close.ErrorMessage));

        // Still locked one second before 17:00 CT; the next trading day lifts the lock and says so on the user hub.
        h.Time.SetUtcNow(NextTradingDayStart.AddSeconds(-1));
        Assert.Equal(PlaceOrderErrorCode.AccountViolation, h.Place(OrderType.Market, OrderSide.Bid, account: Combine50K).ErrorCode);
        h.Time.SetUtcNow(NextTradingDayStart);
        h.Exchange.AdvanceToNow();
        Assert.True(events[^1].CanTrade);
        Assert.True(h.Exchange.GetAccount(Combine50K)!.CanTrade);
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Combine50K).Success);
        // Other accounts never noticed.
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid).Success);
    }

    [Fact]
    public void The_daily_loss_counts_from_the_trading_day_start_not_midnight()
    {
        var h = new ExchangeHarness(Options(new SimulatorFirmRules { DailyLossLimit = 500m }));
        // Tuesday trade date: buy 1 at 20000.25 and sell at 19800: -400.50 - 0.74 = 49,598.76 (a 401.24 loss).
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        MoveTo(h, 1, 19_800m);
        Assert.True(h.Place(OrderType.Market, OrderSide.Ask, account: Ruled).Success);
        Assert.Equal(49_598.76m, h.Balance(Ruled));

        // 17:00 CT starts Wednesday's trade date (UTC midnight is still hours away): the day starts again at 49,598.76.
        // Buy 1 at 19800.25 (49,598.39), last 19600.50: equity 49,598.39 - 199.75 x 2 = 49,198.89, a 399.87 loss: no breach,
        // though 801.11 was lost since Tuesday's start.
        h.Time.SetUtcNow(NextTradingDayStart.AddMinutes(1));
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        MoveTo(h, 1, 19_600.50m);
        Assert.True(h.Exchange.GetAccount(Ruled)!.CanTrade);
        // Last 19550.25: equity 49,598.39 - 250 x 2 = 49,098.39, a 500.37 loss: breach.
        MoveTo(h, 1, 19_550.25m);
        Assert.False(h.Exchange.GetAccount(Ruled)!.CanTrade);
        Assert.Empty(h.Exchange.GetPositions(Ruled));
    }

    public static TheoryData<decimal?, decimal, decimal, decimal> EndOfDayCases => new()
    {
        // lock level, last price that holds, last price that breaches, balance after the liquidation
        { 50_000m, 20_001.75m, 20_001.50m, 49_999.28m },
        { null, 20_500.50m, 20_500.25m, 50_996.78m },
    };

    [Theory]
    [MemberData(nameof(EndOfDayCases))]
    public void End_of_day_trailing_raises_the_floor_from_closing_balances_up_to_the_lock_and_a_breach_is_for_good(decimal? lockLevel, decimal holds, decimal breaches, decimal balanceAfter)
    {
        var h = new ExchangeHarness(Options(new SimulatorFirmRules { MaxLoss = 2_000m, MaxLossTrailing = MaxLossTrailing.EndOfDay, MaxLossLockLevel = lockLevel }));
        // Tuesday: buy 1 at 20000.25, sell at 21000: 50,000 + 999.75 x 2 - 0.74 = 51,998.76 (the floor stays 48,000 all day).
        RoundTrip(h, 21_000m);
        Assert.Equal(51_998.76m, h.Balance(Ruled));
        // Wednesday (closing high 51,998.76, floor 49,998.76): buy at 21000.25, sell at 21500: +999.50 - 0.74 = 52,997.52.
        h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));
        RoundTrip(h, 21_500m);
        Assert.Equal(52_997.52m, h.Balance(Ruled));

        // Monday: the floor is 52,997.52 - 2,000 = 50,997.52, or 50,000 when it locks there.
        // Buy 1 at 21500.25: balance 52,997.15; equity = 52,997.15 + (last - 21500.25) x 2.
        // Lock: 20001.75 -> 50,000.15 holds, 20001.50 -> 49,999.65 breaches. No lock: 20500.50 -> 50,997.65 holds, 20500.25 -> 50,997.15 breaches.
        h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        MoveTo(h, 1, holds);
        Assert.True(h.Exchange.GetAccount(Ruled)!.CanTrade);
        MoveTo(h, 1, breaches);
        Assert.Empty(h.Exchange.GetPositions(Ruled));
        Assert.Equal((balanceAfter, false), (h.Balance(Ruled), h.Exchange.GetAccount(Ruled)!.CanTrade));

        // For good: refused now, and still on the next trading day.
        Assert.Equal(FirmRuleMessages.MaxLossReached, h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).ErrorMessage);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var refused = h.Place(OrderType.Market, OrderSide.Bid, account: Ruled);
        Assert.Equal((PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.MaxLossReached), (refused.ErrorCode, refused.ErrorMessage));
        Assert.False(h.Exchange.GetAccount(Ruled)!.CanTrade);
    }

    public static TheoryData<MaxLossTrailing, decimal?, decimal, decimal, decimal> IntradayCases => new()
    {
        // trailing, lock level, last price that holds, last price that breaches, balance after the liquidation
        { MaxLossTrailing.Intraday, null, 20_000.25m, 20_000m, 49_998.76m },
        { MaxLossTrailing.Intraday, 49_500m, 19_750.50m, 19_750.25m, 49_499.26m },
        // End-of-day trailing ignores the open-profit high: only 48,000 counts.
        { MaxLossTrailing.EndOfDay, null, 19_000.50m, 19_000.25m, 47_999.26m },
    };

    [Theory]
    [MemberData(nameof(IntradayCases))]
    public void Intraday_trailing_follows_the_open_equity_high_up_to_the_lock(MaxLossTrailing trailing, decimal? lockLevel, decimal holds, decimal breaches, decimal balanceAfter)
    {
        var h = new ExchangeHarness(Options(new SimulatorFirmRules { MaxLoss = 2_000m, MaxLossTrailing = trailing, MaxLossLockLevel = lockLevel }));
        // Buy 1 at 20000.25: balance 49,999.63. Last 21000: equity 49,999.63 + 999.75 x 2 = 51,999.13, the high.
        // Intraday floor 49,999.13 (equity at 20000 is 49,999.13: it breaches, equal counts), or the 49,500 lock
        // (19750.50 -> 49,500.13 holds, 19750.25 -> 49,499.63 breaches). End of day: 19000.50 -> 48,000.13, 19000.25 -> 47,999.63.
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        MoveTo(h, 1, 21_000m);
        MoveTo(h, 1, holds);
        Assert.True(h.Exchange.GetAccount(Ruled)!.CanTrade);
        MoveTo(h, 1, breaches);
        // Sold at the bid = last: 49,999.63 + (last - 20000.25) x 2 - 0.37.
        Assert.Empty(h.Exchange.GetPositions(Ruled));
        Assert.Equal((balanceAfter, false), (h.Balance(Ruled), h.Exchange.GetAccount(Ruled)!.CanTrade));
    }

    [Fact]
    public void A_resting_order_whose_fill_books_the_loss_breaches_at_that_fill()
    {
        var h = new ExchangeHarness(Options(new SimulatorFirmRules { DailyLossLimit = 100m }));
        // Buy 1 at 20000.25 (49,999.63), protect it with a sell stop at 19950, and rest a buy limit far below.
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        var stop = h.Place(OrderType.Stop, OrderSide.Ask, stop: 19_950m, account: Ruled).OrderId!.Value;
        var bid = h.Place(OrderType.Limit, OrderSide.Bid, limit: 19_000m, account: Ruled).OrderId!.Value;

        // A second trades down through the stop: it fills at 19950, booking (19950 - 20000.25) x 2 = -100.50 and a
        // fee: 49,999.63 - 100.50 - 0.37 = 49,898.76, a 101.24 loss. The account is flat, so only the fill can see it.
        h.Trade(1, 20_000m, 20_000m, 19_940m, 19_945m);
        Assert.Equal((OrderStatus.Filled, 19_950m), (h.Order(stop).Status, h.Order(stop).FilledPrice));
        Assert.Equal(49_898.76m, h.Balance(Ruled));
        Assert.Equal(OrderStatus.Cancelled, h.Order(bid).Status);
        Assert.False(h.Exchange.GetAccount(Ruled)!.CanTrade);
    }

    [Fact]
    public void Max_contracts_counts_working_entries_and_lets_reducing_orders_through()
    {
        var h = new ExchangeHarness();
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, size: 3, account: Combine50K).Success);
        Assert.True(h.Place(OrderType.Limit, OrderSide.Bid, size: 2, limit: 19_000m, account: Combine50K).Success);  // could reach 5

        var refused = h.Place(OrderType.Market, OrderSide.Bid, account: Combine50K);
        Assert.Equal((PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.MaxContracts(6, 5)), (refused.ErrorCode, refused.ErrorMessage));
        // Selling 8 against long 3 could leave short 5 at worst: allowed. One more sell could leave short 6.
        Assert.True(h.Place(OrderType.Limit, OrderSide.Ask, size: 8, limit: 21_000m, account: Combine50K).Success);
        Assert.Equal(PlaceOrderErrorCode.AccountViolation, h.Place(OrderType.Limit, OrderSide.Ask, size: 1, limit: 21_000m, account: Combine50K).ErrorCode);
        // A cap is not a breach: the account still trades.
        Assert.True(h.Exchange.GetAccount(Combine50K)!.CanTrade);
    }

    [Fact]
    public void A_daily_liquidation_that_slips_through_the_maximum_loss_floor_ends_the_account()
    {
        // Daily 1,000 and a static floor at 50,000 - 1,001 = 48,999. Buy 1 at 20000.25 (49,999.63); last 19500: equity
        // 49,999.63 - 500.25 x 2 = 48,999.13, above the floor but a 1,000.87 loss: the daily limit. Sold at the bid 19500:
        // 48,999.13 - 0.37 = 48,998.76, at or below 48,999: the liquidation broke the maximum loss as well.
        var h = new ExchangeHarness(Options(new SimulatorFirmRules { DailyLossLimit = 1_000m, MaxLoss = 1_001m, MaxLossTrailing = MaxLossTrailing.Static }));
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        MoveTo(h, 1, 19_500m);
        Assert.Equal(48_998.76m, h.Balance(Ruled));
        h.Time.SetUtcNow(NextTradingDayStart.AddHours(1));
        var refused = h.Place(OrderType.Market, OrderSide.Bid, account: Ruled);
        Assert.Equal((PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.MaxLossReached), (refused.ErrorCode, refused.ErrorMessage));
    }

    [Fact]
    public void Without_a_calendar_for_the_date_a_ruled_account_refuses_orders_and_says_why_once()
    {
        var h = new ExchangeHarness();
        h.Time.SetUtcNow(new DateTimeOffset(2031, 3, 4, 15, 0, 0, TimeSpan.Zero));   // past the CME holiday table
        var refused = h.Place(OrderType.Market, OrderSide.Bid, account: Combine50K);
        Assert.Equal(PlaceOrderErrorCode.AccountViolation, refused.ErrorCode);
        Assert.Equal(FirmRuleMessages.CalendarNotCovered(h.Time.GetUtcNow()), refused.ErrorMessage);
        h.Place(OrderType.Market, OrderSide.Bid, account: Combine50K);
        Assert.Equal(1, h.Exchange.Diagnostics.BackgroundFaults);
    }

    [Fact]
    public void The_demo_accounts_carry_the_combine_figures_and_bad_rules_are_refused_at_start()
    {
        var demo = new SimulatorOptions().Users.Single(u => u.UserName == SimulatorOptions.DemoUserName).Accounts;
        Assert.Equal(
            [(1007, 50_000m, 1_000m, 2_000m, 5), (1008, 100_000m, 2_000m, 3_000m, 10), (1009, 150_000m, 3_000m, 4_500m, 15)],
            demo.Where(a => a.FirmRules is not null).Select(a => (a.Id, a.Balance, a.FirmRules!.DailyLossLimit!.Value, a.FirmRules.MaxLoss!.Value, a.FirmRules.MaxContracts!.Value)));
        Assert.All(demo.Where(a => a.FirmRules is not null), a =>
            Assert.Equal((MaxLossTrailing.EndOfDay, a.Balance), (a.FirmRules!.MaxLossTrailing, a.FirmRules.MaxLossLockLevel)));

        var fromJson = SimulatorOptions.FromJson("""
            { "users": [ { "userName": "u", "apiKey": "k", "accounts": [
                { "id": 7, "name": "X", "balance": 50000,
                  "firmRules": { "dailyLossLimit": 1000, "maxLoss": 2000, "maxLossTrailing": "Intraday", "maxLossLockLevel": 50100, "maxContracts": 5 } } ] } ] }
            """);
        var rules = fromJson.Users[0].Accounts[0].FirmRules!;
        Assert.Equal((1_000m, 2_000m, MaxLossTrailing.Intraday, 50_100m, 5), (rules.DailyLossLimit, rules.MaxLoss, rules.MaxLossTrailing, rules.MaxLossLockLevel, rules.MaxContracts));

        rules.MaxLossLockLevel = 47_999m;   // below the starting floor 48,000
        var error = Assert.Throws<ArgumentException>(() => new ExchangeHarness(fromJson));
        Assert.Contains("firmRules.maxLossLockLevel", error.Message, StringComparison.Ordinal);
        rules.MaxLossLockLevel = null;
        rules.DailyLossLimit = 0m;
        Assert.Contains("firmRules.dailyLossLimit", Assert.Throws<ArgumentException>(() => new ExchangeHarness(fromJson)).Message, StringComparison.Ordinal);
    }

    /// <summary>The demo user with one more account, <see cref="Ruled"/> (50,000), carrying <paramref name="rules"/>.</summary>
    private static SimulatorOptions Options(SimulatorFirmRules rules)
    {
        var options = new SimulatorOptions();
        options.Users.Single(u => u.UserName == SimulatorOptions.DemoUserName).Accounts.Add(
            new SimulatorAccount { Id = Ruled, Name = "RULED-50K", Balance = 50_000m, Simulated = false, FirmRules = rules });
        return options;
    }

    /// <summary>Sets the last price and lets <paramref name="seconds"/> pass: the exchange marks open positions.</summary>
    private static void MoveTo(ExchangeHarness h, int seconds, decimal last)
    {
        h.Market.SetPrice(last);
        h.Time.Advance(TimeSpan.FromSeconds(seconds));
        h.Exchange.AdvanceToNow();
    }

    /// <summary>Buys 1 at the current ask and sells it at <paramref name="exit"/> (the bid).</summary>
    private static void RoundTrip(ExchangeHarness h, decimal exit)
    {
        Assert.True(h.Place(OrderType.Market, OrderSide.Bid, account: Ruled).Success);
        MoveTo(h, 1, exit);
        Assert.True(h.Place(OrderType.Market, OrderSide.Ask, account: Ruled).Success);
        MoveTo(h, 1, exit);
    }
}
