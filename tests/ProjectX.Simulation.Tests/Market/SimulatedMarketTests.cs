using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;
using static ProjectX.Simulation.Tests.Market.MarketTestData;

namespace ProjectX.Simulation.Tests.Market;

public class SimulatedMarketTests
{
    private readonly ContractCatalog _catalog = new();

    [Fact]
    public void Same_seed_gives_the_same_market_and_another_seed_a_different_one()
    {
        var start = Now.AddHours(-20);
        var a = NewMarket(7).Bars(AggregateBarUnit.Minute, 1, start, Now);
        var b = NewMarket(7).Bars(AggregateBarUnit.Minute, 1, start, Now);
        var c = NewMarket(8).Bars(AggregateBarUnit.Minute, 1, start, Now);
        Assert.Equal(a.Select(x => x.Ohlcv()), b.Select(x => x.Ohlcv()));
        Assert.Equal(a.Select(x => x.T), c.Select(x => x.T));
        Assert.NotEqual(a.Select(x => x.Ohlcv()), c.Select(x => x.Ohlcv()));

        var secondsA = NewMarket(7).GetSeconds(Mnq, Now.AddMinutes(-5), Now).ToList();
        var secondsB = NewMarket(7).GetSeconds(Mnq, Now.AddMinutes(-5), Now).ToList();
        Assert.Equal(secondsA, secondsB);
    }

    [Fact]
    public void Answers_do_not_depend_on_what_was_asked_before()
    {
        var warm = NewMarket();
        warm.Bars(AggregateBarUnit.Hour, 1, Now.AddDays(-200), Now); // fills and evicts caches
        var cold = NewMarket();
        Assert.Equal(cold.GetSeconds(Nq, Now.AddDays(-3), Now.AddDays(-3).AddMinutes(2)), warm.GetSeconds(Nq, Now.AddDays(-3), Now.AddDays(-3).AddMinutes(2)));
        Assert.Equal(cold.GetSnapshot(Nq, Now), warm.GetSnapshot(Nq, Now));
    }

    [Fact]
    public void Every_price_of_every_product_is_on_a_tick_and_every_second_is_a_valid_bar()
    {
        var market = NewMarket();
        foreach (var product in _catalog.Products)
        {
            var spec = _catalog.ActiveSpec(product.Symbol, Now)!;
            var seconds = market.GetSeconds(spec.ContractId, Now.AddMinutes(-10), Now).ToList();
            Assert.Equal(600, seconds.Count);
            foreach (var s in seconds)
            {
                Assert.All([s.Open, s.High, s.Low, s.Close], p => Assert.True(IsOnTick(p, spec.TickSize), $"{product.Symbol} {p}"));
                Assert.True(s.Low <= Math.Min(s.Open, s.Close) && Math.Max(s.Open, s.Close) <= s.High, $"{product.Symbol} {s}");
                Assert.True(s.Low > 0);
                Assert.True(s.Volume >= 1);
            }
            foreach (var bar in market.Bars(AggregateBarUnit.Hour, 1, Now.AddDays(-30), Now, contractId: spec.ContractId))
            {
                Assert.All([bar.O, bar.H, bar.L, bar.C], p => Assert.True(IsOnTick(p, spec.TickSize), $"{product.Symbol} {p}"));
                Assert.True(bar.L <= Math.Min(bar.O, bar.C) && Math.Max(bar.O, bar.C) <= bar.H);
            }
        }
    }

    [Theory]
    [InlineData("NQ", 21000)]
    [InlineData("ES", 6000)]
    [InlineData("RTY", 2300)]
    [InlineData("YM", 44000)]
    [InlineData("GC", 2700)]
    [InlineData("CL", 70)]
    [InlineData("6E", 1.08)]
    public void Prices_start_near_late_2026_levels(string symbol, double reference)
    {
        // The month that was front on the walk's anchor day trades the path itself (carry factor 1).
        var anchorDay = new DateTimeOffset(2026, 11, 1, 23, 59, 59, TimeSpan.Zero);
        var anchorSpec = _catalog.ActiveSpec(symbol, anchorDay)!;
        var anchorClose = NewMarket().GetSecond(anchorSpec.ContractId, anchorDay).Close;
        Assert.InRange(anchorClose, (decimal)reference - anchorSpec.TickSize, (decimal)reference + anchorSpec.TickSize);
        var spec = _catalog.ActiveSpec(symbol, Now)!;
        var last = NewMarket().GetSnapshot(spec.ContractId, Now).Last;
        Assert.InRange((double)last, reference / 2.5, reference * 2.5);
    }

