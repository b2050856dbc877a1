namespace ProjectX.Simulation.Market.Paths;

internal static class Bridges
{
    /// <summary>
    /// A tick path of <c>variance.Length</c> points from <paramref name="open"/> (index 0) to <paramref name="close"/>
    /// (last index) whose highest point is exactly <paramref name="high"/> and lowest exactly <paramref name="low"/>.
    /// It starts as a Brownian bridge with step variances <paramref name="variance"/> (index k = the step into point k),
    /// then its excursion beyond [min(open, close), max(open, close)] is fitted to the wanted extremes: scaled down
    /// when it overshoots, or lifted/lowered by a straight-line drift through its extreme point when it falls short.
    /// Both keep the path's own wiggles, so it never sticks to a bound.
    /// </summary>
    public static long[] Build(long open, long close, long high, long low, double[] variance, ref Rng rng)
    {
        int last = variance.Length - 1;
        var path = new long[last + 1];
        path[0] = open;
        path[last] = close;
        if (high == low || last < 3)
        {
            Array.Fill(path, open, 1, last - 1);
            return path;
        }
        var x = FreeBridge(open, close, variance, ref rng);
        double top = Math.Max(open, close), bottom = Math.Min(open, close);

        int atHigh = ArgExtreme(x, max: true, exclude: -1);
        double peak = x[atHigh];
        if (peak > high)
        {
            double scale = (high - top) / (peak - top);
            for (int k = 1; k < last; k++)
            {
                x[k] = x[k] > top ? top + ((x[k] - top) * scale) : x[k];
            }
        }
        else
        {
            for (int k = 1; k < last; k++)
            {
                x[k] += (high - peak) * Tent(k, 0, atHigh, last);
            }
        }

        int atLow = ArgExtreme(x, max: false, exclude: atHigh);
        double trough = x[atLow];
        if (trough < low)
        {
            double scale = (bottom - low) / (bottom - trough);
            for (int k = 1; k < last; k++)
            {
                x[k] = x[k] < bottom ? bottom - ((bottom - x[k]) * scale) : x[k];
            }
        }
        else
        {
            // Lower only the side of the high that holds the low, so the high stays where it is.
            int end = atLow < atHigh ? 0 : last;
            for (int k = Math.Min(end, atHigh) + 1; k < Math.Max(end, atHigh); k++)
            {
                x[k] -= (trough - low) * Tent(k, atHigh, atLow, end);
            }
        }

        for (int k = 1; k < last; k++)
        {
            path[k] = Math.Clamp((long)Math.Round(x[k]), low, high);
        }
        path[atHigh] = high;
        path[atLow] = low;
        return path;
    }

    /// <summary>A Brownian bridge from open to close with the given step variances.</summary>
    private static double[] FreeBridge(long open, long close, double[] variance, ref Rng rng)
    {
        int last = variance.Length - 1;
        var x = new double[last + 1];
        var cumV = new double[last + 1];
        double w = 0, v = 0;
        for (int k = 1; k <= last; k++)
        {
            w += Math.Sqrt(variance[k]) * rng.NextGaussian();
            v += variance[k];
            x[k] = w;
            cumV[k] = v;
        }
        for (int k = 0; k <= last; k++)
        {
            double f = v > 0 ? cumV[k] / v : (double)k / last;
            x[k] = open + ((close - open) * f) + x[k] - (w * f);
        }
        x[0] = open;
        x[last] = close;
        return x;
    }

    /// <summary>0 at <paramref name="from"/> and <paramref name="to"/>, 1 at <paramref name="peak"/>, linear between.</summary>
    private static double Tent(int k, int from, int peak, int to)
    {
        if (k == peak)
        {
            return 1;
        }
        int edge = (k < peak) == (from < peak) ? from : to;
        return (double)(k - edge) / (peak - edge);
    }

    /// <summary>The interior index of the highest (or lowest) point, never <paramref name="exclude"/>.</summary>
    private static int ArgExtreme(double[] x, bool max, int exclude)
    {
        int best = exclude == 1 ? 2 : 1;
        for (int k = 1; k < x.Length - 1; k++)
        {
            if (k != exclude && (max ? x[k] > x[best] : x[k] < x[best]))
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>Splits <paramref name="total"/> into integer parts proportional to <paramref name="weights"/>, summing exactly.</summary>
    public static long[] Split(long total, double[] weights)
    {
        var parts = new long[weights.Length];
        double sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }
        double running = 0;
        long given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            long upTo = i == weights.Length - 1 ? total
                : sum > 0 ? Math.Min(total, (long)Math.Floor(total * (running / sum)))
                : 0;
            parts[i] = upTo - given;
            given = upTo;
        }
        return parts;
    }
}
