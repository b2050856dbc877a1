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

    internal static PxDataFeed From(ProjectX.Client.Live.LiveInstrument feed) => new()
    {
        Symbol = Internal.LiveProjection.SymbolOf(feed.Contract),
        Contract = feed.Contract.Name,
        ContractId = feed.ContractId,
        Timeframes = [.. feed.Timeframes.Select(t => t.ToString())],
        ClosedBars = feed.Bars is { } bars ? [.. bars.Timeframes.Select(t => $"{t}={bars[t].ClosedCount}")] : [],
    };

    public override string ToString() => $"{Symbol} [{string.Join(", ", Timeframes)}]";
}
