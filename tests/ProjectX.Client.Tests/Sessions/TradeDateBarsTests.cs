using System.Globalization;
using ProjectX.Client.Gateway;
using ProjectX.Client.Sessions;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.Sessions;

/// <summary>
/// Day, week and month bars on the CME trade date. Every expected instant is worked out by hand from the equity-index
/// schedule: trade date D opens 17:00 Chicago the evening before; CST = UTC-6, CDT = UTC-5; in 2026 DST starts Sunday
/// 8 March and ends Sunday 1 November.
/// </summary>
public sealed class TradeDateBarsTests
{
    private static readonly TradingCalendar Equity = TradingCalendar.For(ProductGroup.EquityIndex);

    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-06T20:00:00Z", "2026-03-05T23:00:00Z", "2026-03-08T22:00:00Z")] // Friday before the March change: ends Sunday 17:00 CDT
    [InlineData("2026-03-09T15:00:00Z", "2026-03-08T22:00:00Z", "2026-03-09T22:00:00Z")] // Monday after it: 17:00 CDT to 17:00 CDT
    [InlineData("2026-10-30T15:00:00Z", "2026-10-29T22:00:00Z", "2026-11-01T23:00:00Z")] // Friday before the November change
    [InlineData("2026-11-02T15:00:00Z", "2026-11-01T23:00:00Z", "2026-11-02T23:00:00Z")] // Monday after it: 17:00 CST
    [InlineData("2026-07-14T21:30:00Z", "2026-07-13T22:00:00Z", "2026-07-14T22:00:00Z")] // 16:30 CDT, in the break: still Tuesday
    [InlineData("2026-01-19T15:00:00Z", "2026-01-18T23:00:00Z", "2026-01-20T23:00:00Z")] // MLK Day 09:00 CST: the halted session counts for Tuesday
    [InlineData("2026-01-16T15:00:00Z", "2026-01-15T23:00:00Z", "2026-01-18T23:00:00Z")] // the Friday before MLK Day
    [InlineData("2026-11-27T18:00:00Z", "2026-11-25T23:00:00Z", "2026-11-29T23:00:00Z")] // day after Thanksgiving (early close 12:15 CST) holds Thursday's session
    public void A_day_bar_is_one_trade_date(string instant, string start, string end)
    {
        var (s, e) = TradeDateBars.PeriodAt(Equity, T(instant), AggregateBarUnit.Day, 1);
        Assert.Equal(T(start), s);
        Assert.Equal(T(end), e);
    }

    [Theory]
    [InlineData("2026-03-11T15:00:00Z", AggregateBarUnit.Week, "2026-03-08T22:00:00Z", "2026-03-15T22:00:00Z")]
    // Good Friday 2026 (3 April) has no trade date: its morning session counts for Monday 6 April, so it opens next week's bar.
    [InlineData("2026-04-01T15:00:00Z", AggregateBarUnit.Week, "2026-03-29T22:00:00Z", "2026-04-02T22:00:00Z")]
    [InlineData("2026-04-03T12:00:00Z", AggregateBarUnit.Week, "2026-04-02T22:00:00Z", "2026-04-12T22:00:00Z")]
    // March 2026: the first trade date is Monday 2 March (opens Sunday 1 March 17:00 CST), the last Tuesday 31 March.
    [InlineData("2026-03-16T15:00:00Z", AggregateBarUnit.Month, "2026-03-01T23:00:00Z", "2026-03-31T22:00:00Z")]
    public void Week_and_month_bars_group_trade_dates(string instant, AggregateBarUnit unit, string start, string end)
    {
        var (s, e) = TradeDateBars.PeriodAt(Equity, T(instant), unit, 1);
        Assert.Equal(T(start), s);
        Assert.Equal(T(end), e);
    }

    [Theory]
    // Tuesday 14 July 2026, RTH 08:30-15:15 CDT = 13:30Z-20:15Z; closed 16:00-17:00 CDT = 21:00Z-22:00Z.
    [InlineData("2026-07-14T13:30:00Z", 5, BarSession.Rth, true)]
    [InlineData("2026-07-14T13:25:00Z", 5, BarSession.Rth, false)]
    [InlineData("2026-07-14T20:10:00Z", 5, BarSession.Rth, true)]
    [InlineData("2026-07-14T20:15:00Z", 5, BarSession.Rth, false)]
    [InlineData("2026-07-14T13:00:00Z", 60, BarSession.Rth, false)] // 08:00-09:00 CDT straddles the open
    [InlineData("2026-07-14T13:00:00Z", 60, BarSession.Eth, true)]
    [InlineData("2026-07-14T21:00:00Z", 60, BarSession.Eth, false)] // the whole break
    [InlineData("2026-07-14T21:30:00Z", 60, BarSession.Eth, true)]  // 16:30-17:30 CDT: reaches the reopen
    [InlineData("2026-07-18T15:00:00Z", 60, BarSession.Eth, false)] // Saturday
    // Friday 27 November 2026 closes early, 12:15 CST = 18:15Z; RTH 08:30 CST = 14:30Z.
    [InlineData("2026-11-27T18:10:00Z", 5, BarSession.Rth, true)]
    [InlineData("2026-11-27T18:15:00Z", 5, BarSession.Rth, false)]
    [InlineData("2026-11-27T18:15:00Z", 5, BarSession.Eth, false)]
    [InlineData("2026-11-27T14:25:00Z", 5, BarSession.Rth, false)]
    public void Sessions_keep_the_bars_inside_them(string start, int minutes, BarSession session, bool kept) =>
        Assert.Equal(kept, TradeDateBars.IsInSession(Equity, T(start), T(start).AddMinutes(minutes), session));

