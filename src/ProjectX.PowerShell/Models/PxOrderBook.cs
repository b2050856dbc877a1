using ProjectX.Client.State;

namespace ProjectX.PowerShell.Models;

/// <summary>A snapshot of a contract's Level-2 book (PSTypeName <c>ProjectX.OrderBook</c>).</summary>
public sealed class PxOrderBook
{
    public const string PSTypeName = "ProjectX.OrderBook";

    public string Symbol { get; init; } = "";
    public string ContractId { get; init; } = "";
    public decimal? BestBid { get; init; }
    public long? BestBidSize { get; init; }
    public decimal? BestAsk { get; init; }
    public long? BestAskSize { get; init; }
    public decimal? Spread { get; init; }
    /// <summary>(bid volume − ask volume) / (bid + ask) over the shown levels: +1 all bids, −1 all asks.</summary>
    public decimal Imbalance { get; init; }
    public PxBookLevel[] Bids { get; init; } = [];
    public PxBookLevel[] Asks { get; init; } = [];
    public DateTimeOffset Time { get; init; }
    /// <summary>The instrument's tick size (0 when unknown): the views show prices to its decimals.</summary>
    public decimal TickSize { get; init; }

    internal static PxOrderBook From(OrderBook book, string symbol, int levels, decimal tickSize)
    {
        var bid = book.BestBid;
        var ask = book.BestAsk;
        return new PxOrderBook
        {
            Symbol = symbol,
            ContractId = book.ContractId,
            BestBid = bid is { } b ? PxInstrument.Normalize(b.Price) : null,
            BestBidSize = bid?.Volume,
            BestAsk = ask is { } a ? PxInstrument.Normalize(a.Price) : null,
            BestAskSize = ask?.Volume,
            Spread = PxInstrument.Normalize(book.Spread),
            Imbalance = decimal.Round(book.Imbalance(levels), 4),
            Bids = [.. book.GetBids(levels).Select(l => new PxBookLevel(PxInstrument.Normalize(l.Price), l.Volume))],
            Asks = [.. book.GetAsks(levels).Select(l => new PxBookLevel(PxInstrument.Normalize(l.Price), l.Volume))],
            Time = book.LastUpdate.ToUniversalTime(),
            TickSize = PxInstrument.Normalize(tickSize),
        };
    }

    public override string ToString() => $"{(Symbol.Length > 0 ? Symbol : ContractId)} {BestBidSize} x {BestBid} / {BestAsk} x {BestAskSize}";
}

/// <summary>One price level of a book side.</summary>
public sealed record PxBookLevel(decimal Price, long Volume)
{
    public override string ToString() => $"{Volume} @ {Price}";
}
