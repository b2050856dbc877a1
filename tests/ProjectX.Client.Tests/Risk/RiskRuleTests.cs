using ProjectX.Client.Gateway;
using ProjectX.Client.Risk;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// A scripted sequence per rule against the simulator: the guard lets orders through until the rule would break, then
/// refuses with the rule, the limit and the figure, and the server never sees the refused order. Closing and reducing
/// orders always go.
/// </summary>
public sealed class RiskRuleTests
{
    private static async Task<ProjectXRiskRuleException> RefusedAsync(RiskHarness h, Func<Task> place)
    {
        var before = h.OrdersOnServer;
        var refused = await Assert.ThrowsAsync<ProjectXRiskRuleException>(place);
        Assert.Equal(before, h.OrdersOnServer); // nothing was sent
        Assert.True(refused.NotExecuted);
        Assert.Contains("Nothing was sent", refused.Message, StringComparison.Ordinal);
        return refused;
    }

    private static decimal FarBelow(RiskHarness h, string symbol) => Sim.LastPrice(h.Server, Sim.ActiveContract(h.Server, symbol).Id) - 500m;

    [Fact]
    public async Task MaxContracts_counts_working_orders_that_could_fill()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxContracts = 3 });

        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 2, FarBelow(h, "MNQ")); // working, 2 could fill
        var refused = await RefusedAsync(h, () => h.Client.PlaceLimitOrderAsync("MES", OrderSide.Bid, 2, FarBelow(h, "MES")));

        Assert.Equal(RiskRule.MaxContracts, refused.Rule);
        Assert.Equal(3m, refused.Limit);
        Assert.Equal(4m, refused.Figure); // 2 working + 2 new
        await h.Client.PlaceLimitOrderAsync("MES", OrderSide.Bid, 1, FarBelow(h, "MES")); // 3: at the limit, allowed
        Assert.Equal(2, h.OrdersOnServer);
    }

    [Fact]
    public async Task MaxContractsPerSymbol_counts_every_month_and_position_of_the_symbol()
    {
        await using var h = await RiskHarness.StartAsync();
        var guard = h.Attach(new RiskRules { MaxContractsPerSymbol = 5, SymbolLimits = { ["MNQ"] = 2 } });

        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.MaxContractsPerSymbol, 2m, 3m), (refused.Rule, refused.Limit, refused.Figure));

        await h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 5); // the general per-symbol limit of 5 for MES
        refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.MaxContractsPerSymbol, 5m, 6m), (refused.Rule, refused.Limit, refused.Figure));

        await h.Client.PlaceMarketOrderAsync("MES", OrderSide.Ask, 2); // reducing: always allowed
        Assert.Equal(3, h.PositionsOnServer.Single(p => p.ContractId.Contains("MES", StringComparison.Ordinal)).Size);
        Assert.Equal(5, (await guard.GetStatusAsync()).Contracts); // MNQ 1 + 1 working, MES 3
    }

    [Fact]
    public async Task MaxOpenPositions_refuses_a_new_position_but_lets_the_open_ones_grow_and_close()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxOpenPositions = 1 });

        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.MaxOpenPositions, 1m, 2m), (refused.Rule, refused.Limit, refused.Figure));

        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1); // adding to the open position
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 2); // closing
        await h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1); // flat again: one new position is fine
        Assert.Single(h.PositionsOnServer);
    }

    [Fact]
    public async Task MaxOrdersPerDay_counts_the_trading_days_orders_and_resets_at_17_00_Chicago()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxOrdersPerDay = 2 });

        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        var refused = await RefusedAsync(h, () => h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ")));
        Assert.Equal((RiskRule.MaxOrdersPerDay, 2m, 2m), (refused.Rule, refused.Limit, refused.Figure));

        await h.Client.CancelAllOrdersAsync();
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 22, 59, 0, TimeSpan.Zero)); // 16:59 CT: still Wednesday's trading day
        await RefusedAsync(h, () => h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ")));
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero)); // 17:00 CT: Thursday's trading day
        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        Assert.Equal(3, h.OrdersOnServer);
    }

    [Fact]
    public async Task MaxRoundTripsPerDay_counts_closing_fills()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxRoundTripsPerDay = 1 });

        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 1); // closes: round trip 1
        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.MaxRoundTripsPerDay, 1m, 1m), (refused.Rule, refused.Limit, refused.Figure));
    }

    [Fact]
    public async Task TradingWindow_refuses_entries_outside_its_hours_in_Chicago_time()
    {
        await using var h = await RiskHarness.StartAsync(); // 08:00 CT
        h.Attach(new RiskRules { TradingWindow = new TradingWindow { Start = new TimeOnly(8, 30), End = new TimeOnly(15, 0) } });

        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(RiskRule.TradingWindow, refused.Rule);
        Assert.Contains("08:00", refused.Message, StringComparison.Ordinal);

        h.Time.Advance(TimeSpan.FromMinutes(30)); // 08:30 CT
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        h.Time.Advance(TimeSpan.FromHours(6.5)); // 15:00 CT
        await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 1); // closing goes at any hour
        Assert.Empty(h.PositionsOnServer);
    }

    [Fact]
    public async Task FlatBy_refuses_entries_from_15_10_Chicago_until_the_next_trading_day()
    {
        await using var h = await RiskHarness.StartAsync(new DateTimeOffset(2026, 12, 2, 21, 9, 0, TimeSpan.Zero)); // 15:09 CT
        h.Attach(new RiskRules { FlatBy = new TimeOnly(15, 10) });

        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        h.Time.Advance(TimeSpan.FromMinutes(1)); // 15:10 CT
        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(RiskRule.FlatBy, refused.Rule);
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 1); // flattening is allowed
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero)); // 17:00 CT: Thursday's session
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
    }

    [Fact]
    public async Task MaxRiskPerTrade_needs_a_stop_distance_and_prices_it_in_ticks()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxRiskPerTrade = 100m });
        var mnq = await h.Client.GetInstrumentAsync("MNQ"); // tick 0.25, $0.50 a tick

        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.MaxRiskPerTrade, 100m, (decimal?)null), (refused.Rule, refused.Limit, refused.Figure));

        // 3 × 80 ticks × $0.50 = $120 > $100.
        refused = await RefusedAsync(h, () => h.Client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 3, stopLossTicks: 80, takeProfitTicks: 80));
        Assert.Equal(0.50m, mnq.TickValue);
        Assert.Equal((RiskRule.MaxRiskPerTrade, 100m, 120m), (refused.Rule, refused.Limit, refused.Figure));
        // 2 × 80 × $0.50 = $80.
        await h.Client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 2, stopLossTicks: 80, takeProfitTicks: 80);
    }

    [Fact]
    public async Task DailyLoss_refuses_entries_once_the_days_loss_net_of_fees_reaches_the_limit_until_the_next_trading_day()
    {
        await using var h = await RiskHarness.StartAsync();
        var loss = await h.LoseAtLeastAsync("MNQ", 10, 300m);
        var guard = h.Attach(new RiskRules { DailyLossLimit = loss });

        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.DailyLoss, loss, loss), (refused.Rule, refused.Limit, refused.Figure));

        guard.SetRules(new RiskRules { DailyLossLimit = loss + 1m }); // $1 of room: entries go again
        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        await h.Client.CancelAllOrdersAsync();

        guard.SetRules(new RiskRules { DailyLossLimit = loss });
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero)); // Thursday's trading day: a new day's PnL
        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        var status = await guard.GetStatusAsync();
        Assert.Equal(new DateOnly(2026, 12, 3), status.TradingDay);
        Assert.Equal(0m, status.DayPnl);
        Assert.Equal(h.BalanceOnServer, status.DayStartBalance);
    }

    [Fact]
    public async Task TrailingMaxLoss_refuses_entries_at_the_floor()
    {
        await using var h = await RiskHarness.StartAsync();
        var loss = await h.LoseAtLeastAsync("MNQ", 10, 300m);
        // Start 50,000; 300 of room below the closing-balance high: the floor is 49,700 and equity is 50,000 − loss.
        var guard = h.Attach(new RiskRules { StartingBalance = 50_000m, TrailingMaxLoss = new TrailingLossRule { Amount = 300m, Mode = TrailingMode.EndOfDay } });

        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal((RiskRule.TrailingMaxLoss, 49_700m, 50_000m - loss), (refused.Rule, refused.Limit, refused.Figure));
        var status = await guard.GetStatusAsync();
        Assert.Equal((50_000m, 49_700m, 50_000m - loss - 49_700m), (status.TrailingHigh, status.TrailingFloor, status.TrailingRemaining));
    }

    [Fact]
    public async Task A_breach_locks_cancels_the_working_orders_and_flattens_and_only_closing_goes_until_the_next_day()
    {
        await using var h = await RiskHarness.StartAsync();
        var loss = await h.LoseAtLeastAsync("MNQ", 10, 300m);
        await h.Client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 2);
        var working = await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        var guard = h.Attach(new RiskRules { DailyLossLimit = loss - 50m });
        var breaches = new List<RiskEventArgs>();
        guard.Breach += (_, e) => breaches.Add(e);

        var status = await guard.EvaluateAsync();

        var breach = Assert.Single(breaches);
        Assert.Equal((RiskEventKind.Breach, RiskRule.DailyLoss), (breach.Kind, breach.Rule));
        Assert.True(breach.Flatten!.IsFlat, breach.Flatten.ToString());
        Assert.Empty(h.PositionsOnServer);
        Assert.Equal(OrderStatus.Cancelled, h.Server.Gateway.Exchange.GetOrder(working.OrderId)!.Status);
        Assert.Equal(RiskRule.DailyLoss, status.Lock!.Rule);
        Assert.False(status.Lock.UntilUnlocked);

        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.True(refused.Locked);
        Assert.Equal(RiskRule.DailyLoss, refused.Rule);
        await guard.EvaluateAsync();
        Assert.Single(breaches); // one breach, one event

        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero)); // Thursday: the daily lock lifts
        await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        Assert.Null((await guard.GetStatusAsync()).Lock);
    }

    [Fact]
    public async Task A_trailing_breach_locks_until_unlocked_and_a_warning_comes_first()
    {
        await using var h = await RiskHarness.StartAsync();
        var guard = h.Attach(new RiskRules { StartingBalance = 50_000m, TrailingMaxLoss = new TrailingLossRule { Amount = 1_000m, Mode = TrailingMode.Intraday } });
        var events = new List<RiskEventArgs>();
        guard.Warning += (_, e) => events.Add(e);
        guard.Breach += (_, e) => events.Add(e);

        var loss = await h.LoseAtLeastAsync("MNQ", 25, 850m); // 850+ of 1,000: inside the 20% buffer
        var status = await guard.EvaluateAsync();
        if (loss < 1_000m)
        {
            var warning = Assert.Single(events);
            Assert.Equal((RiskEventKind.Warning, RiskRule.TrailingMaxLoss, 49_000m, 1_000m - loss), (warning.Kind, warning.Rule, warning.Limit, warning.Remaining));
            Assert.Null(status.Lock);
            await h.LoseAtLeastAsync("MNQ", 25, 1_000m - loss);
            await guard.EvaluateAsync();
        }
        var breach = events[^1];
        Assert.Equal((RiskEventKind.Breach, RiskRule.TrailingMaxLoss, 49_000m), (breach.Kind, breach.Rule, breach.Limit));

        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.Zero)); // two trading days later: still locked
        var refused = await RefusedAsync(h, () => h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.True(refused.Locked);
        Assert.True((await guard.GetStatusAsync()).Lock!.UntilUnlocked);

        await guard.UnlockAsync();
        guard.SetRules(new RiskRules()); // the trader takes a new account's rules
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
    }

    [Fact]
    public async Task Orders_through_SubmitOrderAsync_and_modifications_that_add_contracts_are_checked_too()
    {
        await using var h = await RiskHarness.StartAsync();
        h.Attach(new RiskRules { MaxContracts = 2 });
        var placement = await h.Client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Type = OrderType.Limit, Side = OrderSide.Bid, Size = 2, LimitPrice = FarBelow(h, "MNQ") });
        Assert.True(placement.IsPlaced);

        await RefusedAsync(h, () => h.Client.SubmitOrderAsync(new OrderTicket { Instrument = "MES", Side = OrderSide.Bid, Size = 1 }));
        var modify = await Assert.ThrowsAsync<ProjectXRiskRuleException>(() => h.Client.ModifyOrderAsync(placement.OrderId!.Value, size: 3));
        Assert.Equal((RiskRule.MaxContracts, 2m, 3m), (modify.Rule, modify.Limit, modify.Figure));
        Assert.Equal(2, h.Server.Gateway.Exchange.GetOrder(placement.OrderId!.Value)!.Size);
        await h.Client.ModifyOrderAsync(placement.OrderId!.Value, size: 1); // smaller: always fine
    }

    [Fact]
    public async Task Past_the_flat_by_time_the_guard_cancels_and_flattens_without_locking()
    {
        await using var h = await RiskHarness.StartAsync(new DateTimeOffset(2026, 12, 2, 21, 0, 0, TimeSpan.Zero)); // 15:00 CT
        var guard = h.Attach(new RiskRules { FlatBy = new TimeOnly(15, 10) });
        var breaches = new List<RiskEventArgs>();
        guard.Breach += (_, e) => breaches.Add(e);
        await h.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
        var working = await h.Client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, FarBelow(h, "MNQ"));
        await guard.EvaluateAsync();
        Assert.Empty(breaches); // 15:00: nothing to do

        h.Time.Advance(TimeSpan.FromMinutes(10)); // 15:10 CT
        var status = await guard.EvaluateAsync();

        var breach = Assert.Single(breaches);
        Assert.Equal(RiskRule.FlatBy, breach.Rule);
        Assert.True(breach.Flatten!.IsFlat);
        Assert.Empty(h.PositionsOnServer);
        Assert.Equal(OrderStatus.Cancelled, h.Server.Gateway.Exchange.GetOrder(working.OrderId)!.Status);
        Assert.Null(status.Lock);
    }
}
