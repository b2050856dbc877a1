namespace ProjectX.Simulation.Market.Paths;

/// <summary>SplitMix64: tiny, fast, and good enough for a price path. Seeded per (seed, key, stream, index).</summary>
internal struct Rng(ulong state)
{
    private ulong _state = state;

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        return Seeds.Mix(z);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => (int)((NextULong() >> 33) % (ulong)n);

    /// <summary>Standard normal (Box–Muller, one value per call: simpler than caching the pair).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

/// <summary>Independent random streams, so each level of the path can be generated without the others.</summary>
internal enum Stream : ulong
{
    DailyReturn = 1,
    DayShape = 2,
    DayVolume = 3,
    WeekRegime = 4,
    DayRegime = 5,
    HourRegime = 6,
    MinutePath = 7,
    MinuteVolume = 8,
    SecondPath = 9,
    SecondVolume = 10,
    Prints = 11,
}

internal static class Seeds
{
    /// <summary>The SplitMix64 finaliser: a strong 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static Rng For(ulong seed, ulong key, Stream stream, long index) =>
        new(Mix(seed ^ Mix(key ^ Mix((ulong)stream ^ Mix((ulong)index)))));

    public static double Gaussian(ulong seed, ulong key, Stream stream, long index) => For(seed, key, stream, index).NextGaussian();

    /// <summary>FNV-1a: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong Of(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
