using ProjectX.Client.Sessions;

namespace ProjectX.Client.Continuous;

/// <summary>
/// CME business days for the date rules of contract months (last trading day, first notice day, roll date).
/// A business day is a CME trade date of the product's group: a weekday that the holiday table does not close
/// or fold into the next trade date (a Globex halt such as Labor Day is not a business day; the shortened day
/// after Thanksgiving is). Outside the table's years (<see cref="TradingCalendar.CoveredFrom"/> to
/// <see cref="TradingCalendar.CoveredThrough"/>, today 2025–2027) the answer differs by direction. Before the table,
/// every weekday counts, so history back to 2000 still gets its rolls (a date next to a holiday can come out a
/// business day off CME's; docs/continuous-contracts.md, "Holidays"). After it, the table has expired: a date that
/// needs business days past it is a <see cref="TradingCalendarNotCoveredException"/>, loudly, as every other
/// calendar question past the table is, never a guess that could put a roll on a holiday.
/// </summary>
internal static class ExchangeBusinessDays
{
    public static bool IsBusinessDay(ProductGroup group, DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return false;
        var calendar = TradingCalendar.For(group);
        if (date > calendar.CoveredThrough)
            throw new TradingCalendarNotCoveredException(group, calendar.CoveredFrom, calendar.CoveredThrough,
                $"The CME holiday table ends {calendar.CoveredThrough:yyyy-MM-dd}; the business days of {group} contract months past it (needed for {date:yyyy-MM-dd}) are not known. Update the ProjectX module or library.");
        return date < calendar.CoveredFrom || calendar.IsTradingDay(date);
    }

    /// <summary>
    /// The business day <paramref name="count"/> business days after (or, negative, before) <paramref name="date"/>,
    /// not counting <paramref name="date"/> itself, which need not be a business day: "3 business days before the
    /// 25th" is <c>Add(25th, -3)</c> whatever day the 25th is.
    /// </summary>
    public static DateOnly Add(ProductGroup group, DateOnly date, int count)
    {
        var step = Math.Sign(count);
        for (var left = Math.Abs(count); left > 0;)
        {
            date = date.AddDays(step);
            if (IsBusinessDay(group, date))
                left--;
        }
        return date;
    }

    /// <summary>The last business day of a calendar month.</summary>
    public static DateOnly LastOfMonth(ProductGroup group, int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return IsBusinessDay(group, last) ? last : Add(group, last, -1);
    }
}
