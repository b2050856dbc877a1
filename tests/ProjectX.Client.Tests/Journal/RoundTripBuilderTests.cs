using ProjectX.Client.Gateway;
using ProjectX.Client.Journal;
using static ProjectX.Client.Tests.Journal.JournalFixtures;

namespace ProjectX.Client.Tests.Journal;

/// <summary>FIFO worked examples, each computed by hand in its comment (MNQ: one point = $2; fees $0.37 per contract per side).</summary>
public sealed class RoundTripBuilderTests
{
    [Fact]
    public void Scale_in_and_partial_exit_match_FIFO()
    {
        // Buy 1 @ 21000, buy 2 @ 21010 (scale-in), sell 2 @ 21020 (partial), sell 1 @ 21005.
        // FIFO: the first exit closes 1 @ 21000 (+20 pt) and 1 @ 21010 (+10 pt) = 30 pt = $60; the second closes
        // 1 @ 21010 at 21005 (−5 pt) = −$10. Gross $50 (check: sold 63045 − bought 63020 = 25 pt × $2).
        // The gateway prices exits at the average cost (21006.67): 2 × 13.33 pt × $2 = 53.33 and −1.67 pt × $2 = −3.33.
        var trips = RoundTripBuilder.Build(
            [Buy(1, 1, 21000m, 0), Buy(2, 2, 21010m, 1), Sell(3, 2, 21020m, 2, pnl: 53.33m), Sell(4, 1, 21005m, 3, pnl: -3.33m)], Contracts);

        var trip = Assert.Single(trips);
        Assert.Equal(PositionType.Long, trip.Direction);
        Assert.Equal(3, trip.Size);
        Assert.Equal(3, trip.MaxPosition);
        Assert.Equal(50m, trip.GrossPnl);
        Assert.Equal(2.22m, trip.Fees);            // 6 contract-sides × 0.37
        Assert.Equal(47.78m, trip.NetPnl);
        Assert.Equal(63020m / 3, trip.EntryPrice);
        Assert.Equal(21015m, trip.ExitPrice);        // 63045 / 3
        Assert.Equal(Morning, trip.EntryTime);
        Assert.Equal(Morning.AddMinutes(3), trip.ExitTime);
        Assert.Equal(TimeSpan.FromMinutes(3), trip.Duration);
        Assert.Equal(1, trip.Id);
        Assert.Equal(50.00m, trip.GatewayPnl);
        Assert.Equal(PnlCheck.Matches, trip.PnlCheck);
        Assert.Equal([(1L, RoundTripRole.Entry, 1), (2L, RoundTripRole.Entry, 2), (3L, RoundTripRole.Exit, 2), (4L, RoundTripRole.Exit, 1)],
            trip.Fills.Select(f => (f.TradeId, f.Role, f.Quantity)));
        Assert.Equal("MNQ", trip.Symbol);
        Assert.Equal("MNQZ6", trip.Contract);
        var exits = trip.Fills.Where(f => f.Role == RoundTripRole.Exit).ToList();
        Assert.Equal([(60m, 53.33m, 53.33m), (-10m, -3.33m, -3.33m)], exits.Select(f => (f.RealizedPnl!.Value, f.AverageCostPnl!.Value, f.ReportedPnl!.Value)));
    }

    [Fact]
    public void Each_half_trade_is_checked_not_only_the_sum()
    {
        // The same trade, but the gateway reporting FIFO figures (60 and −10): the sum is right, each half-trade is not.
        var trips = RoundTripBuilder.Build(
            [Buy(1, 1, 21000m, 0), Buy(2, 2, 21010m, 1), Sell(3, 2, 21020m, 2, pnl: 60m), Sell(4, 1, 21005m, 3, pnl: -10m)], Contracts);

        Assert.Equal((50m, 50m, PnlCheck.Differs), (trips[0].GrossPnl, trips[0].GatewayPnl, trips[0].PnlCheck));
    }

