using ProjectX.Client.Gateway;
using ProjectX.Client.State;

namespace ProjectX.PowerShell.Models;

/// <summary>The merged live quote of one contract (PSTypeName <c>ProjectX.Quote</c>).</summary>
public sealed class PxQuote
{
    public const string PSTypeName = "ProjectX.Quote";

    public string Symbol { get; init; } = "";
    public string ContractId { get; init; } = "";
    public decimal? Bid { get; init; }
    public decimal? Ask { get; init; }
    public decimal? Last { get; init; }
    public decimal? Spread { get; init; }
    public long? Volume { get; init; }
    public decimal? Change { get; init; }
    public decimal? ChangePercent { get; init; }
    /// <summary>The exchange time of the latest update (else when it arrived).</summary>
    public DateTimeOffset Time { get; init; }
    /// <summary>The instrument's tick size (0 when unknown): the views show prices to its decimals.</summary>
    public decimal TickSize { get; init; }

    internal static PxQuote From(Quote quote, ContractModel? contract) => new()
    {
        Symbol = contract is null ? "" : PxInstrument.RootSymbol(contract.Name),
        ContractId = quote.ContractId,
        Bid = Norm(quote.BestBid),
        Ask = Norm(quote.BestAsk),
        Last = Norm(quote.LastPrice),
        Spread = Norm(quote.Spread),
        Volume = quote.Volume,
        Change = Norm(quote.Change),
        ChangePercent = Norm(quote.ChangePercent),
        Time = (quote.LastUpdated ?? quote.Timestamp ?? quote.ReceivedAt).ToUniversalTime(),
        TickSize = contract is null ? 0m : PxInstrument.Normalize(contract.TickSize),
    };

    private static decimal? Norm(decimal? value) => PxInstrument.Normalize(value);

    public override string ToString() => $"{(Symbol.Length > 0 ? Symbol : ContractId)} bid {Bid} ask {Ask} last {Last}";
}

/// <summary>One market print (a trade by anyone) in a contract (PSTypeName <c>ProjectX.MarketTrade</c>).</summary>
public sealed class PxMarketTrade
{
    public const string PSTypeName = "ProjectX.MarketTrade";

    public string Symbol { get; init; } = "";
    public string ContractId { get; init; } = "";
    public decimal Price { get; init; }
    public long Volume { get; init; }
    /// <summary>The aggressor: Buy (lifted the ask) or Sell (hit the bid).</summary>
    public PxSide Side { get; init; }
    public DateTimeOffset Time { get; init; }
    /// <summary>The instrument's tick size (0 when unknown): the views show prices to its decimals.</summary>
    public decimal TickSize { get; init; }

    internal static PxMarketTrade From(GatewayTradeModel print, string contractId, string symbol, decimal tickSize) => new()
    {
        TickSize = PxInstrument.Normalize(tickSize),
        Symbol = symbol,
        ContractId = contractId,
        Price = PxInstrument.Normalize(print.Price),
        Volume = print.Volume,
        Side = print.Type == TradeLogType.Sell ? PxSide.Sell : PxSide.Buy,
        Time = print.Timestamp.ToUniversalTime(),
    };

    public override string ToString() => $"{Side} {Volume} {(Symbol.Length > 0 ? Symbol : ContractId)} @ {Price}";
}
