using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Market;

/// <summary>
/// UTC bar boundaries in Unix seconds. Seconds/minutes/hours count from UTC midnight (a size that does not divide
/// the day leaves a shorter last bar before midnight; sizes of a day or more count from the Unix epoch); days from
/// UTC midnight; weeks from Monday 00:00 UTC; months from the first of the month (n-month bars count from January
/// of year 1, so quarters start in Jan/Apr/Jul/Oct).
/// Deliberately not shared with the client's UtcBarCalendar: the simulator is the reference the client's live
/// bars are tested against, and a shared calendar would make that test agree with itself.
/// </summary>
internal static class BarCalendar
{
    private const long Day = 86_400;
    private const long MondayEpoch = 4 * Day; // 1970-01-05 was a Monday

    /// <summary>
    /// The largest unitNumber for a unit: a bar spans at most a year (366 days). Longer bars would count from before
    /// the simulated years, or from before DateTimeOffset can, and be stamped 1970 or 0001.
    /// </summary>
    public static int MaxUnitNumber(AggregateBarUnit unit) => unit switch
    {
        AggregateBarUnit.Second => 366 * (int)Day,
        AggregateBarUnit.Minute => 366 * 1440,
        AggregateBarUnit.Hour => 366 * 24,
        AggregateBarUnit.Day => 366,
        AggregateBarUnit.Week => 52,
        AggregateBarUnit.Month => 12,
        _ => 0,
    };

    public static long Floor(long second, AggregateBarUnit unit, int n) => unit switch
    {
        AggregateBarUnit.Second => Intraday(second, n),
        AggregateBarUnit.Minute => Intraday(second, n * 60L),
        AggregateBarUnit.Hour => Intraday(second, n * 3600L),
        AggregateBarUnit.Day => FloorTo(second, n * Day, 0),
        AggregateBarUnit.Week => FloorTo(second, n * 7 * Day, MondayEpoch),
        AggregateBarUnit.Month => MonthStart(second, n),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>The exclusive end of the bar that starts at <paramref name="start"/>.</summary>
    public static long End(long start, AggregateBarUnit unit, int n) => unit switch
    {
        AggregateBarUnit.Second => IntradayEnd(start, n),
        AggregateBarUnit.Minute => IntradayEnd(start, n * 60L),
        AggregateBarUnit.Hour => IntradayEnd(start, n * 3600L),
        AggregateBarUnit.Day => start + (n * Day),
        AggregateBarUnit.Week => start + (n * 7 * Day),
        AggregateBarUnit.Month => MonthEnd(start, n),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    private static long Intraday(long second, long size)
    {
        if (size >= Day)
        {
            return FloorTo(second, size, 0);
        }
        long dayStart = FloorTo(second, Day, 0);
        return dayStart + ((second - dayStart) / size * size);
    }

    private static long IntradayEnd(long start, long size) =>
        size >= Day ? start + size : Math.Min(start + size, FloorTo(start, Day, 0) + Day);

    private static long FloorTo(long value, long size, long offset)
    {
        long shifted = value - offset;
        long q = shifted / size;
        if (shifted % size < 0)
        {
            q--;
        }
        return (q * size) + offset;
    }

    private static long MonthStart(long second, int n)
    {
        var utc = DateTimeOffset.FromUnixTimeSeconds(second).UtcDateTime;
        long sinceYear1 = ((utc.Year - 1) * 12L) + utc.Month - 1;
        return FromMonthIndex((sinceYear1 / n * n) + 12);
    }

    private static long MonthEnd(long start, int n)
    {
        var utc = DateTimeOffset.FromUnixTimeSeconds(start).UtcDateTime;
        return FromMonthIndex((utc.Year * 12L) + utc.Month - 1 + n);
    }

    private static long FromMonthIndex(long index) =>
        index >= 10_000 * 12L
            ? long.MaxValue / 2 // beyond DateTime's range: further than any simulated second
            : new DateTimeOffset((int)(index / 12), (int)(index % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
}
