namespace ProjectX.Simulation.Market.Paths;

/// <summary>
/// Volatility regimes of one price key: a weekly level (clustering), a daily wobble, half volatility at the
/// weekend (the simulator trades 24/7), and an hourly wobble inside the day.
/// </summary>
internal sealed class Regimes(ulong seed, ulong priceKey)
{
    /// <summary>Multiplier on the profile's daily volatility (about 1, from roughly 0.4 to 2.5).</summary>
    public double Day(long day)
    {
        long week = Math.DivRem(day - 4, 7, out long dayOfWeek) - (dayOfWeek < 0 ? 1 : 0); // day 4 = Monday 1970-01-05
        double level = Math.Exp((0.3 * Seeds.Gaussian(seed, priceKey, Stream.WeekRegime, week))
            + (0.2 * Seeds.Gaussian(seed, priceKey, Stream.DayRegime, day)));
        return IsWeekend(day) ? 0.5 * level : level;
    }

    /// <summary>Multiplier on one UTC hour's volatility.</summary>
    public double Hour(long day, int hour) => Math.Exp(0.25 * Seeds.Gaussian(seed, priceKey, Stream.HourRegime, (day * 24) + hour));

    public static bool IsWeekend(long day)
    {
        long dayOfWeek = ((day % 7) + 11) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
        return dayOfWeek is 0 or 6;
    }
}