    [Fact]
    public void Micro_and_e_mini_of_an_index_trade_at_the_same_prices_with_their_own_volume()
    {
        var market = NewMarket();
        var nq = market.GetSeconds(Nq, Now.AddMinutes(-3), Now).ToList();
        var mnq = market.GetSeconds(Mnq, Now.AddMinutes(-3), Now).ToList();
        Assert.Equal(nq.Select(s => (s.Open, s.High, s.Low, s.Close)), mnq.Select(s => (s.Open, s.High, s.Low, s.Close)));
        Assert.NotEqual(nq.Select(s => s.Volume), mnq.Select(s => s.Volume));
    }

    [Fact]
    public void Each_later_month_trades_above_by_its_cost_of_carry()
    {
        var market = NewMarket();
        // NQ carries 3.2 % a year; March 2027 expires three months after December 2026 (the anchor month, factor 1).
        decimal z26 = market.GetSnapshot(Nq, Now).Last, h27 = market.GetSnapshot("CON.F.US.ENQ.H27", Now).Last;
        decimal u26 = market.GetSnapshot("CON.F.US.ENQ.U26", Now).Last;
        long z26Ticks = (long)(z26 / 0.25m);
        Assert.Equal(Math.Round(z26Ticks * Math.Exp(0.032 * 3 / 12.0)) * 0.25, (double)h27);
        Assert.Equal(Math.Round(z26Ticks * Math.Exp(-0.032 * 3 / 12.0)) * 0.25, (double)u26);
        Assert.InRange(h27 - z26, 100m, 250m); // a realistic NQ calendar spread at ~20,000
    }

    [Fact]
    public void A_later_month_keeps_every_property_of_the_path()
    {
        var seconds = NewMarket().GetSeconds("CON.F.US.ENQ.H27", Now.AddMinutes(-30), Now).ToList();
        for (int i = 1; i < seconds.Count; i++)
        {
            Assert.Equal(seconds[i - 1].Close, seconds[i].Open); // still gapless after the carry factor
        }
        var start = new DateTimeOffset(2026, 11, 24, 10, 13, 0, TimeSpan.Zero);
        var minute = Assert.Single(NewMarket().Bars(AggregateBarUnit.Minute, 1, start, start.AddMinutes(1), contractId: "CON.F.US.ENQ.H27"));
        var inside = NewMarket().GetSeconds("CON.F.US.ENQ.H27", minute.T.AddSeconds(-1), minute.T.AddSeconds(59)).ToList();
        Assert.Equal((inside[0].Open, inside.Max(s => s.High), inside.Min(s => s.Low), inside[^1].Close, inside.Sum(s => s.Volume)),
            (minute.O, minute.H, minute.L, minute.C, minute.V));
    }

    [Fact]
    public void The_path_is_continuous_across_seconds_minutes_and_days()
    {
        var market = NewMarket();
        var spec = _catalog.GetSpec(Nq)!;
        for (var midnight = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero); midnight < Now; midnight = midnight.AddDays(1))
        {
            var around = market.GetSeconds(Nq, midnight.AddSeconds(-2), midnight).ToList(); // 23:59:59 and 00:00:00
            Assert.Equal(2, around.Count);
            Assert.True(Math.Abs(around[1].Open - around[0].Close) <= 4 * spec.TickSize, $"{midnight:O}");
        }

