namespace ProjectX.Simulation.Market.Paths;

/// <summary>
/// The shape of a UTC day (no daylight saving): quiet Asia, busier Europe, a spike at the US cash open
/// (13:30 UTC) that decays into a lunch lull and rises again into the 20:00 close (the U-shape), a quiet
/// hour after, then the evening reopen.
/// </summary>
internal static class Intraday
{
    public const int MinutesPerDay = 1440;

    private static readonly double[] Volatility = BuildVolatility();

    /// <summary>Relative volatility of a minute of the UTC day (about 1 in the US afternoon).</summary>
    public static double VolatilityAt(int minuteOfDay) => Volatility[minuteOfDay];

    /// <summary>Relative volume of a minute: volume concentrates even more than volatility.</summary>
    public static double VolumeAt(int minuteOfDay) => Math.Pow(Volatility[minuteOfDay], 1.5);

    private static double[] BuildVolatility()
    {
        var profile = new double[MinutesPerDay];
        for (int m = 0; m < MinutesPerDay; m++)
        {
            double h = m / 60.0;
            profile[m] = h switch
            {
                < 7 => 0.45,
                < 13.5 => 0.65 + (0.15 * Math.Exp(-(h - 7) / 0.5)),
                < 20 => 0.75 + (1.3 * Math.Exp(-(h - 13.5) / 0.6)) + (0.6 * Math.Exp(-(20 - h) / 0.5)),
                < 21 => 0.9,
                < 22 => 0.3,
                _ => 0.5,
            };
        }
        return profile;
    }
}
