using System.Globalization;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Tests.Sessions;

/// <summary>
/// Reference instants are written by hand from CME's published hours (17:00-16:00 CT, grains 19:00-07:45 and
/// 08:30-13:20 CT) and holiday tables (docs/trading-calendar.md), converted with CST = UTC-6, CDT = UTC-5.
/// </summary>
public sealed class TradingCalendarTests
{
    private static readonly TradingCalendar Equity = TradingCalendar.For(ProductGroup.EquityIndex);

    [Fact]
    public void A_normal_equity_day_runs_17_00_to_16_00_CT_with_RTH_08_30_to_15_15()
    {
        // Tuesday 2026-03-17, CDT.
        var day = Equity.GetTradingDay(new DateOnly(2026, 3, 17));
        Assert.Equal(Z("2026-03-16T22:00"), day.Start);
        Assert.Equal(Z("2026-03-17T21:00"), day.End);
        Assert.Equal(
            [
                new MarketSession(Z("2026-03-16T22:00"), Z("2026-03-17T13:30"), SessionKind.Extended),
                new MarketSession(Z("2026-03-17T13:30"), Z("2026-03-17T20:15"), SessionKind.Regular),
                new MarketSession(Z("2026-03-17T20:15"), Z("2026-03-17T21:00"), SessionKind.Extended),
            ],
            day.Sessions);
        Assert.Equal(new MarketSession(Z("2026-03-17T13:30"), Z("2026-03-17T20:15"), SessionKind.Regular), day.Regular);
        Assert.Null(day.Note);
    }

    [Theory]
    [InlineData("2026-03-17T13:29:59", SessionKind.Extended)] // 08:29:59 CDT
    [InlineData("2026-03-17T13:30:00", SessionKind.Regular)]  // 08:30 CDT
    [InlineData("2026-03-17T20:14:59", SessionKind.Regular)]  // 15:14:59 CDT
    [InlineData("2026-03-17T20:15:00", SessionKind.Extended)] // 15:15 CDT: no halt since 2021
    [InlineData("2026-03-17T20:59:59", SessionKind.Extended)]
    [InlineData("2026-03-17T21:00:00", SessionKind.Closed)]   // 16:00 CDT: the daily break
    [InlineData("2026-03-17T21:59:59", SessionKind.Closed)]
    [InlineData("2026-03-17T22:00:00", SessionKind.Extended)] // 17:00 CDT
    public void RTH_ETH_and_the_daily_break(string utc, SessionKind expected)
    {
        Assert.Equal(expected, Equity.SessionAt(Z(utc)));
        Assert.Equal(expected != SessionKind.Closed, Equity.IsOpen(Z(utc)));
    }