    [Fact]
    public void A_reversal_closes_one_trade_and_opens_the_next_with_the_rest()
    {
        // Sell 2 @ 21100; buy 3 @ 21090 closes the short (+10 pt × 2 = $40) and opens long 1; sell 1 @ 21095 (+5 pt = $10).
        // The reversal fill's $1.11 is shared by size: $0.74 to the short, $0.37 to the long.
        var trips = RoundTripBuilder.Build([Sell(1, 2, 21100m, 0), Buy(2, 3, 21090m, 5, pnl: 40m), Sell(3, 1, 21095m, 9, pnl: 10m)], Contracts);

        Assert.Equal(2, trips.Count);
        var (shortTrip, longTrip) = (trips[0], trips[1]);
        Assert.Equal((PositionType.Short, 2, 40m, 1.48m, 38.52m), (shortTrip.Direction, shortTrip.Size, shortTrip.GrossPnl, shortTrip.Fees, shortTrip.NetPnl));
        Assert.Equal((PositionType.Long, 1, 10m, 0.74m, 9.26m), (longTrip.Direction, longTrip.Size, longTrip.GrossPnl, longTrip.Fees, longTrip.NetPnl));
        Assert.Equal(2, longTrip.Id);                // the reversal fill opened it
        Assert.Equal(21090m, longTrip.EntryPrice);
        Assert.Equal(Morning.AddMinutes(5), shortTrip.ExitTime);
        Assert.Equal(Morning.AddMinutes(5), longTrip.EntryTime);
        Assert.Equal(PnlCheck.Matches, shortTrip.PnlCheck);
        Assert.Equal(PnlCheck.Matches, longTrip.PnlCheck);
    }

    [Fact]
    public void Partial_fills_of_one_order_add_up_to_one_trade()
    {
        // One sell order filled 1 @ 21050.00 and 1 @ 21049.75, bought back 2 @ 21040: (10 + 9.75) pt × $2 = $39.50.
        var trips = RoundTripBuilder.Build([Sell(1, 1, 21050m, 0, orderId: 7), Sell(2, 1, 21049.75m, 0, orderId: 7), Buy(3, 2, 21040m, 4, pnl: 39.50m)], Contracts);

        var trip = Assert.Single(trips);
        Assert.Equal((PositionType.Short, 2, 39.50m, 21049.875m, 7L), (trip.Direction, trip.Size, trip.GrossPnl, trip.EntryPrice, trip.EntryOrderId));
    }

    [Fact]
    public void Voided_fills_open_positions_and_other_books_are_kept_apart()
    {
        // MNQ on 1001: a voided buy is ignored, so buy 1 @ 100 / sell 1 @ 101 is the only trip (1 pt = $2).
        // MNQ on 1002: still open at the end (no trip). ES on 1001: buy 1 @ 6000, sell @ 6001 = 4 ticks × $12.50 = $50.
        var voided = Buy(9, 5, 90m, 0) with { Voided = true };
        var trips = RoundTripBuilder.Build(
            [voided, Buy(1, 1, 100m, 1), Sell(2, 1, 101m, 2), Buy(3, 1, 100m, 1, account: 1002), Buy(4, 1, 6000m, 1, contract: EsId), Sell(5, 1, 6001m, 3, contract: EsId)],
            Contracts);

        Assert.Equal([(1001, MnqId, 2m), (1001, EsId, 50m)], trips.Select(t => (t.AccountId, t.ContractId, t.GrossPnl)));
        Assert.Equal(PnlCheck.NotReported, trips[0].PnlCheck);
    }

    [Fact]
    public void The_trading_day_is_the_CME_day_of_the_exit_not_the_UTC_date()
    {
        // 23:30 UTC on Thursday 3 December is 17:30 in Chicago, after the 17:00 roll: Friday's trading day.
        var trips = RoundTripBuilder.Build([Buy(1, 1, 100m, 0), Sell(2, 1, 101m, (int)TimeSpan.FromHours(8.5).TotalMinutes)], Contracts);

        Assert.Equal(new DateOnly(2026, 12, 4), Assert.Single(trips).TradingDay);
        Assert.Equal(new DateOnly(2026, 12, 3), DateOnly.FromDateTime(trips[0].ExitTime.UtcDateTime));
    }

