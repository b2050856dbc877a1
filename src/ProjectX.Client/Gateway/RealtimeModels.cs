namespace ProjectX.Client.Gateway;

// Market-hub payloads (spec §8.3). User-hub payloads are the REST models (OrderModel, PositionModel,
// HalfTradeModel, TradingAccountModel), sent bare or wrapped as {action, data}.

/// <summary>
/// GatewayQuote data. Updates are sparse: a member the gateway did not send is null and keeps its
/// previous value in a merged quote. <see cref="Symbol"/> is the symbol id (<c>F.US.EP</c>), not the contract id.
/// </summary>
public sealed class GatewayQuoteModel
{
    public string? Symbol { get; init; }
    /// <summary>e.g. <c>/ES</c>; documented as currently unused.</summary>
    public string? SymbolName { get; init; }
    public decimal? LastPrice { get; init; }
    public decimal? BestBid { get; init; }
    public decimal? BestAsk { get; init; }
    public decimal? Change { get; init; }
    public decimal? ChangePercent { get; init; }
    public decimal? Open { get; init; }
    public decimal? High { get; init; }
    public decimal? Low { get; init; }
    /// <summary>Total traded volume of the session (cumulative).</summary>
    public long? Volume { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>One row of a GatewayTrade array: a market trade print.</summary>
public sealed class GatewayTradeModel
{
    public string? SymbolId { get; init; }
    public decimal Price { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>Aggressor side.</summary>
    public TradeLogType Type { get; init; }
    public long Volume { get; init; }
}

/// <summary>One row of a GatewayDepth array (DomType rules: Reset clears the book, volume 0 removes a level).</summary>
public sealed class GatewayDepthModel
{
    public DateTimeOffset Timestamp { get; init; }
    public DomType Type { get; init; }
    public decimal Price { get; init; }
    /// <summary>"Total volume at this price level".</summary>
    public long Volume { get; init; }
    /// <summary>"Current volume at this price level".</summary>
    public long CurrentVolume { get; init; }
}

/// <summary>The <c>{action, data}</c> wrapper some user-hub deployments send around each model.</summary>
public sealed class GatewayUserEnvelope<T> where T : class
{
    public int Action { get; init; }
    public T? Data { get; init; }
}
