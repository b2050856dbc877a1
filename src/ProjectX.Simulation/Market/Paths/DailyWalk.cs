namespace ProjectX.Simulation.Market.Paths;

/// <summary>
/// Daily closes of one price key, for every day the simulator covers (2000–2099): a log random walk from the
/// reference price on <see cref="AnchorDay"/>, outward in both directions, with regime-scaled returns. The walk is
/// folded into [reference / 2.5, reference × 2.5] so a century stays plausible. 36,500 days cost ~1 ms once.
/// </summary>
internal sealed class DailyWalk
{
    public const long SecondsPerDay = 86_400;
    /// <summary>First simulated day: 2000-01-01 (days since the Unix epoch).</summary>
    public const long OriginDay = 10_957;
    /// <summary>First day after the simulation: 2100-01-01.</summary>
    public const long EndDay = 47_482;
    /// <summary>2026-11-01, where the walk sits at the reference price.</summary>
    public const long AnchorDay = 20_758;

    private static readonly double FoldLimit = Math.Log(2.5);
    private readonly long[] _closes; // index 0 is the day before OriginDay, the first day's open

    public DailyWalk(ulong seed, ulong priceKey, long referenceTicks, double dailyVolatility, Regimes regimes)
    {
        _closes = new long[EndDay - OriginDay + 1];
        double reference = Math.Log(referenceTicks);
        int anchor = (int)(AnchorDay - OriginDay + 1);
        double log = 0;
        for (int i = anchor; i < _closes.Length; i++)
        {
            if (i > anchor)
            {
                log += Return(i);
            }
            _closes[i] = ToTicks(log);
        }
        log = 0;
        for (int i = anchor - 1; i >= 0; i--)
        {
            log -= Return(i + 1); // the return of day i+1 led from close i to close i+1
            _closes[i] = ToTicks(log);
        }

        double Return(int index)
        {
            long day = index + OriginDay - 1;
            return dailyVolatility * regimes.Day(day) * Seeds.Gaussian(seed, priceKey, Stream.DailyReturn, day);
        }

        long ToTicks(double deviation) => Math.Max(1, (long)Math.Round(Math.Exp(reference + Fold(deviation, -FoldLimit, FoldLimit))));
    }

    /// <summary>Close of a day, in ticks (days outside the simulation are clamped to its edges).</summary>
    public long Close(long day) => _closes[Math.Clamp(day - OriginDay + 1, 0, _closes.Length - 1)];

    /// <summary>Reflects <paramref name="x"/> back into [lo, hi] as often as needed (a triangle wave).</summary>
    public static double Fold(double x, double lo, double hi)
    {
        double range = hi - lo;
        if (range <= 0)
        {
            return lo;
        }
        double y = (x - lo) % (2 * range);
        if (y < 0)
        {
            y += 2 * range;
        }
        return lo + (y > range ? (2 * range) - y : y);
    }
}
