using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;
using static ProjectX.Simulation.Tests.Market.MarketTestData;

namespace ProjectX.Simulation.Tests.Market;

public class RetrieveBarsTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 18, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sixty_seconds_make_the_minute()
    {
        var market = NewMarket();
        var minute = new DateTimeOffset(2026, 11, 18, 14, 31, 0, TimeSpan.Zero);
        var seconds = market.Bars(AggregateBarUnit.Second, 1, minute, minute.AddMinutes(1));
        Assert.Equal(60, seconds.Count);
        var fromGetSeconds = market.GetSeconds(Nq, minute.AddSeconds(-1), minute.AddSeconds(59)).Select(s => s.Ohlcv()).ToList();
        Assert.Equal(fromGetSeconds, seconds.Reverse().Select(b => b.Ohlcv()));

        var bar = Assert.Single(market.Bars(AggregateBarUnit.Minute, 1, minute, minute.AddMinutes(1)));
        Assert.Equal(minute, bar.T);
        Assert.Equal(Merge(fromGetSeconds), bar.Ohlcv());
    }

    [Fact]
    public void Minutes_make_the_hours_and_the_day_and_hours_make_the_day()
    {
        var market = NewMarket();
        var minutes = market.Bars(AggregateBarUnit.Minute, 1, Day, Day.AddDays(1)).Reverse().ToList();
        Assert.Equal(1440, minutes.Count);
        var hours = market.Bars(AggregateBarUnit.Hour, 1, Day, Day.AddDays(1)).Reverse().ToList();
        Assert.Equal(24, hours.Count);
        for (int h = 0; h < 24; h++)
        {
            Assert.Equal(Day.AddHours(h), hours[h].T);
            Assert.Equal(Merge(minutes.Skip(h * 60).Take(60).Select(b => b.Ohlcv())), hours[h].Ohlcv());
        }
        var day = Assert.Single(market.Bars(AggregateBarUnit.Day, 1, Day, Day.AddDays(1)));
        Assert.Equal(Day, day.T);
        Assert.Equal(Merge(minutes.Select(b => b.Ohlcv())), day.Ohlcv());
        Assert.Equal(Merge(hours.Select(b => b.Ohlcv())), day.Ohlcv());
    }

    [Fact]
    public void Days_make_weeks_and_months()
    {
        var market = NewMarket();
        var monday = new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero);
        var days = market.Bars(AggregateBarUnit.Day, 1, monday, monday.AddDays(7)).Reverse().Select(b => b.Ohlcv());
        var week = Assert.Single(market.Bars(AggregateBarUnit.Week, 1, monday, monday.AddDays(7)));
        Assert.Equal(monday, week.T);
        Assert.Equal(Merge(days), week.Ohlcv());

        var october = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var octoberDays = market.Bars(AggregateBarUnit.Day, 1, october, october.AddMonths(1)).Reverse().ToList();
        Assert.Equal(31, octoberDays.Count);
        var month = Assert.Single(market.Bars(AggregateBarUnit.Month, 1, october, october.AddMonths(1)));
        Assert.Equal(october, month.T);
        Assert.Equal(Merge(octoberDays.Select(b => b.Ohlcv())), month.Ohlcv());
    }

    [Theory]
    [InlineData(AggregateBarUnit.Second, 15, "2026-11-18T10:07:45Z")]
    [InlineData(AggregateBarUnit.Minute, 5, "2026-11-18T10:05:00Z")]
    [InlineData(AggregateBarUnit.Minute, 7, "2026-11-18T10:02:00Z")] // counted from midnight: 607 = 86 × 7 + 5
    [InlineData(AggregateBarUnit.Hour, 4, "2026-11-18T08:00:00Z")]
    [InlineData(AggregateBarUnit.Day, 1, "2026-11-18T00:00:00Z")]
    [InlineData(AggregateBarUnit.Week, 1, "2026-11-16T00:00:00Z")] // Monday
    [InlineData(AggregateBarUnit.Month, 1, "2026-11-01T00:00:00Z")]
    [InlineData(AggregateBarUnit.Month, 3, "2026-10-01T00:00:00Z")] // quarters from January
    public void Bars_start_on_utc_boundaries(AggregateBarUnit unit, int unitNumber, string expectedStart)
    {
        var instant = new DateTimeOffset(2026, 11, 18, 10, 7, 59, TimeSpan.Zero);
        var bars = NewMarket().Bars(unit, unitNumber, instant, instant.AddSeconds(1), now: new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var bar = Assert.Single(bars);
        Assert.Equal(DateTimeOffset.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture), bar.T);
        Assert.Equal(TimeSpan.Zero, bar.T.Offset);
    }

    [Fact]
    public void The_docs_example_keeps_the_last_seven_hourly_bars_newest_first()
    {
        var request = Request(AggregateBarUnit.Hour, 1, new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 12, 31, 21, 0, 0, TimeSpan.Zero), limit: 7, contractId: "CON.F.US.RTY.Z24");
        var response = NewMarket().RetrieveBars(request, Now);
        Assert.True(response.Success);
        Assert.Equal(RetrieveBarErrorCode.Success, response.ErrorCode);
        Assert.Null(response.ErrorMessage);
        // Z24 expired on Friday 2024-12-20 at 13:30 UTC, so as in the docs the window ends with that morning's bars.
        var expected = Enumerable.Range(0, 7).Select(i => new DateTimeOffset(2024, 12, 20, 13 - i, 0, 0, TimeSpan.Zero));
        Assert.Equal(expected, response.Bars!.Select(b => b.T));
    }

    [Fact]
    public void Bars_come_newest_first_and_limit_keeps_the_most_recent()
    {
        var market = NewMarket();
        var all = market.Bars(AggregateBarUnit.Minute, 5, Now.AddDays(-2), Now);
        Assert.Equal(2 * 24 * 12, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.T - p.Second.T == TimeSpan.FromMinutes(5)));
        var limited = market.Bars(AggregateBarUnit.Minute, 5, Now.AddDays(-2), Now, limit: 10);
        Assert.Equal(all.Take(10).Select(b => (b.T, b.Ohlcv())), limited.Select(b => (b.T, b.Ohlcv())));
    }

    [Fact]
    public void The_window_is_start_inclusive_end_exclusive_and_intersecting_bars_count()
    {
        var market = NewMarket();
        var start = new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);
        var bars = market.Bars(AggregateBarUnit.Minute, 1, start, start.AddMinutes(3));
        Assert.Equal([start.AddMinutes(2), start.AddMinutes(1), start], bars.Select(b => b.T));

        var straddling = market.Bars(AggregateBarUnit.Hour, 1, start.AddMinutes(30), start.AddMinutes(90));
        Assert.Equal([start.AddHours(1), start], straddling.Select(b => b.T));

        Assert.Empty(market.Bars(AggregateBarUnit.Minute, 1, start, start));
        Assert.Empty(market.Bars(AggregateBarUnit.Minute, 1, start, start.AddMinutes(-5)));
        Assert.Empty(market.Bars(AggregateBarUnit.Minute, 1, Now.AddDays(1), Now.AddDays(2))); // the future
        Assert.Empty(market.Bars(AggregateBarUnit.Day, 1, new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_forming_bar_is_left_out_unless_asked_for_and_then_runs_up_to_now()
    {
        var market = NewMarket();
        var hourStart = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var complete = market.Bars(AggregateBarUnit.Hour, 1, Now.AddHours(-3), Now.AddHours(3));
        Assert.Equal(hourStart.AddHours(-1), complete[0].T);

        var withPartial = market.Bars(AggregateBarUnit.Hour, 1, Now.AddHours(-3), Now.AddHours(3), includePartialBar: true);
        Assert.Equal(hourStart, withPartial[0].T);
        Assert.Equal(complete, withPartial.Skip(1), (a, b) => a.T == b.T && a.Ohlcv() == b.Ohlcv());
        var soFar = market.GetSeconds(Nq, hourStart.AddSeconds(-1), Now).Select(s => s.Ohlcv());
        Assert.Equal(Merge(soFar), withPartial[0].Ohlcv());
        Assert.Equal(market.GetSnapshot(Nq, Now).Last, withPartial[0].C);

        // A bar that ended exactly at now is complete.
        var atBoundary = market.Bars(AggregateBarUnit.Hour, 1, hourStart.AddHours(-2), hourStart, now: hourStart);
        Assert.Equal(hourStart.AddHours(-1), atBoundary[0].T);
    }

    [Fact]
    public void A_year_of_history_is_there()
    {
        var market = NewMarket();
        var days = market.Bars(AggregateBarUnit.Day, 1, Now.AddYears(-1), Now, limit: 365);
        Assert.Equal(365, days.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), days[0].T);
        Assert.True(days.Zip(days.Skip(1)).All(p => p.First.T - p.Second.T == TimeSpan.FromDays(1)));
        Assert.All(days, d => Assert.True(d.L > 0 && d.V > 0));
        for (int i = 1; i < days.Count; i++)
        {
            Assert.Equal(days[i].C, days[i - 1].O); // each day opens at the previous close
        }

        Assert.Equal(365 * 24, market.Bars(AggregateBarUnit.Hour, 1, Now.AddYears(-1).AddMinutes(-15), Now).Count);
        Assert.Equal(20_000, market.Bars(AggregateBarUnit.Minute, 1, Now.AddYears(-1), Now).Count);
        Assert.Equal(20_000, market.Bars(AggregateBarUnit.Second, 1, Now.AddYears(-1), Now).Count);
    }

    [Fact]
    public void Long_units_reach_back_to_the_first_simulated_day_and_stop()
    {
        var months = NewMarket().Bars(AggregateBarUnit.Month, 1, DateTimeOffset.MinValue, Now);
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), months[^1].T);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), months[0].T);
        Assert.Equal((26 * 12) + 10, months.Count);
    }

    [Theory]
    [InlineData(AggregateBarUnit.Second)]
    [InlineData(AggregateBarUnit.Minute)]
    [InlineData(AggregateBarUnit.Hour)]
    [InlineData(AggregateBarUnit.Day)]
    [InlineData(AggregateBarUnit.Week)]
    [InlineData(AggregateBarUnit.Month)]
    public void A_bar_spans_at_most_a_year_so_none_is_stamped_before_the_simulated_years(AggregateBarUnit unit)
    {
        // Issue 12, defect 13: int.MaxValue units made one bar "of all history" stamped 1970 or 0001.
        var market = NewMarket();
        foreach (var huge in new[] { int.MaxValue, BarCalendar.MaxUnitNumber(unit) + 1 })
        {
            var refused = market.RetrieveBars(Request(unit, huge, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 20_000, includePartialBar: true), Now);
            Assert.False(refused.Success);
            Assert.Equal(RetrieveBarErrorCode.UnitNumberInvalid, refused.ErrorCode);
        }
        var longest = market.Bars(unit, BarCalendar.MaxUnitNumber(unit), DateTimeOffset.MinValue, DateTimeOffset.MaxValue, includePartialBar: true);
        Assert.NotEmpty(longest);
        Assert.All(longest, bar => Assert.True(bar.T >= SimulatedMarket.FirstSecond.AddDays(-366), $"{bar.T:O}"));
    }

    [Theory]
    [InlineData("CON.F.US.NOPE.Z26", AggregateBarUnit.Minute, 1, 10, RetrieveBarErrorCode.ContractNotFound)]
    [InlineData("", AggregateBarUnit.Minute, 1, 10, RetrieveBarErrorCode.ContractNotFound)]
    [InlineData(Nq, AggregateBarUnit.Unspecified, 1, 10, RetrieveBarErrorCode.UnitInvalid)]
    [InlineData(Nq, AggregateBarUnit.Tick, 1, 10, RetrieveBarErrorCode.UnitInvalid)]
    [InlineData(Nq, (AggregateBarUnit)99, 1, 10, RetrieveBarErrorCode.UnitInvalid)]
    [InlineData(Nq, AggregateBarUnit.Minute, 0, 10, RetrieveBarErrorCode.UnitNumberInvalid)]
    [InlineData(Nq, AggregateBarUnit.Minute, -5, 10, RetrieveBarErrorCode.UnitNumberInvalid)]
    [InlineData(Nq, AggregateBarUnit.Minute, 1, 0, RetrieveBarErrorCode.LimitInvalid)]
    [InlineData(Nq, AggregateBarUnit.Minute, 1, 20_001, RetrieveBarErrorCode.LimitInvalid)]
    public void Invalid_requests_fail_with_their_error_code(string contractId, AggregateBarUnit unit, int unitNumber, int limit, RetrieveBarErrorCode expected)
    {
        var response = NewMarket().RetrieveBars(Request(unit, unitNumber, Now.AddDays(-1), Now, limit, contractId: contractId), Now);
        Assert.False(response.Success);
        Assert.Equal(expected, response.ErrorCode);
        Assert.Null(response.Bars);
    }

    [Fact]
    public void Limits_at_the_edges_are_accepted()
    {
        var market = NewMarket();
        Assert.Single(market.Bars(AggregateBarUnit.Minute, 1, Now.AddDays(-1), Now, limit: 1));
        Assert.Equal(20_000, market.Bars(AggregateBarUnit.Minute, 1, Now.AddDays(-30), Now, limit: 20_000).Count);
        // An expired month still has history, up to its expiry (Friday 2026-09-18 13:30 UTC) and none after it.
        var expired = market.Bars(AggregateBarUnit.Day, 1, new DateTimeOffset(2026, 9, 9, 0, 0, 0, TimeSpan.Zero), Now, contractId: "CON.F.US.ENQ.U26");
        Assert.Equal(10, expired.Count);
        Assert.Equal(new DateTimeOffset(2026, 9, 18, 0, 0, 0, TimeSpan.Zero), expired[0].T);
        var lastMinute = market.Bars(AggregateBarUnit.Minute, 1, Now.AddDays(-100), Now, limit: 1, contractId: "CON.F.US.ENQ.U26");
        Assert.Equal(new DateTimeOffset(2026, 9, 18, 13, 29, 0, TimeSpan.Zero), Assert.Single(lastMinute).T);
        Assert.Empty(market.Bars(AggregateBarUnit.Day, 1, Now.AddDays(-10), Now, contractId: "CON.F.US.ENQ.U26"));
    }
}
