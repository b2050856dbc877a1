namespace ProjectX.Simulation.Market.Paths;

/// <summary>
/// The price path of one root, generated top-down so any instant is cheap to answer:
/// <list type="number">
/// <item>day: open = previous close (from <see cref="DailyWalk"/>), high/low drawn around open/close, volume;</item>
/// <item>minutes of a day: a Brownian bridge from the day's open to its close, with step variances from the intraday
/// profile and hourly regimes, fitted so its extremes are exactly the day's high and low (<see cref="Bridges.Build"/>);
/// each minute gets its own high/low excursion inside the day's range; the day's volume is split over the minutes;</item>
/// <item>seconds of a minute: the same construction inside the minute's range and volume.</item>
/// </list>
/// Each level is a pure function of (seed, key, index) and of the level above, so seconds, minutes and days agree
/// exactly: a minute's high is the max of its seconds' highs, a day's volume the sum of its minutes', and so on.
/// A second opens at the previous second's close (the path is gapless), and trades at least
/// <see cref="MinSecondVolume"/> contracts, so its open and close are both real prints.
/// </summary>
internal sealed class RootPath
{
    public const int SecondsPerMinute = 60;
    public const long MinSecondVolume = 2;
    private const long MinMinuteVolume = MinSecondVolume * SecondsPerMinute;

    private readonly ulong _seed;
    private readonly ulong _priceKey;
    private readonly ulong _volumeKey;
    private readonly PathProfile _profile;
    private readonly DailyWalk _walk;
    private readonly Regimes _regimes;
    private readonly LruCache<long, MinuteDay> _days;
    private readonly LruCache<long, TickBar[]> _minutes;

    public RootPath(ulong seed, string root, PathProfile profile, DailyWalk walk, Regimes regimes, int cachedDays)
    {
        _seed = seed;
        _priceKey = Seeds.Of(profile.PriceKey);
        _volumeKey = Seeds.Of(root);
        _profile = profile;
        _walk = walk;
        _regimes = regimes;
        _days = new(Math.Max(2, cachedDays));
        _minutes = new(256);
    }

    /// <summary>The whole day (UTC, index = days since the Unix epoch), without generating its minutes.</summary>
    public TickBar Day(long day)
    {
        long open = _walk.Close(day - 1), close = _walk.Close(day);
        double sigma = DaySigma(day, open);
        var shape = Seeds.For(_seed, _priceKey, Stream.DayShape, day);
        long high = Math.Max(open, close) + (long)Math.Round(((Math.Abs(shape.NextGaussian()) * 0.5) + 0.1) * sigma);
        long low = Math.Max(1, Math.Min(open, close) - (long)Math.Round(((Math.Abs(shape.NextGaussian()) * 0.5) + 0.1) * sigma));
        var noise = Seeds.For(_seed, _volumeKey, Stream.DayVolume, day);
        double activity = Math.Pow(_regimes.Day(day) / (Regimes.IsWeekend(day) ? 0.5 : 1), 0.7) * Math.Exp(0.2 * noise.NextGaussian());
        long extra = (long)Math.Round(_profile.DailyVolume * activity * (Regimes.IsWeekend(day) ? 0.3 : 1));
        return new(open, high, low, close, (MinMinuteVolume * Intraday.MinutesPerDay) + extra);
    }

    /// <summary>One minute (index = minutes since the Unix epoch).</summary>
    public TickBar Minute(long minute)
    {
        long day = Math.DivRem(minute, Intraday.MinutesPerDay, out long ofDay);
        return MinutesOf(day).Bars[ofDay];
    }

    /// <summary>The 60 seconds of a minute (index = minutes since the Unix epoch), oldest first.</summary>
    public TickBar[] SecondsOf(long minute) => _minutes.GetOrAdd(minute, GenerateSeconds);

    /// <summary>OHLCV of the seconds in [<paramref name="from"/>, <paramref name="to"/>) (Unix seconds), using whole days and minutes where it can.</summary>
    public BarAccumulator Aggregate(long from, long to)
    {
        var acc = new BarAccumulator();
        for (long s = from; s < to;)
        {
            long day = s / DailyWalk.SecondsPerDay, dayStart = day * DailyWalk.SecondsPerDay, dayEnd = dayStart + DailyWalk.SecondsPerDay;
            if (s == dayStart && to >= dayEnd)
            {
                acc.Add(Day(day));
                s = dayEnd;
                continue;
            }
            MinuteDay? minutes = null;
            for (long stopInDay = Math.Min(to, dayEnd); s < stopInDay;)
            {
                long minute = s / SecondsPerMinute, minuteStart = minute * SecondsPerMinute;
                if (s == minuteStart && stopInDay >= minuteStart + SecondsPerMinute)
                {
                    minutes ??= MinutesOf(day);
                    acc.Add(minutes.Bars[minute - (day * Intraday.MinutesPerDay)]);
                    s += SecondsPerMinute;
                    continue;
                }
                var seconds = SecondsOf(minute);
                for (long stop = Math.Min(stopInDay, minuteStart + SecondsPerMinute); s < stop; s++)
                {
                    acc.Add(seconds[s - minuteStart]);
                }
            }
        }
        return acc;
    }