    private static AggregateBarModel Bar(string t, decimal o, decimal h, decimal l, decimal c, long v) =>
        new() { T = T(t), O = o, H = h, L = l, C = c, V = v };

    private static readonly AggregateBarModel[] HalfHours =
    [
        Bar("2026-07-14T22:00:00Z", 96, 97, 94, 95, 7),      // Tuesday 17:00 CDT: Wednesday's (given out of order on purpose)
        Bar("2026-07-13T21:30:00Z", 1, 1, 1, 1, 3),          // Monday 16:30 CDT: the break, dropped
        Bar("2026-07-13T22:00:00Z", 100, 105, 99, 104, 10),  // Monday 17:00 CDT: Tuesday's first bar
        Bar("2026-07-14T13:30:00Z", 104, 110, 103, 108, 20), // Tuesday 08:30 CDT: RTH
        Bar("2026-07-14T20:30:00Z", 108, 109, 95, 96, 5),    // Tuesday 15:30 CDT: after RTH
    ];

    [Fact]
    public void Eth_day_bars_sum_the_whole_trade_date()
    {
        var bars = TradeDateBars.Aggregate(HalfHours, TimeSpan.FromMinutes(30), Equity, AggregateBarUnit.Day, 1, BarSession.Eth);
        Assert.Equal(2, bars.Count);
        Assert.Equal((T("2026-07-13T22:00:00Z"), 100m, 110m, 95m, 96m, 35L), (bars[0].T, bars[0].O, bars[0].H, bars[0].L, bars[0].C, bars[0].V));
        Assert.Equal((T("2026-07-14T22:00:00Z"), 96m, 97m, 94m, 95m, 7L), (bars[1].T, bars[1].O, bars[1].H, bars[1].L, bars[1].C, bars[1].V));
    }

    [Fact]
    public void Rth_day_bars_sum_only_the_regular_session()
    {
        var bar = Assert.Single(TradeDateBars.Aggregate(HalfHours, TimeSpan.FromMinutes(30), Equity, AggregateBarUnit.Day, 1, BarSession.Rth));
        Assert.Equal((T("2026-07-13T22:00:00Z"), 104m, 110m, 103m, 108m, 20L), (bar.T, bar.O, bar.H, bar.L, bar.C, bar.V));
    }

    [Fact]
    public void Live_day_bars_close_at_the_trade_date_boundary_across_the_march_change()
    {
        var closed = new List<Bar>();
        using var aggregator = new BarAggregator("CON.F.US.MNQ.H26", [Timeframe.OneDay, Timeframe.OneHour],
            new BarAggregatorOptions { AutoAdvance = false, Calendar = Equity, CloseDelay = TimeSpan.Zero });
        aggregator.BarClosed += (_, e) => { if (e.Timeframe == Timeframe.OneDay) closed.Add(e.Bar); };
        aggregator.AddTrade(100m, 1, T("2026-03-06T20:00:00Z")); // Friday 14:00 CST
        aggregator.AddTrade(102m, 2, T("2026-03-06T21:59:00Z")); // Friday 15:59 CST
        aggregator.AddTrade(101m, 3, T("2026-03-08T22:30:00Z")); // Sunday 17:30 CDT: Monday 9 March
        var friday = Assert.Single(closed); // no empty weekend bars: the weekend is part of Friday's bar
        Assert.Equal(new Bar(T("2026-03-05T23:00:00Z"), 100m, 102m, 100m, 102m, 3), friday);
        Assert.Equal(T("2026-03-08T22:00:00Z"), aggregator[Timeframe.OneDay].Forming!.Value.Start);

        aggregator.AdvanceTo(T("2026-03-09T21:59:59Z")); // Monday 16:59:59 CDT: still Monday's bar
        Assert.Single(closed);
        aggregator.AdvanceTo(T("2026-03-09T22:00:00Z"));
        Assert.Equal(new Bar(T("2026-03-08T22:00:00Z"), 101m, 101m, 101m, 101m, 3), closed[1]);
        Assert.Equal(T("2026-03-09T22:00:00Z"), aggregator[Timeframe.OneDay].Forming!.Value.Start);
    }

    [Fact]
    public void Without_a_calendar_day_bars_stay_on_utc_days()
    {
        using var aggregator = new BarAggregator("CON.F.US.MNQ.H26", [Timeframe.OneDay], new BarAggregatorOptions { AutoAdvance = false });
        aggregator.AddTrade(100m, 1, T("2026-03-09T23:30:00Z"));
        Assert.Equal(T("2026-03-09T00:00:00Z"), aggregator[Timeframe.OneDay].Forming!.Value.Start);
    }
}
