namespace ProjectX.Client.Journal;

/// <summary>How <see cref="TradeStatistics"/> are grouped.</summary>
public enum StatisticsGrouping
{
    /// <summary>Every round trip together.</summary>
    All = 0,
    /// <summary>By CME trading day (the day a trade closed on).</summary>
    Day = 1,
    /// <summary>By root symbol (MNQ, ES, ...).</summary>
    Symbol = 2,
    /// <summary>By strategy label (<see cref="TradeTags.Label"/> of the entry order's tag); untagged trades under "(none)".</summary>
    Tag = 3,
}

/// <summary>
/// Performance of a set of round trips, on net PnL (after fees). A win is a trade with net PnL above zero, a loss below;
/// a scratch (exactly zero) counts as a trade but neither, and ends a streak. Money is decimal; ratios are double.
/// Sharpe and Sortino are on daily net PnL (summed per trading day that had a closed trade), annualised by √252 with a
/// zero risk-free rate and a zero target: Sharpe = mean ÷ sample standard deviation (n − 1) × √252; Sortino = mean ÷
/// downside deviation × √252, where downside deviation = √(Σ min(0, x)² ÷ n) over all n days (Sortino and Price's
/// convention: the days with a gain count as zero downside, and the divisor is every day). Both are null with fewer than
/// two days or when the deviation is zero. They are on PnL, not returns (the journal knows no account balance), which
/// is the same ratio as on returns of a constant balance.
/// </summary>
public sealed record TradeStatistics
{
    public const string NoTag = "(none)";

    public required StatisticsGrouping Grouping { get; init; }
    /// <summary>"All", the trading day (yyyy-MM-dd), the symbol or the tag label.</summary>
    public required string Key { get; init; }
    public required int Trades { get; init; }
    public required int Wins { get; init; }
    public required int Losses { get; init; }
    public double? WinRate { get; init; }
    /// <summary>The sum of winning trades' net PnL (≥ 0).</summary>
    public required decimal GrossProfit { get; init; }
    /// <summary>The sum of losing trades' net PnL (≤ 0).</summary>
    public required decimal GrossLoss { get; init; }
    public required decimal NetPnl { get; init; }
    public required decimal Fees { get; init; }
    /// <summary>GrossProfit ÷ |GrossLoss|; null when there is no loss.</summary>
    public double? ProfitFactor { get; init; }
    /// <summary>Net PnL per trade.</summary>
    public decimal? Expectancy { get; init; }
    public decimal? AverageWin { get; init; }
    /// <summary>Average losing trade (≤ 0).</summary>
    public decimal? AverageLoss { get; init; }
    public decimal? LargestWin { get; init; }
    /// <summary>The worst trade (≤ 0).</summary>
    public decimal? LargestLoss { get; init; }
    public required int LongestWinStreak { get; init; }
    public required int LongestLossStreak { get; init; }
    /// <summary>The largest fall of cumulative net PnL from a running peak (starting at 0), trade by trade in exit order (≥ 0).</summary>
    public required decimal MaxDrawdown { get; init; }
    /// <summary>Trading days with at least one closed trade.</summary>
    public required int Days { get; init; }
    public double? Sharpe { get; init; }
    public double? Sortino { get; init; }
    public DateOnly? FirstDay { get; init; }
    public DateOnly? LastDay { get; init; }
}