    [Fact]
    public void The_trading_day_turns_over_at_17_00_CT()
    {
        Assert.Equal(new DateOnly(2026, 3, 17), Equity.TradingDayOf(Z("2026-03-17T20:59:59"))); // 15:59:59 CDT
        Assert.Equal(new DateOnly(2026, 3, 17), Equity.TradingDayOf(Z("2026-03-17T21:30"))); // 16:30 CDT, in the break
        Assert.Equal(new DateOnly(2026, 3, 17), Equity.TradingDayOf(Z("2026-03-17T21:59:59"))); // 16:59:59 CDT
        Assert.Equal(new DateOnly(2026, 3, 18), Equity.TradingDayOf(Z("2026-03-17T22:00"))); // 17:00 CDT
        // The same instants written with a Chicago offset give the same answers.
        Assert.Equal(new DateOnly(2026, 3, 18), Equity.TradingDayOf(DateTimeOffset.Parse("2026-03-17T17:00:00-05:00", CultureInfo.InvariantCulture)));
        Assert.True(Equity.IsOpen(DateTimeOffset.Parse("2026-03-17T10:00:00-05:00", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NextOpen_and_NextClose_around_the_daily_break()
    {
        Assert.Equal(Z("2026-03-17T22:00"), Equity.NextOpen(Z("2026-03-17T21:30")));
        Assert.Equal(Z("2026-03-18T21:00"), Equity.NextClose(Z("2026-03-17T21:30")));
        // While open: the next open is after the coming break; the next close ends the current stretch.
        Assert.Equal(Z("2026-03-17T22:00"), Equity.NextOpen(Z("2026-03-17T15:00")));
        Assert.Equal(Z("2026-03-17T21:00"), Equity.NextClose(Z("2026-03-17T15:00")));
        // Exactly at an edge: open at 17:00 is "now"; the close at 16:00 has happened.
        Assert.Equal(Z("2026-03-17T22:00"), Equity.NextOpen(Z("2026-03-17T22:00")));
        Assert.Equal(Z("2026-03-18T21:00"), Equity.NextClose(Z("2026-03-17T21:00")));
        Assert.Equal(TimeSpan.Zero, Equity.NextOpen(Z("2026-03-17T21:30")).Offset);
    }

    [Fact]
    public void The_weekend_belongs_to_Friday_and_Sunday_evening_to_Monday()
    {
        Assert.Equal(Z("2026-03-20T21:00"), Equity.GetTradingDay(new DateOnly(2026, 3, 20)).End); // Friday 16:00 CDT
        var saturday = Z("2026-03-21T12:00");
        Assert.False(Equity.IsOpen(saturday));
        Assert.Equal(new DateOnly(2026, 3, 20), Equity.TradingDayOf(saturday));
        Assert.Equal(Z("2026-03-22T22:00"), Equity.NextOpen(saturday)); // Sunday 17:00 CDT
        Assert.Equal(Z("2026-03-23T21:00"), Equity.NextClose(saturday));
        var sunday18 = Z("2026-03-22T23:00"); // Sunday 18:00 CDT
        Assert.Equal(new DateOnly(2026, 3, 23), Equity.TradingDayOf(sunday18));
        Assert.Equal(SessionKind.Extended, Equity.SessionAt(sunday18));
        Assert.False(Equity.IsTradingDay(new DateOnly(2026, 3, 21)));
        Assert.False(Equity.IsTradingDay(new DateOnly(2026, 3, 22)));
    }

    [Fact]
    public void Spring_forward_moves_the_UTC_edges_and_keeps_a_23_hour_day()
    {
        // DST starts Sunday 2026-03-08 02:00 CST. Friday closes 16:00 CST = 22:00Z; Sunday opens 17:00 CDT = 22:00Z.
        var before = Equity.GetTradingDay(new DateOnly(2026, 3, 2));
        var friday = Equity.GetTradingDay(new DateOnly(2026, 3, 6));
        var after = Equity.GetTradingDay(new DateOnly(2026, 3, 9));
        Assert.Equal((Z("2026-03-01T23:00"), Z("2026-03-02T22:00")), (before.Start, before.End));
        Assert.Equal(Z("2026-03-06T22:00"), friday.End);
        Assert.Equal(new MarketSession(Z("2026-03-06T14:30"), Z("2026-03-06T21:15"), SessionKind.Regular), friday.Regular);
        Assert.Equal((Z("2026-03-08T22:00"), Z("2026-03-09T21:00")), (after.Start, after.End));
        Assert.Equal(new MarketSession(Z("2026-03-09T13:30"), Z("2026-03-09T20:15"), SessionKind.Regular), after.Regular);
        Assert.Equal(TimeSpan.FromHours(23), before.End - before.Start);
        Assert.Equal(TimeSpan.FromHours(23), after.End - after.Start);
        // The missing local hour (02:00-03:00) falls in the weekend: 07:59Z is 01:59 CST, 08:00Z is 03:00 CDT.
        Assert.Equal(new DateOnly(2026, 3, 6), Equity.TradingDayOf(Z("2026-03-08T07:59")));
        Assert.Equal(new DateOnly(2026, 3, 6), Equity.TradingDayOf(Z("2026-03-08T08:00")));
        AssertOneTurnover(Z("2026-03-06T22:00"), Z("2026-03-09T21:00"), Z("2026-03-08T22:00"), new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9));
    }

    [Fact]
    public void Fall_back_moves_the_UTC_edges_and_keeps_a_23_hour_day()
    {
        // DST ends Sunday 2026-11-01 02:00 CDT. Friday closes 16:00 CDT = 21:00Z; Sunday opens 17:00 CST = 23:00Z.
        var friday = Equity.GetTradingDay(new DateOnly(2026, 10, 30));
        var after = Equity.GetTradingDay(new DateOnly(2026, 11, 2));
        Assert.Equal(Z("2026-10-30T21:00"), friday.End);
        Assert.Equal((Z("2026-11-01T23:00"), Z("2026-11-02T22:00")), (after.Start, after.End));
        Assert.Equal(new MarketSession(Z("2026-11-02T14:30"), Z("2026-11-02T21:15"), SessionKind.Regular), after.Regular);
        Assert.Equal(TimeSpan.FromHours(23), after.End - after.Start);
        Assert.Equal(Z("2026-10-25T22:00"), Equity.GetTradingDay(new DateOnly(2026, 10, 26)).Start); // 17:00 CDT a week earlier
        // 01:30 happens twice locally (06:30Z CDT, 07:30Z CST); both are in Friday's closed weekend, once each.
        Assert.Equal(new DateOnly(2026, 10, 30), Equity.TradingDayOf(Z("2026-11-01T06:30")));
        Assert.Equal(new DateOnly(2026, 10, 30), Equity.TradingDayOf(Z("2026-11-01T07:30")));
        Assert.Equal(Z("2026-11-01T23:00"), Equity.NextOpen(Z("2026-11-01T07:30")));
        AssertOneTurnover(Z("2026-10-30T21:00"), Z("2026-11-02T22:00"), Z("2026-11-01T23:00"), new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 2));
    }

    [Fact]
    public void A_full_holiday_is_closed_all_day_and_NextOpen_skips_it()
    {
        // Good Friday 2025-04-18 (CDT): Thursday closes 16:00 CDT, Globex reopens Sunday 17:00 CDT.
        Assert.False(Equity.IsTradingDay(new DateOnly(2025, 4, 18)));
        Assert.Equal(Z("2025-04-17T21:00"), Equity.GetTradingDay(new DateOnly(2025, 4, 17)).End);
        Assert.False(Equity.IsOpen(Z("2025-04-18T15:00")));
        Assert.Equal(new DateOnly(2025, 4, 17), Equity.TradingDayOf(Z("2025-04-18T15:00")));
        Assert.Equal(Z("2025-04-20T22:00"), Equity.NextOpen(Z("2025-04-17T21:00")));
        Assert.All(Enum.GetValues<ProductGroup>(), g => Assert.False(TradingCalendar.For(g).IsOpen(Z("2025-04-18T15:00"))));

        // Christmas Day 2025 (Thursday, CST): Christmas Eve closes 12:15 CST; reopens Christmas Day 17:00 CST for the 26th.
        var eve = Equity.GetTradingDay(new DateOnly(2025, 12, 24));
        Assert.Equal(Z("2025-12-24T18:15"), eve.End);
        Assert.Equal(new MarketSession(Z("2025-12-24T14:30"), Z("2025-12-24T18:15"), SessionKind.Regular), eve.Regular);
        Assert.False(Equity.IsTradingDay(new DateOnly(2025, 12, 25)));
        Assert.False(Equity.IsOpen(Z("2025-12-25T18:00")));
        Assert.Equal(new DateOnly(2025, 12, 24), Equity.TradingDayOf(Z("2025-12-25T18:00")));
        Assert.Equal(Z("2025-12-25T23:00"), Equity.NextOpen(Z("2025-12-24T18:15")));
        Assert.Equal(new DateOnly(2025, 12, 26), Equity.TradingDayOf(Z("2025-12-25T23:00")));
    }

    [Fact]
    public void An_early_close_ends_the_day_and_clips_RTH()
    {
        // Day after Thanksgiving 2025-11-28 (CST): equity and rates 12:15 CT, energy, metals and FX 13:45 CT.
        var friday = Equity.GetTradingDay(new DateOnly(2025, 11, 28));
        Assert.Equal(Z("2025-11-28T18:15"), friday.End);
        Assert.Equal(new MarketSession(Z("2025-11-28T14:30"), Z("2025-11-28T18:15"), SessionKind.Regular), friday.Regular);
        Assert.Contains("early close 12:15 CT", friday.Note, StringComparison.Ordinal);
        Assert.True(Equity.IsOpen(Z("2025-11-28T18:14:59")));
        Assert.False(Equity.IsOpen(Z("2025-11-28T18:15")));
        Assert.Equal(Z("2025-11-30T23:00"), Equity.NextOpen(Z("2025-11-28T18:15")));
        Assert.Equal(Z("2025-11-28T18:15"), TradingCalendar.For(ProductGroup.InterestRates).GetTradingDay(new DateOnly(2025, 11, 28)).End);
        Assert.Equal(Z("2025-11-28T19:45"), TradingCalendar.For(ProductGroup.Energy).GetTradingDay(new DateOnly(2025, 11, 28)).End);
        Assert.Equal(Z("2025-11-28T19:45"), TradingCalendar.For(ProductGroup.Metals).GetTradingDay(new DateOnly(2025, 11, 28)).End);
        Assert.Equal(Z("2025-11-28T19:45"), TradingCalendar.For(ProductGroup.Fx).GetTradingDay(new DateOnly(2025, 11, 28)).End);
        // Grains: no Thanksgiving-night session, then 08:30-12:05 CT only.
        Assert.Equal(
            [new MarketSession(Z("2025-11-28T14:30"), Z("2025-11-28T18:05"), SessionKind.Regular)],
            TradingCalendar.For(ProductGroup.Agriculture).GetTradingDay(new DateOnly(2025, 11, 28)).Sessions);

        // Christmas Eve 2026 (Thursday, CST): equity 12:15, energy 12:45, grains 12:05 CT.
        Assert.Equal(Z("2026-12-24T18:15"), Equity.GetTradingDay(new DateOnly(2026, 12, 24)).End);
        Assert.Equal(Z("2026-12-24T18:45"), TradingCalendar.For(ProductGroup.Energy).GetTradingDay(new DateOnly(2026, 12, 24)).End);
        Assert.Equal(Z("2026-12-24T18:05"), TradingCalendar.For(ProductGroup.Agriculture).GetTradingDay(new DateOnly(2026, 12, 24)).End);
    }

    [Fact]
    public void A_holiday_session_counts_for_the_next_trade_date()
    {
        // Thanksgiving 2025-11-27 (CST): equity trades from Wednesday 17:00 to the 12:00 CT halt, for Friday's trade date.
        Assert.False(Equity.IsTradingDay(new DateOnly(2025, 11, 27)));
        Assert.Equal(new DateOnly(2025, 11, 28), Equity.TradingDayOf(Z("2025-11-27T15:00")));
        Assert.Equal(SessionKind.Extended, Equity.SessionAt(Z("2025-11-27T15:00"))); // no RTH on the holiday
        Assert.Equal(
            [
                new MarketSession(Z("2025-11-26T23:00"), Z("2025-11-27T18:00"), SessionKind.Extended),
                new MarketSession(Z("2025-11-27T23:00"), Z("2025-11-28T14:30"), SessionKind.Extended),
                new MarketSession(Z("2025-11-28T14:30"), Z("2025-11-28T18:15"), SessionKind.Regular),
            ],
            Equity.GetTradingDay(new DateOnly(2025, 11, 28)).Sessions);
        Assert.Equal(Z("2025-11-26T22:00"), Equity.GetTradingDay(new DateOnly(2025, 11, 26)).End);

        // Martin Luther King Jr. Day 2026-01-19 (CST): equity halts 12:00, energy 13:30, FX trades to 16:00; grains closed.
        var tuesday = Equity.GetTradingDay(new DateOnly(2026, 1, 20));
        Assert.Equal(Z("2026-01-18T23:00"), tuesday.Start);
        Assert.Equal(new MarketSession(Z("2026-01-18T23:00"), Z("2026-01-19T18:00"), SessionKind.Extended), tuesday.Sessions[0]);
        Assert.Equal(new MarketSession(Z("2026-01-19T23:00"), Z("2026-01-20T14:30"), SessionKind.Extended), tuesday.Sessions[1]);
        Assert.Contains("Martin Luther King Jr. Day", tuesday.Note, StringComparison.Ordinal);
        Assert.False(Equity.IsOpen(Z("2026-01-19T18:00")));
        Assert.Equal(Z("2026-01-19T23:00"), Equity.NextOpen(Z("2026-01-19T18:00")));
        var energy = TradingCalendar.For(ProductGroup.Energy);
        Assert.True(energy.IsOpen(Z("2026-01-19T19:29")));
        Assert.False(energy.IsOpen(Z("2026-01-19T19:30")));
        var fx = TradingCalendar.For(ProductGroup.Fx);
        Assert.True(fx.IsOpen(Z("2026-01-19T21:00")));
        Assert.Equal(new DateOnly(2026, 1, 20), fx.TradingDayOf(Z("2026-01-19T21:00")));
        Assert.False(fx.IsTradingDay(new DateOnly(2026, 1, 19)));
        var grains = TradingCalendar.For(ProductGroup.Agriculture);
        Assert.False(grains.IsOpen(Z("2026-01-19T01:30"))); // Sunday 19:30 CST: no Sunday-night session
        Assert.False(grains.IsOpen(Z("2026-01-19T16:00")));
        Assert.Equal(new DateOnly(2026, 1, 16), grains.TradingDayOf(Z("2026-01-19T16:00")));
        Assert.Equal(Z("2026-01-20T01:00"), grains.NextOpen(Z("2026-01-19T16:00"))); // Monday 19:00 CST

        // Independence Day 2025 fell on a Friday (CDT): Thursday's equity day closed 12:15 CT, the evening session ran
        // to Friday's 12:00 CT halt, and it counts for Monday 2025-07-07.
        Assert.Equal(Z("2025-07-03T17:15"), Equity.GetTradingDay(new DateOnly(2025, 7, 3)).End);
        Assert.Equal(Z("2025-07-03T22:00"), Equity.NextOpen(Z("2025-07-03T17:15")));
        Assert.True(Equity.IsOpen(Z("2025-07-04T16:59")));
        Assert.False(Equity.IsOpen(Z("2025-07-04T17:00")));
        Assert.Equal(new DateOnly(2025, 7, 7), Equity.TradingDayOf(Z("2025-07-04T15:00")));
        Assert.Equal(new DateOnly(2025, 7, 7), Equity.TradingDayOf(Z("2025-07-05T12:00"))); // Saturday after it
        Assert.Equal(Z("2025-07-03T22:00"), Equity.GetTradingDay(new DateOnly(2025, 7, 7)).Start);
    }

    [Fact]
    public void Good_Friday_2026_trades_a_morning_for_the_employment_report()
    {
        // 2026-04-03 (CDT): equity until 08:15 CT, rates and FX until 10:15 CT, for Monday's trade date; energy closed.
        Assert.True(Equity.IsOpen(Z("2026-04-03T13:14")));
        Assert.False(Equity.IsOpen(Z("2026-04-03T13:15")));
        Assert.Equal(new DateOnly(2026, 4, 6), Equity.TradingDayOf(Z("2026-04-03T13:00")));
        Assert.Equal(Z("2026-04-05T22:00"), Equity.NextOpen(Z("2026-04-03T13:15")));
        Assert.Equal(Z("2026-04-02T22:00"), Equity.GetTradingDay(new DateOnly(2026, 4, 6)).Start);
        var rates = TradingCalendar.For(ProductGroup.InterestRates);
        Assert.True(rates.IsOpen(Z("2026-04-03T15:14")));
        Assert.False(rates.IsOpen(Z("2026-04-03T15:15")));
        var energy = TradingCalendar.For(ProductGroup.Energy);
        Assert.False(energy.IsOpen(Z("2026-04-03T13:00")));
        Assert.False(energy.IsTradingDay(new DateOnly(2026, 4, 3)));
        Assert.Equal(new DateOnly(2026, 4, 2), energy.TradingDayOf(Z("2026-04-03T13:00")));
    }

    [Fact]
    public void Agriculture_has_an_evening_session_a_morning_break_and_a_day_session()
    {
        // Wednesday 2026-03-18 (CDT): 19:00 CT Tuesday to 07:45 CT, break, 08:30-13:20 CT.
        var grains = TradingCalendar.For(ProductGroup.Agriculture);
        var day = grains.GetTradingDay(new DateOnly(2026, 3, 18));
        Assert.Equal(
            [
                new MarketSession(Z("2026-03-18T00:00"), Z("2026-03-18T12:45"), SessionKind.Extended),
                new MarketSession(Z("2026-03-18T13:30"), Z("2026-03-18T18:20"), SessionKind.Regular),
            ],
            day.Sessions);
        Assert.False(grains.IsOpen(Z("2026-03-18T13:00"))); // 08:00 CT, the morning break
        Assert.Equal(Z("2026-03-18T13:30"), grains.NextOpen(Z("2026-03-18T13:00")));
        Assert.Equal(new DateOnly(2026, 3, 17), grains.TradingDayOf(Z("2026-03-17T23:30"))); // 18:30 CT Tuesday
        Assert.Equal(new DateOnly(2026, 3, 18), grains.TradingDayOf(Z("2026-03-18T00:00"))); // 19:00 CT Tuesday
    }

    // Monday 2026-03-16 (CDT) for each group: first open, final close, regular session (UTC).
    [Theory]
    [InlineData(ProductGroup.EquityIndex, "2026-03-15T22:00", "2026-03-16T21:00", "2026-03-16T13:30", "2026-03-16T20:15")]
    [InlineData(ProductGroup.InterestRates, "2026-03-15T22:00", "2026-03-16T21:00", "2026-03-16T12:20", "2026-03-16T19:00")]
    [InlineData(ProductGroup.Metals, "2026-03-15T22:00", "2026-03-16T21:00", "2026-03-16T12:20", "2026-03-16T17:30")]
    [InlineData(ProductGroup.Energy, "2026-03-15T22:00", "2026-03-16T21:00", "2026-03-16T13:00", "2026-03-16T18:30")]
    [InlineData(ProductGroup.Fx, "2026-03-15T22:00", "2026-03-16T21:00", "2026-03-16T12:20", "2026-03-16T19:00")]
    [InlineData(ProductGroup.Agriculture, "2026-03-16T00:00", "2026-03-16T18:20", "2026-03-16T13:30", "2026-03-16T18:20")]
    public void Every_group_has_its_own_week(ProductGroup group, string start, string end, string rthStart, string rthEnd)
    {
        var calendar = TradingCalendar.For(group);
        var monday = calendar.GetTradingDay(new DateOnly(2026, 3, 16));
        Assert.Equal(group, calendar.Group);
        Assert.Equal((Z(start), Z(end)), (monday.Start, monday.End));
        Assert.Equal(new MarketSession(Z(rthStart), Z(rthEnd), SessionKind.Regular), monday.Regular);
        Assert.Equal(new DateOnly(2026, 3, 16), calendar.TradingDayOf(Z("2026-03-16T12:00")));
        Assert.False(calendar.IsOpen(Z("2026-03-14T12:00"))); // Saturday
        Assert.Equal(new DateOnly(2027, 12, 31), calendar.CoveredThrough);
        Assert.Equal(new DateOnly(2025, 1, 1), calendar.CoveredFrom);
    }

    [Fact]
    public void The_national_day_of_mourning_2025_is_an_early_close()
    {
        // 2025-01-09 (CST): equity open until 08:30 CT (no RTH), rates and grains close 12:15 CT, energy normal.
        var equityDay = Equity.GetTradingDay(new DateOnly(2025, 1, 9));
        Assert.Equal(Z("2025-01-09T14:30"), equityDay.End);
        Assert.Null(equityDay.Regular);
        Assert.Equal(Z("2025-01-09T18:15"), TradingCalendar.For(ProductGroup.InterestRates).GetTradingDay(new DateOnly(2025, 1, 9)).End);
        Assert.Equal(Z("2025-01-09T18:15"), TradingCalendar.For(ProductGroup.Agriculture).GetTradingDay(new DateOnly(2025, 1, 9)).End);
        Assert.Equal(Z("2025-01-09T22:00"), TradingCalendar.For(ProductGroup.Energy).GetTradingDay(new DateOnly(2025, 1, 9)).End);
    }

    [Fact]
    public void A_year_of_equity_trade_dates_matches_the_published_count()
    {
        // 2026: 261 weekdays less the ten CME/NYSE holidays = 251. 2025: 261 less ten = 251 (CME kept 2025-01-09
        // as a short trade date; NYSE closed that day and counts 250).
        Assert.Equal(251, Equity.GetTradingDays(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).Count);
        Assert.Equal(251, Equity.GetTradingDays(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)).Count);
        var week = Equity.GetTradingDays(new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 22));
        Assert.Equal([16, 17, 18, 19, 20], week.Select(d => d.Date.Day));
    }

