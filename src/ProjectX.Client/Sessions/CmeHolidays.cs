using NodaTime;

namespace ProjectX.Client.Sessions;

/// <summary>How one product group trades on one holiday-table date.</summary>
internal enum DayRuleKind
{
    /// <summary>The weekly schedule applies.</summary>
    Normal,
    /// <summary>No trading at all; the date is not a trade date.</summary>
    Closed,
    /// <summary>
    /// Not a trade date, but Globex trades the session that would have been the date's until <c>ClosesAt</c>
    /// (a 12:00 CT halt on Labor Day). CME assigns that session to the next trade date.
    /// </summary>
    Halt,
    /// <summary>A trade date of its own with a later first open and/or an earlier final close.</summary>
    Shortened,
}

/// <summary>One cell of the holiday table: what a group does on a date.</summary>
internal readonly record struct DayRule(DayRuleKind Kind, LocalTime? OpensAt = null, LocalTime? ClosesAt = null);

/// <summary>One holiday-table row: a date, its name, and what each group does.</summary>
internal sealed record HolidayRow(LocalDate Date, string Name, DayRule Equity, DayRule Rates, DayRule EnergyAndMetals, DayRule Fx, DayRule Agriculture)
{
    public DayRule For(ProductGroup group) => group switch
    {
        ProductGroup.EquityIndex => Equity,
        ProductGroup.InterestRates => Rates,
        ProductGroup.Metals or ProductGroup.Energy => EnergyAndMetals,
        ProductGroup.Fx => Fx,
        ProductGroup.Agriculture => Agriculture,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };
}

/// <summary>
/// CME Globex holidays and early closes, 2025-2027, in America/Chicago time, stated on CME's trade dates.
/// </summary>
/// <remarks>
/// Sources, all read 2026-12-04 (cmegroup.com itself is not reachable from this workplace, so CME's schedule
/// is read through transcriptions; see docs/trading-calendar.md for the full list and the open questions):
/// <list type="bullet">
/// <item>CME Group trading-hours service (https://www.cmegroup.com/trading-hours.html, the page CME moved its holiday
/// calendars to in 2023) as transcribed per product family, with CME's own capture ids, in the MIT-0 tables of
/// github.com/SharurTrading/exchange-hours-rs: src/calendar/schedules/holidays/globex_equity_index.rs and
/// globex_fx.rs, globex_grains.rs (commit c7f3eb7e), globex_interest_rates.rs (f30627f0), globex_energy.rs
/// (ff7c0c0f; energy and metals are one CME row).</item>
/// <item>CME Group press release, 2024-12-30, National Day of Mourning for President Carter (2025-01-09), via
/// https://mondovisione.com/media-and-resources/news/cme-group-announces-trading-hours-for-us-national-day-of-mourning-to-honor-for/
/// and https://stocktitan.net/news/CME/cme-group-announces-trading-hours-for-u-s-national-day-of-mourning-m5kw34fg9jbu.html.</item>
/// <item>Corroborating the per-group pattern (equity/rates 12:00 CT halt, energy/metals 13:30 CT, FX trading to
/// 16:00 CT for the next trade date, grains closed and reopening 19:00 CT): EdgeClear's 2026 CME holiday hours,
/// https://edgeclear.com/exchange-holiday-hours/ (MLK 2026); ForexLive, 2025-01-19,
/// https://www.forexlive.com/news/reminder-us-markets-are-closed-on-monday-january-20-2025-20250119/ (MLK 2025).</item>
/// </list>
/// Trade-date assignment: a holiday on which Globex trades (a <see cref="DayRuleKind.Halt"/>) has no trade date;
/// its session counts for the next one, as CME prints ("Open @ 17:00 CT ... Trade Day: Tuesday, January 20").
/// Covered: trade dates <see cref="CoveredFrom"/> to <see cref="CoveredThrough"/>; a date in that window with no
/// row follows the weekly schedule.
/// </remarks>
internal static class CmeHolidays
{
    /// <summary>The first trade date the table covers.</summary>
    public static readonly LocalDate CoveredFrom = new(2025, 1, 1);

    /// <summary>The last trade date the table covers. CME publishes a year at a time; extend before this passes.</summary>
    public static readonly LocalDate CoveredThrough = new(2027, 12, 31);

    private static readonly DayRule Normal = new(DayRuleKind.Normal);
    private static readonly DayRule Closed = new(DayRuleKind.Closed);

    private static DayRule Halt(int hour, int minute) => new(DayRuleKind.Halt, ClosesAt: new LocalTime(hour, minute));

    private static DayRule Early(int hour, int minute) => new(DayRuleKind.Shortened, ClosesAt: new LocalTime(hour, minute));

    private static DayRule Late(int hour, int minute) => new(DayRuleKind.Shortened, OpensAt: new LocalTime(hour, minute));

    private static DayRule LateAndEarly(int openHour, int openMinute, int closeHour, int closeMinute) =>
        new(DayRuleKind.Shortened, new LocalTime(openHour, openMinute), new LocalTime(closeHour, closeMinute));

    // CME's usual pattern for a Monday or Thursday holiday: equity and rates halt 12:00 CT, energy and metals 13:30,
    // FX trades its whole session; all of it counts for the next trade date. Grains are closed and reopen 19:00 CT.
    private static HolidayRow StandardHoliday(int year, int month, int day, string name) =>
        new(new LocalDate(year, month, day), name, Halt(12, 0), Halt(12, 0), Halt(13, 30), Halt(16, 0), Closed);

