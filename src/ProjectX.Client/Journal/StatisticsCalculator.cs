namespace ProjectX.Client.Journal;

/// <summary>Computes <see cref="TradeStatistics"/> (the conventions are on that type).</summary>
public static class StatisticsCalculator
{
    /// <summary>Trading days in a year, the usual annualisation for daily ratios.</summary>
    public const int TradingDaysPerYear = 252;

    private static readonly double Annualisation = Math.Sqrt(TradingDaysPerYear);

    /// <summary>The statistics of <paramref name="trips"/>, one row per group, groups in key order.</summary>
    public static IReadOnlyList<TradeStatistics> Compute(IEnumerable<RoundTrip> trips, StatisticsGrouping grouping = StatisticsGrouping.All)
    {
        ArgumentNullException.ThrowIfNull(trips);
        var ordered = trips.OrderBy(t => t.ExitTime).ThenBy(t => t.Id).ToList();
        if (grouping == StatisticsGrouping.All)
            return [Of(ordered, grouping, "All")];
        return ordered.GroupBy(t => KeyOf(t, grouping), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Of(g.ToList(), grouping, g.Key))
            .ToList();
    }

    private static string KeyOf(RoundTrip trip, StatisticsGrouping grouping) => grouping switch
    {
        StatisticsGrouping.Day => trip.TradingDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        StatisticsGrouping.Symbol => trip.Symbol,
        StatisticsGrouping.Tag => trip.Tag ?? TradeStatistics.NoTag,
        _ => "All",
    };

    /// <summary>One group's statistics; <paramref name="trips"/> must be in exit order.</summary>
    private static TradeStatistics Of(IReadOnlyList<RoundTrip> trips, StatisticsGrouping grouping, string key)
    {
        int wins = 0, losses = 0, winStreak = 0, lossStreak = 0, longestWin = 0, longestLoss = 0;
        decimal profit = 0, loss = 0, fees = 0, equity = 0, peak = 0, drawdown = 0;
        decimal? largestWin = null, largestLoss = null;
        foreach (var trip in trips)
        {
            var net = trip.NetPnl;
            fees += trip.Fees;
            if (net > 0)
            {
                wins++; profit += net; winStreak++; lossStreak = 0;
                largestWin = largestWin is { } w && w >= net ? w : net;
            }
            else if (net < 0)
            {
                losses++; loss += net; lossStreak++; winStreak = 0;
                largestLoss = largestLoss is { } l && l <= net ? l : net;
            }
            else
            {
                winStreak = 0; lossStreak = 0;
            }
            longestWin = Math.Max(longestWin, winStreak);
            longestLoss = Math.Max(longestLoss, lossStreak);
            equity += net;
            peak = Math.Max(peak, equity);
            drawdown = Math.Max(drawdown, peak - equity);
        }

        var daily = trips.GroupBy(t => t.TradingDay).OrderBy(g => g.Key).Select(g => (double)g.Sum(t => t.NetPnl)).ToArray();
        var count = trips.Count;
        return new TradeStatistics
        {
            Grouping = grouping,
            Key = key,
            Trades = count,
            Wins = wins,
            Losses = losses,
            WinRate = count > 0 ? (double)wins / count : null,
            GrossProfit = profit,
            GrossLoss = loss,
            NetPnl = profit + loss,
            Fees = fees,
            ProfitFactor = loss < 0 ? (double)(profit / -loss) : null,
            Expectancy = count > 0 ? (profit + loss) / count : null,
            AverageWin = wins > 0 ? profit / wins : null,
            AverageLoss = losses > 0 ? loss / losses : null,
            LargestWin = largestWin,
            LargestLoss = largestLoss,
            LongestWinStreak = longestWin,
            LongestLossStreak = longestLoss,
            MaxDrawdown = drawdown,
            Days = daily.Length,
            Sharpe = Sharpe(daily),
            Sortino = Sortino(daily),
            FirstDay = count > 0 ? trips.Min(t => t.TradingDay) : null,
            LastDay = count > 0 ? trips.Max(t => t.TradingDay) : null,
        };
    }

    /// <summary>mean ÷ sample standard deviation × √252; null below two days or with no variation.</summary>
    public static double? Sharpe(IReadOnlyList<double> daily)
    {
        ArgumentNullException.ThrowIfNull(daily);
        if (daily.Count < 2) return null;
        var mean = Mean(daily);
        var sumSquares = 0d;
        foreach (var x in daily) sumSquares += (x - mean) * (x - mean);
        var deviation = Math.Sqrt(sumSquares / (daily.Count - 1));
        return deviation > 0 ? mean / deviation * Annualisation : null;
    }

    /// <summary>mean ÷ √(Σ min(0, x)² ÷ n) × √252; null below two days or with no losing day.</summary>
    public static double? Sortino(IReadOnlyList<double> daily)
    {
        ArgumentNullException.ThrowIfNull(daily);
        if (daily.Count < 2) return null;
        var downside = 0d;
        foreach (var x in daily)
            if (x < 0) downside += x * x;
        var deviation = Math.Sqrt(downside / daily.Count);
        return deviation > 0 ? Mean(daily) / deviation * Annualisation : null;
    }

    private static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0d;
        foreach (var x in values) sum += x;
        return sum / values.Count;
    }
}
