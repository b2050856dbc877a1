using ProjectX.Client.Gateway;

namespace ProjectX.Client.Sessions;

/// <summary>
/// Bars on the CME trade date: the periods day, week and month bars cover, which bars a session keeps, and the
/// aggregation of intraday bars into trade-date bars. A day bar is one <see cref="TradingDay"/> from its first open
/// to the next trade date's first open (so the break, a weekend or a holiday stays in the day that last closed);
/// a week bar is the trade dates of one Monday-to-Sunday week; a month bar those of one calendar month. A bar is
/// stamped with its first open (<see cref="TradingDay.Start"/>, UTC), so <c>TradingDayOf(bar.T)</c> is its first trade date.
/// </summary>
/// <remarks>
/// The gateway's own day bars are not on the trade date (project-x-py #140 saw MNQ day bars open at 19:00 CT, one
/// UTC midnight, and miss a holiday session; the spec calls the alignment undocumented), so trade-date bars are
/// always built here, from intraday bars, never taken from a day bar.
/// </remarks>
public static class TradeDateBars
{
    // 2001-01-01 was a Monday: weeks count from Mondays.
    private static readonly int MondayDayNumber = new DateOnly(2001, 1, 1).DayNumber;

    /// <summary>True for the units built on trade dates: Day, Week and Month.</summary>
    public static bool IsTradeDateUnit(AggregateBarUnit unit) => unit is AggregateBarUnit.Day or AggregateBarUnit.Week or AggregateBarUnit.Month;

    /// <summary>
    /// The <c>[Start, End)</c> (UTC) of the <paramref name="count"/> × <paramref name="unit"/> trade-date bar that
    /// <paramref name="instant"/> falls in. n-day bars count trade dates from the first the calendar covers.
    /// </summary>
    /// <exception cref="TradingCalendarNotCoveredException">The instant is outside the holiday table's window.</exception>
    public static (DateTimeOffset Start, DateTimeOffset End) PeriodAt(TradingCalendar calendar, DateTimeOffset instant, AggregateBarUnit unit, int count)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!IsTradeDateUnit(unit))
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Trade-date bars are Day, Week or Month bars.");
        var date = calendar.TradingDayOf(instant);
        var days = calendar.GetTradingDays(calendar.CoveredFrom, calendar.CoveredThrough);
        var index = calendar.GetTradingDays(calendar.CoveredFrom, date).Count - 1;
        long Key(int i) => unit switch
        {
            AggregateBarUnit.Day => i / count,
            AggregateBarUnit.Week => FloorDiv(days[i].Date.DayNumber - MondayDayNumber, 7) / count,
            _ => ((((days[i].Date.Year - 1) * 12L) + days[i].Date.Month - 1) / count),
        };
        var key = Key(index);
        int first = index, last = index;
        while (first > 0 && Key(first - 1) == key)
            first--;
        while (last + 1 < days.Count && Key(last + 1) == key)
            last++;
        return (days[first].Start, last + 1 < days.Count ? days[last + 1].Start : days[last].End);
    }

    /// <summary>
    /// True when a bar spanning <c>[start, end)</c> belongs to <paramref name="session"/>: for ETH when any of it is
    /// open, for RTH when all of it lies in one regular session.
    /// </summary>
    public static bool IsInSession(TradingCalendar calendar, DateTimeOffset start, DateTimeOffset end, BarSession session)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (end <= start)
            end = start.AddTicks(1);
        if (session == BarSession.Rth)
            return calendar.SessionAt(start) == SessionKind.Regular && calendar.TradingDayAt(start).Regular is { } rth && end <= rth.End;
        return calendar.IsOpen(start) || calendar.NextOpen(start) < end;
    }

    /// <summary>
    /// Builds trade-date bars from intraday bars of length <paramref name="intradayLength"/> (any order): the bars of
    /// <paramref name="session"/> are summed per period (open of the first, high, low, close of the last, volume
    /// summed). Returns the bars oldest first, each stamped with its period's start.
    /// </summary>
    public static IReadOnlyList<AggregateBarModel> Aggregate(IEnumerable<AggregateBarModel> intraday, TimeSpan intradayLength, TradingCalendar calendar,
        AggregateBarUnit unit, int count, BarSession session)
    {
        ArgumentNullException.ThrowIfNull(intraday);
        ArgumentNullException.ThrowIfNull(calendar);
        var result = new List<AggregateBarModel>();
        bool open = false;
        DateTimeOffset start = default, end = default;
        decimal o = 0, h = 0, l = 0, c = 0;
        long v = 0;
        foreach (var bar in intraday.OrderBy(b => b.T))
        {
            if (!IsInSession(calendar, bar.T, bar.T + intradayLength, session))
                continue;
            if (open && bar.T >= start && bar.T < end)
            {
                h = Math.Max(h, bar.H);
                l = Math.Min(l, bar.L);
                c = bar.C;
                v += bar.V;
                continue;
            }
            if (open)
                result.Add(new AggregateBarModel { T = start, O = o, H = h, L = l, C = c, V = v });
            (start, end) = PeriodAt(calendar, bar.T, unit, count);
            (o, h, l, c, v, open) = (bar.O, bar.H, bar.L, bar.C, bar.V, true);
        }
        if (open)
            result.Add(new AggregateBarModel { T = start, O = o, H = h, L = l, C = c, V = v });
        return result;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;
}