    [Fact]
    public void The_bracket_stop_gives_the_R_multiple_and_the_tags_travel_with_the_trade()
    {
        // Long 1 @ 21000 with a bracket stop at 20990: risk 10 pt = $20. Out @ 21020: +$40 − $0.74 = $39.26 → 1.963 R.
        var orders = new[]
        {
            Order(10, OrderType.Market, OrderSide.Bid, 0, tag: "orb-1a2b3c4d"),
            Order(11, OrderType.Stop, OrderSide.Ask, 0, stop: 20990m, parent: 10),
            Order(12, OrderType.Limit, OrderSide.Ask, 0, parent: 10),
        };
        var trips = RoundTripBuilder.Build([Buy(1, 1, 21000m, 0, orderId: 10), Sell(2, 1, 21020m, 6, orderId: 12)], Contracts, orders);

        var trip = Assert.Single(trips);
        Assert.Equal(20990m, trip.InitialStop);
        Assert.Equal(1.963m, trip.RMultiple);
        Assert.Equal("orb-1a2b3c4d", trip.EntryTag);
        Assert.Equal("orb", trip.Tag);
        Assert.Null(trip.ExitTag);
    }

    [Fact]
    public void A_separate_stop_order_placed_with_the_entry_counts_too()
    {
        // Short 1 @ 21000, a buy stop at 21008 placed a few seconds later: risk 8 pt = $16; out @ 21004: −$8 − $0.74 = −$8.74 → −0.5463 R.
        var orders = new[] { Order(20, OrderType.Market, OrderSide.Ask, 0, tag: "fade"), Order(21, OrderType.Stop, OrderSide.Bid, 0, stop: 21008m) };
        var trips = RoundTripBuilder.Build([Sell(1, 1, 21000m, 0, orderId: 20), Buy(2, 1, 21004m, 3, orderId: 99)], Contracts, orders);

        Assert.Equal((21008m, -0.5463m, "fade"), (trips[0].InitialStop, trips[0].RMultiple, trips[0].Tag));
    }

    [Fact]
    public void Excursions_from_quotes_give_MAE_and_MFE_in_money()
    {
        // Long 2 @ 21000; while open the quotes ranged 20995..21030: MAE 5 pt × $2 × 2 = $20, MFE 30 pt × $2 × 2 = $120.
        var range = new PriceExcursion(1001, MnqId, Morning, Morning.AddMinutes(10), 20995m, 21030m, ExcursionSource.Quotes);
        var trips = RoundTripBuilder.Build([Buy(1, 2, 21000m, 0), Sell(2, 2, 21010m, 10)], Contracts, excursions: [range]);

        Assert.Equal((20m, 120m, ExcursionSource.Quotes), (trips[0].Mae, trips[0].Mfe, trips[0].ExcursionSource));
    }

    [Fact]
    public void A_gateway_PnL_that_disagrees_is_flagged()
    {
        var trips = RoundTripBuilder.Build([Buy(1, 1, 100m, 0), Sell(2, 1, 101m, 2, pnl: 5m)], Contracts);

        Assert.Equal((2m, 5m, PnlCheck.Differs), (trips[0].GrossPnl, trips[0].GatewayPnl, trips[0].PnlCheck));
    }

    [Fact]
    public void A_fill_in_an_unknown_contract_is_a_typed_error()
    {
        var error = Assert.Throws<ProjectXJournalException>(() => RoundTripBuilder.Build([Buy(1, 1, 100m, 0, contract: "CON.F.US.XYZ.Z26")], Contracts));
        Assert.Equal(JournalFailure.UnknownContract, error.Reason);
    }

    [Theory]
    [InlineData("quickstart-1a2b3c4d", "quickstart")]
    [InlineData("orb-long-0042", "orb-long")]
    [InlineData("orb-long", "orb-long")]
    [InlineData("fade", "fade")]
    [InlineData("px-0123456789abcdef0123456789abcdef", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Tag_labels(string? tag, string? label) => Assert.Equal(label, TradeTags.Label(tag));
}