    [Fact]
    public void A_query_past_the_table_throws_the_typed_expiry()
    {
        // The last covered close: Friday 2027-12-31 16:00 CST.
        Assert.True(Equity.IsOpen(Z("2027-12-31T21:59")));
        Assert.Equal(Z("2027-12-31T22:00"), Equity.NextClose(Z("2027-12-31T21:00")));
        var expired = Assert.Throws<TradingCalendarExpiredException>(() => Equity.TradingDayOf(Z("2028-01-03T15:00")));
        Assert.Equal(new DateOnly(2027, 12, 31), expired.CoveredThrough);
        Assert.Equal(ProductGroup.EquityIndex, expired.Group);
        Assert.Contains("2027-12-31", expired.Message, StringComparison.Ordinal);
        Assert.Throws<TradingCalendarExpiredException>(() => Equity.IsOpen(Z("2027-12-31T22:00")));
        Assert.Throws<TradingCalendarExpiredException>(() => Equity.NextOpen(Z("2027-12-31T21:00")));
        Assert.Throws<TradingCalendarExpiredException>(() => Equity.GetTradingDay(new DateOnly(2028, 1, 3)));
        Assert.Throws<TradingCalendarExpiredException>(() => Equity.IsTradingDay(new DateOnly(2028, 1, 2)));
        Assert.Throws<TradingCalendarExpiredException>(() => TradingCalendar.For(ProductGroup.Agriculture).SessionAt(Z("2028-06-01T15:00")));

        var early = Assert.Throws<TradingCalendarNotCoveredException>(() => Equity.TradingDayOf(Z("2024-12-31T15:00")));
        Assert.IsNotType<TradingCalendarExpiredException>(early);
        Assert.Equal(new DateOnly(2025, 1, 1), early.CoveredFrom);
        Assert.Equal(new DateOnly(2025, 1, 2), Equity.TradingDayOf(Z("2025-01-01T23:00"))); // New Year's Day 17:00 CST
    }

