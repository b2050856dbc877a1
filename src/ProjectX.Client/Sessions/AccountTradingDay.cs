namespace ProjectX.Client.Sessions;

/// <summary>
/// The trading day an account's daily figures count on: "today" of the realized PnL, the day's fees and trades,
/// and the day a firm's daily limits reset. It is the CME Globex trade date of the equity-index schedule: it rolls
/// at 17:00 America/Chicago (DST-aware), the weekend and the daily break belong to the day that just closed, and a
/// holiday session counts for the next trade date, as CME clears it. Prop firms reset daily limits on this day.
/// </summary>
/// <remarks>
/// One account trades many products, so the account's day cannot be each product's own day; the equity-index
/// day is the one the firms publish (17:00 CT to 16:00 CT). Outside the holiday table's window every member throws
/// <see cref="TradingCalendarExpiredException"/> (or <see cref="TradingCalendarNotCoveredException"/>): a daily
/// figure on a guessed day is worse than none.
/// </remarks>
public static class AccountTradingDay
{
    /// <summary>The calendar the account's day follows.</summary>
    public static TradingCalendar Calendar => TradingCalendar.For(ProductGroup.EquityIndex);

    /// <summary>The trade date <paramref name="now"/> counts for.</summary>
    public static DateOnly Of(DateTimeOffset now) => Calendar.TradingDayOf(now);

    /// <summary>The start of the trading day <paramref name="now"/> counts for (its first open, UTC).</summary>
    public static DateTimeOffset StartAt(DateTimeOffset now) => Calendar.TradingDayAt(now).Start;
}
