namespace ProjectX.Client.State;

/// <summary>
/// The merged quote of one contract: every GatewayQuote member as last sent (a sparse update leaves the others as
/// they were). Members never sent are null. <see cref="ReceivedAt"/> is when the latest update arrived.
/// </summary>
public readonly record struct Quote(
    string ContractId,
    string? SymbolId,
    decimal? BestBid,
    decimal? BestAsk,
    decimal? LastPrice,
    long? Volume,
    decimal? Open,
    decimal? High,
    decimal? Low,
    decimal? Change,
    decimal? ChangePercent,
    DateTimeOffset? Timestamp,
    DateTimeOffset? LastUpdated,
    DateTimeOffset ReceivedAt,
    long UpdateCount)
{
    /// <summary>Ask − bid, when both are known.</summary>
    public decimal? Spread => BestBid is { } b && BestAsk is { } a ? a - b : null;

    /// <summary>The middle of bid and ask, when both are known.</summary>
    public decimal? Mid => BestBid is { } b && BestAsk is { } a ? (a + b) / 2 : null;

    public override string ToString() =>
        $"{ContractId} bid {PriceText.Of(BestBid)} ask {PriceText.Of(BestAsk)} last {PriceText.Of(LastPrice)} vol {Volume?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
