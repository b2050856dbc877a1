using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.State;

public class OrderBookTests
{
    private const string Mnq = "CON.F.US.MNQ.Z26";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    private static GatewayDepthModel Row(DomType type, decimal price, long volume, DateTimeOffset? timestamp = null) =>
        new() { Type = type, Price = price, Volume = volume, CurrentVolume = volume, Timestamp = timestamp ?? T0 };

    private static DepthEvent Depth(params GatewayDepthModel[] rows) => new(Mnq, rows, T0);

    private static OrderBook Ladder(OrderBookOptions? options = null)
    {
        var book = new OrderBook(Mnq, options);
        book.OnDepth(Depth(
            Row(DomType.Reset, 0, 0),
            Row(DomType.BestBid, 100.00m, 5), Row(DomType.Bid, 99.75m, 7), Row(DomType.Bid, 99.50m, 9),
            Row(DomType.BestAsk, 100.25m, 4), Row(DomType.Ask, 100.50m, 6), Row(DomType.Ask, 100.75m, 8)));
        return book;
    }

    [Fact]
    public void Builds_both_sides_best_first()
    {
        var book = Ladder();
        Assert.Equal(new BookLevel(100.00m, 5), book.BestBid);
        Assert.Equal(new BookLevel(100.25m, 4), book.BestAsk);
        Assert.Equal(0.25m, book.Spread);
        Assert.Equal(100.125m, book.Mid);
        Assert.Equal([new(100.00m, 5), new(99.75m, 7)], book.GetBids(2));
        Assert.Equal([new(100.25m, 4), new(100.50m, 6), new(100.75m, 8)], book.GetAsks(10));
    }

    [Theory]
    [InlineData(DomType.Ask, false)]
    [InlineData(DomType.BestAsk, false)]
    [InlineData(DomType.NewBestAsk, false)]
    [InlineData(DomType.Bid, true)]
    [InlineData(DomType.BestBid, true)]
    [InlineData(DomType.NewBestBid, true)]
    public void Each_dom_type_lands_on_its_side(DomType type, bool bid)
    {
        var book = new OrderBook(Mnq);
        book.OnDepth(Depth(Row(type, 50m, 3)));
        Assert.Equal(bid ? 1 : 0, book.BidLevelCount);
        Assert.Equal(bid ? 0 : 1, book.AskLevelCount);
    }

    [Fact]
    public void Volume_zero_removes_a_level_and_an_update_replaces_it()
    {
        var book = Ladder();
        book.OnDepth(Depth(Row(DomType.Bid, 99.75m, 0), Row(DomType.Ask, 100.50m, 11), Row(DomType.Ask, 101m, 0)));
        Assert.Equal([new(100.00m, 5), new(99.50m, 9)], book.GetBids());
        Assert.Equal([new(100.25m, 4), new(100.50m, 11), new(100.75m, 8)], book.GetAsks());
    }

    [Fact]
    public void Reset_clears_both_sides_and_prints_do_not_touch_levels()
    {
        var book = Ladder();
        book.OnDepth(Depth(Row(DomType.Trade, 100.25m, 2), Row(DomType.Fill, 100.25m, 1), Row(DomType.High, 101m, 0), Row(DomType.Low, 99m, 0)));
        Assert.Equal(3, book.BidLevelCount);
        Assert.Equal(3, book.AskLevelCount);
        Assert.Equal(100.25m, book.LastTradePrice);
        Assert.Equal(101m, book.SessionHigh);
        Assert.Equal(99m, book.SessionLow);

        book.OnDepth(Depth(Row(DomType.Reset, 0, 0), Row(DomType.Bid, 98m, 1)));
        Assert.Equal([new(98m, 1)], book.GetBids());
        Assert.Empty(book.GetAsks());
        Assert.Null(book.Spread);
    }

    [Fact]
    public void The_book_knows_the_gateway_time_of_its_last_row_apart_from_when_it_was_received()
    {
        var book = new OrderBook(Mnq);
        Assert.Equal(default, book.LastRowTimestamp);
        var sent = T0.AddMilliseconds(1500);
        var received = T0.AddSeconds(3);
        book.OnDepth(new DepthEvent(Mnq, [Row(DomType.Bid, 99m, 1, T0), Row(DomType.Ask, 101m, 1, sent)], received));
        Assert.Equal(sent, book.LastRowTimestamp);
        Assert.Equal(received, book.LastUpdate);
    }