    [Fact]
    public void Bad_date_arguments_are_validation_errors()
    {
        var holiday = Assert.Throws<ProjectXValidationException>(() => Equity.GetTradingDay(new DateOnly(2026, 1, 19)));
        Assert.Equal(ValidationReason.InvalidArgument, holiday.Reason);
        var reversed = Assert.Throws<ProjectXValidationException>(() => Equity.GetTradingDays(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 16)));
        Assert.Equal(ValidationReason.InvalidDateRange, reversed.Reason);
        Assert.Throws<ArgumentOutOfRangeException>(() => TradingCalendar.For((ProductGroup)99));
    }

    [Fact]
    public void The_time_zone_data_is_NodaTime_s_own()
    {
        Assert.StartsWith("TZDB: ", TradingCalendar.TimeZoneDataVersion, StringComparison.Ordinal);
        Assert.Equal("America/Chicago", TradingCalendar.TimeZoneId);
    }

    /// <summary>Minute by minute from <paramref name="from"/> to <paramref name="to"/>: one trade date before <paramref name="turnover"/>, the next from it.</summary>
    private static void AssertOneTurnover(DateTimeOffset from, DateTimeOffset to, DateTimeOffset turnover, DateOnly before, DateOnly after)
    {
        var minutes = 0;
        for (var t = from; t < to; t = t.AddMinutes(1), minutes++)
            Assert.Equal(t < turnover ? before : after, Equity.TradingDayOf(t));
        Assert.Equal((int)(to - from).TotalMinutes, minutes);
    }

    private static DateTimeOffset Z(string utc) =>
        DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