    private static HolidayRow AllClosed(int year, int month, int day, string name) =>
        new(new LocalDate(year, month, day), name, Closed, Closed, Closed, Closed, Closed);

    // A Friday holiday: every group but grains halts 12:00 CT (nothing reopens until Sunday); grains closed.
    private static HolidayRow FridayHoliday(int year, int month, int day, string name) =>
        new(new LocalDate(year, month, day), name, Halt(12, 0), Halt(12, 0), Halt(12, 0), Halt(12, 0), Closed);

    // Grains lose the overnight leg after a mid-week closure and open with the 08:30 CT day session.
    private static HolidayRow GrainsLateOpen(int year, int month, int day, string name) =>
        new(new LocalDate(year, month, day), name, Normal, Normal, Normal, Normal, Late(8, 30));

    private static HolidayRow DayAfterThanksgiving(int year, int month, int day) =>
        new(new LocalDate(year, month, day), "Day after Thanksgiving", Early(12, 15), Early(12, 15), Early(13, 45), Early(13, 45), LateAndEarly(8, 30, 12, 5));

    private static HolidayRow ChristmasEve(int year, int month, int day) =>
        new(new LocalDate(year, month, day), "Christmas Eve", Early(12, 15), Early(12, 15), Early(12, 45), Early(12, 45), Early(12, 5));

    /// <summary>The rows, in date order.</summary>
    public static IReadOnlyList<HolidayRow> Rows { get; } =
    [
        // 2025
        AllClosed(2025, 1, 1, "New Year's Day"),
        GrainsLateOpen(2025, 1, 2, "Day after New Year's Day"),
        // CME release 2024-12-30: equity open until 08:30 CT, rates and agriculture close 12:15 CT, the rest normal.
        new(new LocalDate(2025, 1, 9), "National Day of Mourning", Early(8, 30), Early(12, 15), Normal, Normal, Early(12, 15)),
        StandardHoliday(2025, 1, 20, "Martin Luther King Jr. Day"),
        StandardHoliday(2025, 2, 17, "Presidents' Day"),
        AllClosed(2025, 4, 18, "Good Friday"),
        StandardHoliday(2025, 5, 26, "Memorial Day"),
        StandardHoliday(2025, 6, 19, "Juneteenth"),
        new(new LocalDate(2025, 7, 3), "Independence Day eve", Early(12, 15), Normal, Normal, Normal, Normal),
        FridayHoliday(2025, 7, 4, "Independence Day"),
        StandardHoliday(2025, 9, 1, "Labor Day"),
        StandardHoliday(2025, 11, 27, "Thanksgiving Day"),
        DayAfterThanksgiving(2025, 11, 28),
        ChristmasEve(2025, 12, 24),
        AllClosed(2025, 12, 25, "Christmas Day"),
        GrainsLateOpen(2025, 12, 26, "Day after Christmas"),

        // 2026
        AllClosed(2026, 1, 1, "New Year's Day"),
        GrainsLateOpen(2026, 1, 2, "Day after New Year's Day"),
        StandardHoliday(2026, 1, 19, "Martin Luther King Jr. Day"),
        StandardHoliday(2026, 2, 16, "Presidents' Day"),
        // Good Friday with the March employment report: equity trades until 08:15 CT, rates and FX until 10:15 CT,
        // all for Monday's trade date; energy, metals and grains closed.
        new(new LocalDate(2026, 4, 3), "Good Friday", Halt(8, 15), Halt(10, 15), Closed, Halt(10, 15), Closed),
        StandardHoliday(2026, 5, 25, "Memorial Day"),
        FridayHoliday(2026, 6, 19, "Juneteenth"),
        FridayHoliday(2026, 7, 3, "Independence Day (observed)"),
        StandardHoliday(2026, 9, 7, "Labor Day"),
        StandardHoliday(2026, 11, 26, "Thanksgiving Day"),
        DayAfterThanksgiving(2026, 11, 27),
        ChristmasEve(2026, 12, 24),
        AllClosed(2026, 12, 25, "Christmas Day"),

        // 2027 (published ahead by CME; finalised about two weeks before each holiday, so recheck each year).
        AllClosed(2027, 1, 1, "New Year's Day"),
        StandardHoliday(2027, 1, 18, "Martin Luther King Jr. Day"),
        StandardHoliday(2027, 2, 15, "Presidents' Day"),
        AllClosed(2027, 3, 26, "Good Friday"),
        StandardHoliday(2027, 5, 31, "Memorial Day"),
        FridayHoliday(2027, 6, 18, "Juneteenth (observed)"),
        // The source has rates halting 13:30 CT (not the usual 12:00) on this date; kept as published, flagged uncertain.
        new(new LocalDate(2027, 7, 5), "Independence Day (observed)", Halt(12, 0), Halt(13, 30), Halt(13, 30), Halt(16, 0), Closed),
        GrainsLateOpen(2027, 7, 6, "Day after Independence Day"),
        StandardHoliday(2027, 9, 6, "Labor Day"),
        StandardHoliday(2027, 11, 25, "Thanksgiving Day"),
        DayAfterThanksgiving(2027, 11, 26),
        AllClosed(2027, 12, 24, "Christmas Day (observed)"),
        // 2027-12-31: a normal day (New Year's Day 2028 is a Saturday and is not observed on the Friday).
    ];
}
