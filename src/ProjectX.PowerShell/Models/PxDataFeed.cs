namespace ProjectX.PowerShell.Models;

/// <summary>A live bar feed Start-PxDataFeed started (PSTypeName <c>ProjectX.DataFeed</c>).</summary>
public sealed class PxDataFeed
{
    public const string PSTypeName = "ProjectX.DataFeed";

    public string Symbol { get; init; } = "";
    public string Contract { get; init; } = "";
    public string ContractId { get; init; } = "";
    public string[] Timeframes { get; init; } = [];
    /// <summary>Closed bars held per timeframe, e.g. <c>5min=100</c>.</summary>
    public string[] ClosedBars { get; init; } = [];

    internal static PxDataFeed From(Internal.DataFeeds.Feed feed) => new()
    {
        Symbol = feed.Symbol,
        Contract = feed.Contract.Name,
        ContractId = feed.Contract.Id,
        Timeframes = [.. feed.Bars.Timeframes.Select(t => t.ToString())],
        ClosedBars = [.. feed.Bars.Timeframes.Select(t => $"{t}={feed.Bars[t].ClosedCount}")],
    };

    public override string ToString() => $"{Symbol} [{string.Join(", ", Timeframes)}]";
}