    /// <summary>
    /// The prints of one second (Unix seconds): 1 + |close − open| ticks plus up to two extra, capped by the volume,
    /// walking monotonically from open to close, each at least one contract.
    /// </summary>
    public (long Ticks, long Volume)[] Prints(long second)
    {
        var bar = SecondsOf(second / SecondsPerMinute)[second % SecondsPerMinute];
        var rng = Seeds.For(_seed, _volumeKey, Stream.Prints, second);
        long span = Math.Abs(bar.Close - bar.Open);
        int count = (int)Math.Min(bar.Volume, Math.Min(span + 1, 16) + rng.NextInt(3));
        var weights = new double[count];
        for (int i = 0; i < count; i++)
        {
            weights[i] = 0.2 + rng.NextDouble();
        }
        var extra = Bridges.Split(bar.Volume - count, weights);
        var prints = new (long Ticks, long Volume)[count];
        for (int i = 0; i < count; i++)
        {
            long ticks = count == 1 ? bar.Close : bar.Open + (long)Math.Round((bar.Close - bar.Open) * (double)i / (count - 1));
            prints[i] = (ticks, 1 + extra[i]);
        }
        return prints;
    }

    /// <summary>Standard deviation of the day's move, in ticks.</summary>
    private double DaySigma(long day, long open) => open * _profile.DailyVolatility * _regimes.Day(day);

    private MinuteDay MinutesOf(long day) => _days.GetOrAdd(day, GenerateMinutes);

    private MinuteDay GenerateMinutes(long day)
    {
        var bar = Day(day);
        const int n = Intraday.MinutesPerDay;
        // variance[k] belongs to the step into path[k]; path[0] is the day's open, path[k] the close of minute k-1.
        var variance = new double[n + 1];
        var hourly = new double[24];
        for (int h = 0; h < hourly.Length; h++)
        {
            hourly[h] = _regimes.Hour(day, h);
        }
        double total = 0;
        for (int m = 0; m < n; m++)
        {
            double v = Intraday.VolatilityAt(m) * hourly[m / 60];
            variance[m + 1] = v * v;
            total += v * v;
        }
        double sigma = DaySigma(day, bar.Open);
        double scale = total > 0 ? sigma * sigma / total : 0;
        for (int k = 1; k <= n; k++)
        {
            variance[k] *= scale;
        }

        var rng = Seeds.For(_seed, _priceKey, Stream.MinutePath, day);
        var path = Bridges.Build(bar.Open, bar.Close, bar.High, bar.Low, variance, ref rng);
        var bars = new TickBar[n];
        var moves = new double[n];
        for (int m = 0; m < n; m++)
        {
            long open = path[m], close = path[m + 1];
            double sd = Math.Sqrt(variance[m + 1]);
            long high = Math.Min(bar.High, Math.Max(open, close) + (long)Math.Round(((Math.Abs(rng.NextGaussian()) * 0.5) + 0.1) * sd));
            long low = Math.Max(bar.Low, Math.Min(open, close) - (long)Math.Round(((Math.Abs(rng.NextGaussian()) * 0.5) + 0.1) * sd));
            bars[m] = new(open, high, low, close, 0);
            moves[m] = (high - low) / (sd + 1);
        }

        // Volume follows the profile and the minute's own activity; the exact split keeps the day's total.
        var volumeRng = Seeds.For(_seed, _volumeKey, Stream.MinuteVolume, day);
        var weights = new double[n];
        for (int m = 0; m < n; m++)
        {
            weights[m] = Intraday.VolumeAt(m) * (0.5 + volumeRng.NextDouble()) * (1 + moves[m]);
        }
        var volumes = Bridges.Split(bar.Volume - (MinMinuteVolume * n), weights);
        for (int m = 0; m < n; m++)
        {
            bars[m] = bars[m] with { Volume = MinMinuteVolume + volumes[m] };
        }
        return new MinuteDay(bars, variance);
    }

    private TickBar[] GenerateSeconds(long minute)
    {
        long day = Math.DivRem(minute, Intraday.MinutesPerDay, out long ofDay);
        var minutes = MinutesOf(day);
        var bar = minutes.Bars[ofDay];
        const int n = SecondsPerMinute;
        var variance = new double[n + 1];
        Array.Fill(variance, minutes.Variance[ofDay + 1] / n);
        var rng = Seeds.For(_seed, _priceKey, Stream.SecondPath, minute);
        var path = Bridges.Build(bar.Open, bar.Close, bar.High, bar.Low, variance, ref rng);

        var volumeRng = Seeds.For(_seed, _volumeKey, Stream.SecondVolume, minute);
        var weights = new double[n];
        for (int s = 0; s < n; s++)
        {
            weights[s] = (0.5 + volumeRng.NextDouble()) * (1 + Math.Abs(path[s + 1] - path[s]));
        }
        var volumes = Bridges.Split(bar.Volume - MinMinuteVolume, weights);
        var seconds = new TickBar[n];
        for (int s = 0; s < n; s++)
        {
            long open = path[s], close = path[s + 1];
            seconds[s] = new(open, Math.Max(open, close), Math.Min(open, close), close, MinSecondVolume + volumes[s]);
        }
        return seconds;
    }

    /// <summary>A day's minute bars and the variance of each minute's step (index m+1 for minute m).</summary>
    private sealed record MinuteDay(TickBar[] Bars, double[] Variance);
}
