using ProjectX.Client.Sessions;

namespace ProjectX.Client.Continuous;

/// <summary>
/// CME business days for the date rules of contract months (last trading day, first notice day, roll date).
/// A business day is a CME trade date of the product's group: a weekday that the holiday table does not close
/// or fold into the next trade date (a Globex halt such as Labor Day is not a business day; the shortened day
/// after Thanksgiving is). Outside the table's years (<see cref="TradingCalendar.CoveredFrom"/> to
/// <see cref="TradingCalendar.CoveredThrough"/>, today 2025–2027) every weekday counts: history from 2000 and
/// series into 2028 still get a rule, and a date next to a holiday in those years can come out one business day
/// later than CME's (docs/continuous-contracts.md, "Holidays").
/// </summary>
internal static class ExchangeBusinessDays
{
    public static bool IsBusinessDay(ProductGroup group, DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return false;
        var calendar = TradingCalendar.For(group);
        return date < calendar.CoveredFrom || date > calendar.CoveredThrough || calendar.IsTradingDay(date);
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