        var seconds = market.GetSeconds(Nq, Now.AddMinutes(-30), Now).ToList();
        for (int i = 1; i < seconds.Count; i++)
        {
            Assert.Equal(seconds[i - 1].Close, seconds[i].Open); // gapless: a second opens at the previous close
            Assert.Equal(seconds[i - 1].Time.AddSeconds(1), seconds[i].Time);
        }
    }

    [Fact]
    public void GetSeconds_yields_the_seconds_starting_after_from_up_to_and_including_to()
    {
        var market = NewMarket();
        var from = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var seconds = market.GetSeconds(Nq, from, from.AddSeconds(5)).ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => from.AddSeconds(i)), seconds.Select(s => s.Time));

        var fractional = market.GetSeconds(Nq, from.AddMilliseconds(500), from.AddSeconds(2).AddMilliseconds(999)).ToList();
        Assert.Equal([from.AddSeconds(1), from.AddSeconds(2)], fractional.Select(s => s.Time));

        Assert.Empty(market.GetSeconds(Nq, from, from));
        Assert.Empty(market.GetSeconds(Nq, from, from.AddSeconds(-10)));
        Assert.Empty(market.GetSeconds(Nq, new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(market.GetSecond(Nq, from.AddSeconds(3).AddMilliseconds(250)), seconds[2]);
    }

    [Fact]
    public void Snapshot_quotes_a_one_tick_market_around_the_close_of_the_second_containing_the_instant()
    {
        var market = NewMarket();
        var spec = _catalog.GetSpec(Nq)!;
        var at = Now.AddMilliseconds(400);
        var snapshot = market.GetSnapshot(Nq, at);
        var second = market.GetSecond(Nq, Now);
        Assert.Equal(Nq, snapshot.ContractId);
        Assert.Equal(at, snapshot.Time);
        Assert.Equal(second.Close, snapshot.Last);
        Assert.Equal(spec.TickSize, snapshot.Ask - snapshot.Bid);
        Assert.InRange(snapshot.Last, snapshot.Bid, snapshot.Ask);

        // Volume today = everything since UTC midnight, through this second: the partial daily bar's volume.
        var day = market.Bars(AggregateBarUnit.Day, 1, Midnight, Now.AddDays(1), includePartialBar: true);
        Assert.Equal(day[0].V, snapshot.VolumeToday);
        Assert.Equal(market.GetSeconds(Nq, Midnight.AddSeconds(-1), Now).Sum(s => s.Volume), snapshot.VolumeToday);
        Assert.True(market.GetSnapshot(Nq, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)).VolumeToday < snapshot.VolumeToday);
    }

    [Fact]
    public void Prints_of_a_second_add_up_to_its_bar()
    {
        var market = NewMarket();
        foreach (var s in market.GetSeconds(Nq, Now.AddMinutes(-2), Now))
        {
            var prints = market.GetPrints(Nq, s.Time);
            Assert.NotEmpty(prints);
            Assert.Equal(s.Open, prints[0].Price);
            Assert.Equal(s.Close, prints[^1].Price);
            Assert.Equal(s.High, prints.Max(p => p.Price));
            Assert.Equal(s.Low, prints.Min(p => p.Price));
            Assert.Equal(s.Volume, prints.Sum(p => p.Volume));
            Assert.All(prints, p => Assert.True(p.Volume >= 1));
        }
    }

    [Fact]
    public void Volatility_varies_by_day_and_by_time_of_day()
    {
        var market = NewMarket();
        var days = market.Bars(AggregateBarUnit.Day, 1, Now.AddDays(-120), Now);
        var ranges = days.Select(d => (d.H - d.L) / d.O).ToList();
        Assert.True(ranges.Max() > 3 * ranges.Min(), "daily ranges should vary with the regime");

        // The US open (13:30-14:30 UTC) moves more than the Asian night (02:00-03:00 UTC), summed over weekdays.
        var minutes = market.Bars(AggregateBarUnit.Minute, 1, Now.AddDays(-14), Now).Where(b => b.T.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        decimal Range(int fromMinute, int toMinute) => minutes
            .Where(b => b.T.Hour * 60 + b.T.Minute >= fromMinute && b.T.Hour * 60 + b.T.Minute < toMinute)
            .Sum(b => b.H - b.L);
        Assert.True(Range(13 * 60 + 30, 14 * 60 + 30) > 2 * Range(2 * 60, 3 * 60));
    }

    [Fact]
    public void Unknown_contracts_and_instants_outside_the_simulation_are_refused()
    {
        var market = NewMarket();
        Assert.Throws<ArgumentException>(() => market.GetSnapshot("CON.F.US.NOPE.Z26", Now));
        Assert.Throws<ArgumentException>(() => market.GetSeconds("CON.F.US.NOPE.Z26", Now.AddSeconds(-5), Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => market.GetSnapshot(Nq, new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => market.GetSnapshot(Nq, SimulatedMarket.EndOfData));
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), SimulatedMarket.FirstSecond);
        _ = market.GetSnapshot(Nq, SimulatedMarket.FirstSecond);
    }

    [Fact]
    public async Task Concurrent_readers_see_the_same_market()
    {
        var market = NewMarket();
        var expected = NewMarket().Bars(AggregateBarUnit.Minute, 1, Now.AddDays(-3), Now).Select(b => b.Ohlcv()).ToList();
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            market.Bars(AggregateBarUnit.Minute, 1, Now.AddDays(-3), Now).Select(b => b.Ohlcv()).ToList()));
        foreach (var result in await Task.WhenAll(tasks))
        {
            Assert.Equal(expected, result);
        }
    }
}
