using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.Simulation.Market;

namespace ProjectX.Client.Tests.State;

public class BarAggregatorTests
{
    private const string Mnq = "CON.F.US.MNQ.Z26";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private static readonly Timeframe S1 = Timeframe.OneSecond, M1 = Timeframe.OneMinute, M5 = Timeframe.FiveMinutes;

    private static BarAggregator Manual(params Timeframe[] timeframes) =>
        new(Mnq, timeframes, new BarAggregatorOptions { AutoAdvance = false, Capacity = 100, CloseDelay = TimeSpan.Zero });

    [Fact]
    public void Trades_build_ohlcv_in_every_timeframe_at_once()
    {
        using var bars = Manual(S1, M1, M5);
        bars.AddTrade(100m, 1, T0.AddSeconds(0.1));
        bars.AddTrade(101m, 2, T0.AddSeconds(0.5));
        bars.AddTrade(99.5m, 3, T0.AddSeconds(1.2));
        bars.AddTrade(100.25m, 4, T0.AddSeconds(61));

        Assert.Equal([new Bar(T0, 100m, 101m, 99.5m, 99.5m, 6)], bars[M1].ToArray(includeForming: false));
        Assert.Equal(new Bar(T0.AddMinutes(1), 100.25m, 100.25m, 100.25m, 100.25m, 4), bars[M1].Forming);
        Assert.Equal(new Bar(T0, 100m, 101m, 99.5m, 100.25m, 10), bars[M5].Forming);
        var seconds = bars[S1].ToArray(includeForming: false);
        Assert.Equal(new Bar(T0, 100m, 101m, 100m, 101m, 3), seconds[0]);
        Assert.Equal(new Bar(T0.AddSeconds(1), 99.5m, 99.5m, 99.5m, 99.5m, 3), seconds[1]);
        Assert.Equal(61, seconds.Length); // 2 traded seconds + 59 empty ones
    }