    [Fact]
    public void Other_contracts_are_ignored()
    {
        var book = Ladder();
        book.OnDepth(new DepthEvent("CON.F.US.EP.Z26", [Row(DomType.Reset, 0, 0)], T0));
        Assert.Equal(3, book.BidLevelCount);
    }

    [Fact]
    public void Imbalance_compares_bid_and_ask_volume_over_n_levels()
    {
        var book = Ladder();
        Assert.Equal((5m - 4m) / 9m, book.Imbalance(1));
        Assert.Equal((21m - 18m) / 39m, book.Imbalance(3));
        Assert.Equal(0m, new OrderBook(Mnq).Imbalance());
    }

    [Fact]
    public void Levels_per_side_are_capped_keeping_the_best()
    {
        var book = new OrderBook(Mnq, new OrderBookOptions { MaxLevelsPerSide = 3 });
        foreach (var p in new[] { 10m, 12m, 11m, 9m, 13m })
            book.ApplyDepth(DomType.Bid, p, 1, T0);
        foreach (var p in new[] { 20m, 18m, 19m, 21m, 17m })
            book.ApplyDepth(DomType.Ask, p, 1, T0);
        Assert.Equal([13m, 12m, 11m], book.GetBids().Select(l => l.Price));
        Assert.Equal([17m, 18m, 19m], book.GetAsks().Select(l => l.Price));
        book.ApplyDepth(DomType.Bid, 8m, 1, T0); // worse than every kept level
        Assert.Equal([13m, 12m, 11m], book.GetBids().Select(l => l.Price));
    }

    [Fact]
    public void Market_trades_feed_cumulative_delta_and_a_bounded_ring_of_prints()
    {
        var book = new OrderBook(Mnq, new OrderBookOptions { RecentTradeCapacity = 3 });
        book.OnMarketTrade(new MarketTradeEvent(Mnq, [
            new GatewayTradeModel { Price = 100m, Volume = 5, Type = TradeLogType.Buy, Timestamp = T0 },
            new GatewayTradeModel { Price = 99.75m, Volume = 2, Type = TradeLogType.Sell, Timestamp = T0.AddSeconds(1) },
            new GatewayTradeModel { Price = 100m, Volume = 1, Type = TradeLogType.Buy, Timestamp = T0.AddSeconds(2) },
            new GatewayTradeModel { Price = 100.25m, Volume = 4, Type = TradeLogType.Sell, Timestamp = T0.AddSeconds(3) },
        ], T0));
        Assert.Equal(5 - 2 + 1 - 4, book.CumulativeDelta);
        Assert.Equal(6, book.BuyVolume);
        Assert.Equal(6, book.SellVolume);
        var recent = book.RecentTrades();
        Assert.Equal([99.75m, 100m, 100.25m], recent.Select(t => t.Price));
        Assert.Equal([100m, 100.25m], book.RecentTrades(2).Select(t => t.Price));
        Assert.Equal(100.25m, book.LastTradePrice);
    }

    [Fact]
    public void Random_updates_match_a_naive_model()
    {
        var rng = new Random(7);
        var book = new OrderBook(Mnq, new OrderBookOptions { MaxLevelsPerSide = 1000 });
        var bids = new SortedDictionary<decimal, long>();
        var asks = new SortedDictionary<decimal, long>();
        for (int i = 0; i < 20_000; i++)
        {
            var bid = rng.Next(2) == 0;
            var price = 100m + (rng.Next(-40, 40) * 0.25m);
            var volume = rng.Next(4) == 0 ? 0 : rng.Next(1, 50);
            book.ApplyDepth(bid ? DomType.Bid : DomType.Ask, price, volume, T0);
            var side = bid ? bids : asks;
            if (volume == 0) side.Remove(price); else side[price] = volume;
        }
        Assert.Equal(bids.Reverse().Select(kv => new BookLevel(kv.Key, kv.Value)), book.GetBids());
        Assert.Equal(asks.Select(kv => new BookLevel(kv.Key, kv.Value)), book.GetAsks());
    }

    [Fact]
    public void Applying_depth_allocates_nothing()
    {
        var book = Ladder();
        var e = Depth(Row(DomType.Bid, 99.25m, 3), Row(DomType.Bid, 99.25m, 0), Row(DomType.Ask, 100.50m, 2));
        book.OnDepth(e);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
            book.OnDepth(e);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
