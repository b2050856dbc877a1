using ProjectX.Client.Gateway;
using ProjectX.Client.Journal;

namespace ProjectX.Client.Tests.Journal;

/// <summary>
/// Statistics against a small table worked by hand. Net PnL per trade, in exit order (fees 0 so net = gross):
///   day 1 (Mon 7 Dec): +100 (MNQ, orb), −50 (MNQ, orb)   → day +50
///   day 2 (Tue 8 Dec): +30 (ES, fade), +30 (MNQ, orb)     → day +60
///   day 3 (Wed 9 Dec): −80 (ES, fade), 0 (MNQ, untagged)  → day −80
///   day 4 (Thu 10 Dec): +20 (MNQ, orb)                    → day +20
/// </summary>
public sealed class StatisticsTests
{
    private static readonly (int Day, decimal Net, string Symbol, string? Tag)[] Table =
    [
        (7, 100m, "MNQ", "orb"), (7, -50m, "MNQ", "orb"),
        (8, 30m, "ES", "fade"), (8, 30m, "MNQ", "orb"),
        (9, -80m, "ES", "fade"), (9, 0m, "MNQ", null),
        (10, 20m, "MNQ", "orb"),
    ];

    private static IReadOnlyList<RoundTrip> Trips() => [.. Table.Select((row, i) => Trip(i + 1, row.Day, row.Net, row.Symbol, row.Tag))];

    [Fact]
    public void Overall_statistics_match_the_hand_computed_values()
    {
        var all = Assert.Single(StatisticsCalculator.Compute(Trips()));

        Assert.Equal((7, 4, 2), (all.Trades, all.Wins, all.Losses)); // and one scratch
        Assert.Equal(4d / 7, all.WinRate);
        Assert.Equal((180m, -130m, 50m), (all.GrossProfit, all.GrossLoss, all.NetPnl));
        Assert.Equal(180d / 130, all.ProfitFactor!.Value, 12);
        Assert.Equal(50m / 7, all.Expectancy);
        Assert.Equal((45m, -65m, 100m, -80m), (all.AverageWin!.Value, all.AverageLoss!.Value, all.LargestWin!.Value, all.LargestLoss!.Value));
        // W L W W L S W: the longest run of wins is 2, of losses 1 (the scratch ends a run).
        Assert.Equal((2, 1), (all.LongestWinStreak, all.LongestLossStreak));
        // Equity 100, 50, 80, 110, 30, 30, 50: the peak 110 falls to 30.
        Assert.Equal(80m, all.MaxDrawdown);
        Assert.Equal((4, new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 10)), (all.Days, all.FirstDay!.Value, all.LastDay!.Value));
    }

    [Fact]
    public void Sharpe_and_Sortino_are_on_daily_PnL_annualised_by_root_252()
    {
        // Daily +50, +60, −80, +20: mean 12.5; sample SD √(12275 / 3) = 63.966; downside √(80² / 4) = 40.
        double[] daily = [50, 60, -80, 20];
        var mean = daily.Average();
        var sampleSd = Math.Sqrt(daily.Sum(x => (x - mean) * (x - mean)) / (daily.Length - 1));
        var downside = Math.Sqrt(daily.Sum(x => Math.Min(0, x) * Math.Min(0, x)) / daily.Length);

        var all = Assert.Single(StatisticsCalculator.Compute(Trips()));

        AssertClose(mean / sampleSd * Math.Sqrt(252), all.Sharpe!.Value);
        AssertClose(mean / downside * Math.Sqrt(252), all.Sortino!.Value);
        Assert.Equal(3.1021, all.Sharpe.Value, 4);   // 12.5 / 63.9661 × 15.8745
        Assert.Equal(4.9608, all.Sortino.Value, 4);  // 12.5 / 40 × 15.8745
    }

    [Fact]
    public void Grouping_by_day_symbol_and_tag()
    {
        var byDay = StatisticsCalculator.Compute(Trips(), StatisticsGrouping.Day);
        Assert.Equal(["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"], byDay.Select(s => s.Key));
        Assert.Equal([50m, 60m, -80m, 20m], byDay.Select(s => s.NetPnl));
        Assert.Equal(50m, byDay[0].MaxDrawdown); // +100 then −50
        Assert.Null(byDay[0].Sharpe);            // one day: no deviation to divide by

        var bySymbol = StatisticsCalculator.Compute(Trips(), StatisticsGrouping.Symbol);
        Assert.Equal([("ES", 2, -50m), ("MNQ", 5, 100m)], bySymbol.Select(s => (s.Key, s.Trades, s.NetPnl)));

        var byTag = StatisticsCalculator.Compute(Trips(), StatisticsGrouping.Tag);
        Assert.Equal([(TradeStatistics.NoTag, 1, 0m), ("fade", 2, -50m), ("orb", 4, 100m)], byTag.Select(s => (s.Key, s.Trades, s.NetPnl)));
        var fade = byTag[1];
        Assert.Equal((0.5d, 30d / 80), (fade.WinRate!.Value, fade.ProfitFactor!.Value));
    }

    [Fact]
    public void No_trades_no_losses_and_flat_days_leave_ratios_empty()
    {
        var none = Assert.Single(StatisticsCalculator.Compute([]));
        Assert.Equal((0, (double?)null, (decimal?)null, 0m), (none.Trades, none.WinRate, none.Expectancy, none.MaxDrawdown));

        var onlyWins = Assert.Single(StatisticsCalculator.Compute([Trip(1, 7, 10m, "MNQ", null), Trip(2, 8, 30m, "MNQ", null)]));
        Assert.Null(onlyWins.ProfitFactor);
        Assert.Null(onlyWins.Sortino);            // no losing day: no downside deviation
        Assert.NotNull(onlyWins.Sharpe);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"expected {expected}, got {actual}");

    private static RoundTrip Trip(long id, int day, decimal net, string symbol, string? tag)
    {
        var exit = new DateTimeOffset(2026, 12, day, 15, 0, 0, TimeSpan.Zero).AddMinutes(id);
        return new RoundTrip
        {
            Id = id, AccountId = 1001, ContractId = "CON.F.US." + symbol, Contract = symbol + "Z6", Symbol = symbol, Direction = PositionType.Long,
            Size = 1, MaxPosition = 1, EntryTime = exit.AddMinutes(-1), ExitTime = exit, EntryPrice = 100m, ExitPrice = 100m + net,
            GrossPnl = net, Fees = 0m, TradingDay = new DateOnly(2026, 12, day), Tag = tag, EntryOrderId = id, Fills = [],
        };
    }
}