    [Fact]
    public void Quiet_periods_become_empty_bars_carrying_the_close_and_raise_BarClosed_in_order()
    {
        using var bars = Manual(M1);
        var closed = new List<BarClosedEventArgs>();
        bars.BarClosed += (_, e) => closed.Add(e);
        bars.AddTrade(100m, 5, T0.AddSeconds(10));
        bars.AddTrade(102m, 1, T0.AddMinutes(3).AddSeconds(1));

        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2)], closed.Select(e => e.Bar.Start));
        Assert.All(closed, e => Assert.Equal(M1, e.Timeframe));
        Assert.All(closed, e => Assert.Equal(Mnq, e.ContractId));
        Assert.Equal(new Bar(T0.AddMinutes(1), 100m, 100m, 100m, 100m, 0), closed[1].Bar);
        Assert.True(closed[2].Bar.IsEmpty);
        Assert.Equal(3, bars[M1].ClosedCount);
    }

    [Fact]
    public void The_clock_closes_bars_without_trades()
    {
        var time = new FakeTimeProvider(T0);
        using var bars = new BarAggregator(Mnq, [M1], new BarAggregatorOptions { TimeProvider = time, CloseDelay = TimeSpan.FromSeconds(1), AdvanceInterval = TimeSpan.FromMilliseconds(500) });
        var closed = new List<Bar>();
        bars.BarClosed += (_, e) => closed.Add(e.Bar);
        bars.AddTrade(100m, 5, T0.AddSeconds(10));
        time.Advance(TimeSpan.FromSeconds(60.5));
        Assert.Empty(closed); // the period ended, but the close delay has not passed
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([new Bar(T0, 100m, 100m, 100m, 100m, 5)], closed);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(3, closed.Count);
        Assert.True(closed[2].IsEmpty);
        Assert.Equal(new Bar(T0.AddMinutes(3), 100m, 100m, 100m, 100m, 0), bars[M1].Forming);

        bars.AddTrade(98m, 2, T0.AddMinutes(3).AddSeconds(5)); // first print of an empty forming bar sets its open
        Assert.Equal(new Bar(T0.AddMinutes(3), 98m, 98m, 98m, 98m, 2), bars[M1].Forming);
    }

    [Fact]
    public void Late_prints_do_not_change_closed_bars()
    {
        using var bars = Manual(M1);
        bars.AddTrade(100m, 1, T0.AddMinutes(1));
        bars.AddTrade(50m, 1, T0.AddSeconds(30));
        Assert.Equal(1, bars.LateTrades);
        Assert.Equal(new Bar(T0.AddMinutes(1), 100m, 100m, 100m, 100m, 1), bars[M1].Forming);
    }

    [Fact]
    public void Each_timeframe_keeps_a_bounded_ring()
    {
        using var bars = new BarAggregator(Mnq, [S1], new BarAggregatorOptions { AutoAdvance = false, Capacity = 10, CloseDelay = TimeSpan.Zero });
        for (int i = 0; i < 100; i++)
            bars.AddTrade(100m + i, 1, T0.AddSeconds(i));
        var closed = bars[S1].ToArray(includeForming: false);
        Assert.Equal(10, closed.Length);
        Assert.Equal(T0.AddSeconds(89), closed[0].Start);
        Assert.Equal(198m, closed[^1].Close);
        Assert.Equal([T0.AddSeconds(98), T0.AddSeconds(99)], bars[S1].Last(2).Select(b => b.Start));
    }

    [Fact]
    public void A_long_gap_emits_no_more_empty_bars_than_fit()
    {
        using var bars = new BarAggregator(Mnq, [S1], new BarAggregatorOptions { AutoAdvance = false, Capacity = 10, CloseDelay = TimeSpan.Zero });
        int events = 0;
        bars.BarClosed += (_, _) => events++;
        bars.AddTrade(100m, 1, T0);
        bars.AddTrade(101m, 1, T0.AddDays(3));
        Assert.InRange(events, 10, 13);
        Assert.Equal(T0.AddDays(3).AddSeconds(-1), bars[S1].LastClosed!.Value.Start);
    }

    [Fact]
    public void Quotes_build_bars_only_until_the_first_trade()
    {
        using var bars = Manual(M1);
        Quote Q(decimal last, long volume, int second) => new(Mnq, null, null, null, last, volume, null, null, null, null, null, T0.AddSeconds(second), null, T0, 1);
        bars.OnQuote(Q(100m, 1000, 1));
        bars.OnQuote(Q(101m, 1003, 2));
        bars.OnQuote(new Quote(Mnq, null, 99m, 99.25m, null, null, null, null, null, null, null, T0.AddSeconds(3), null, T0, 1)); // no last: no tick
        Assert.Equal(new Bar(T0, 100m, 101m, 100m, 101m, 3), bars[M1].Forming);

        bars.OnMarketTrade(new MarketTradeEvent(Mnq, [new GatewayTradeModel { Price = 102m, Volume = 2, Timestamp = T0.AddSeconds(4) }], T0));
        bars.OnQuote(Q(90m, 2000, 5)); // ignored now
        Assert.Equal(new Bar(T0, 100m, 102m, 100m, 102m, 5), bars[M1].Forming);
    }

    [Fact]
    public void Trades_of_other_contracts_are_ignored()
    {
        using var bars = Manual(M1);
        bars.OnMarketTrade(new MarketTradeEvent("CON.F.US.EP.Z26", [new GatewayTradeModel { Price = 1m, Volume = 1, Timestamp = T0 }], T0));
        Assert.Null(bars[M1].Forming);
        Assert.Throws<KeyNotFoundException>(() => bars[Timeframe.OneHour]);
    }

    [Fact]
    public void History_seeds_the_ring_and_live_bars_win()
    {
        using var bars = Manual(M1);
        bars.AddTrade(200m, 1, T0.AddMinutes(2).AddSeconds(5));
        bars.Seed(M1, [
            new AggregateBarModel { T = T0.AddMinutes(2), O = 1, H = 1, L = 1, C = 1, V = 1 }, // overlaps live: dropped
            new AggregateBarModel { T = T0, O = 10, H = 12, L = 9, C = 11, V = 7 },
            new AggregateBarModel { T = T0.AddMinutes(1), O = 11, H = 13, L = 10, C = 12, V = 8 },
        ]);
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2)], bars[M1].ToArray().Select(b => b.Start));
        Assert.Equal(200m, bars[M1].Forming!.Value.Close);

        using var fresh = Manual(M1);
        fresh.Seed(M1, [new Bar(T0, 10, 12, 9, 11, 7)]);
        fresh.AddTrade(15m, 1, T0.AddMinutes(2).AddSeconds(1)); // the quiet minute between history and live is filled
        Assert.Equal(new Bar(T0.AddMinutes(1), 11m, 11m, 11m, 11m, 0), fresh[M1].LastClosed);
    }

    [Fact]
    public void Backfill_replaces_the_bars_of_a_gap_with_history()
    {
        using var bars = Manual(M1);
        bars.AddTrade(100m, 1, T0.AddSeconds(5));                 // minute 0, then the feed drops
        bars.AddTrade(110m, 2, T0.AddMinutes(3).AddSeconds(1));   // back in minute 3: minutes 1-2 look empty, minute 0 partial
        Assert.True(bars[M1].ToArray(false)[1].IsEmpty);

        var changed = bars.Backfill(M1, [
            new Bar(T0, 99m, 104m, 98m, 103m, 40),
            new Bar(T0.AddMinutes(1), 103m, 106m, 102m, 105m, 30),
            new Bar(T0.AddMinutes(2), 105m, 111m, 104m, 109m, 20),
        ]);
        Assert.Equal(3, changed);
        Assert.Equal([40L, 30, 20], bars[M1].ToArray(false).Select(b => b.Volume));
        Assert.Equal(new Bar(T0.AddMinutes(3), 110m, 110m, 110m, 110m, 2), bars[M1].Forming); // live stays

        // A forming bar whose period history already closed is replaced too, and the next print starts after it.
        using var cut = Manual(M1);
        cut.AddTrade(100m, 1, T0.AddSeconds(5));
        cut.Backfill(M1, [new Bar(T0, 99m, 101m, 98m, 100m, 9), new Bar(T0.AddMinutes(1), 100m, 102m, 99m, 101m, 8)]);
        Assert.Null(cut[M1].Forming);
        cut.AddTrade(103m, 1, T0.AddMinutes(2).AddSeconds(1));
        Assert.Equal([9L, 8], cut[M1].ToArray(false).Select(b => b.Volume));
        Assert.Equal(T0.AddMinutes(2), cut[M1].Forming!.Value.Start);
    }

    [Fact]
    public void Bars_from_the_simulators_prints_equal_retrieve_bars()
    {
        var market = new SimulatedMarket(new ContractCatalog(), 42);
        var start = new DateTimeOffset(2026, 11, 24, 13, 55, 0, TimeSpan.Zero);
        var end = start.AddMinutes(20);
        var timeframes = new[] { S1, new Timeframe(AggregateBarUnit.Second, 5), M1, M5, Timeframe.FifteenMinutes };
        using var bars = new BarAggregator(Mnq, timeframes, new BarAggregatorOptions { AutoAdvance = false, Capacity = 2000 });
        for (var s = start; s < end; s = s.AddSeconds(1))
        {
            var prints = market.GetPrints(Mnq, s);
            for (int i = 0; i < prints.Count; i++)
                bars.AddTrade(prints[i].Price, prints[i].Volume, s.AddMilliseconds(i * 1000.0 / (prints.Count + 1)));
        }
        bars.AdvanceTo(end.AddSeconds(2));

        foreach (var tf in timeframes)
        {
            var expected = market.RetrieveBars(new RetrieveBarRequest
            {
                ContractId = Mnq, StartTime = start, EndTime = end, Unit = tf.Unit, UnitNumber = tf.Count, Limit = 20_000,
            }, end).Bars!.Where(b => b.T >= start).OrderBy(b => b.T).Select(Bar.From).ToArray();
            var built = bars[tf].ToArray(includeForming: false).Where(b => b.Start >= start && !b.IsEmpty).ToArray();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, built);
        }
    }

    [Fact]
    public void The_tick_path_allocates_nothing()
    {
        var timeframes = new[] { S1, new Timeframe(AggregateBarUnit.Second, 5), M1, M5, Timeframe.FifteenMinutes, Timeframe.OneHour };
        using var bars = new BarAggregator(Mnq, timeframes, new BarAggregatorOptions { AutoAdvance = false, Capacity = 500 });
        var rows = new GatewayTradeModel[4];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new GatewayTradeModel { Price = 100m + i * 0.25m, Volume = i + 1, Type = TradeLogType.Buy, Timestamp = T0 };
        var e = new MarketTradeEvent(Mnq, rows, T0);
        bars.OnMarketTrade(e); // warm up: JIT, first bars
        bars.AddTrade(100m, 1, T0.AddMinutes(1));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var t = T0.AddMinutes(1);
        for (int i = 0; i < 100_000; i++)
        {
            bars.AddTrade(100m + (i % 17) * 0.25m, 1 + (i % 3), t); // crosses 1,000+ bar boundaries across timeframes
            t = t.AddMilliseconds(100);
        }
        for (int i = 0; i < 1000; i++)
            bars.OnMarketTrade(e);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(500, bars[S1].ClosedCount);
    }
}
