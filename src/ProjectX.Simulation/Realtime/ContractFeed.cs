using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Realtime;

/// <summary>The market feed of one contract: its subscribers and what has been published so far. Guarded by the server's lock.</summary>
internal sealed class ContractFeed(ContractSpec spec)
{
    public ContractSpec Spec { get; } = spec;
    public ulong Key { get; } = Market.Paths.Seeds.Of(spec.ContractId);
    public List<RealtimeConnection> Quotes { get; } = [];
    public List<RealtimeConnection> Trades { get; } = [];
    public List<RealtimeConnection> Depth { get; } = [];
    /// <summary>Prints with a timestamp up to here have been published.</summary>
    public DateTimeOffset PrintsSentUntil { get; set; }
    public decimal? LastPrintPrice { get; set; }
    public TradeLogType LastAggressor { get; set; }
    /// <summary>The last full quote computed, to know when values last changed (lastUpdated).</summary>
    public GatewayQuoteModel? LastQuote { get; set; }
    public DepthBook? Book { get; set; }
    public long ChurnSequence { get; set; }

    public bool IsIdle => Quotes.Count == 0 && Trades.Count == 0 && Depth.Count == 0;

    public List<RealtimeConnection> Subscribers(MarketStream stream) => stream switch
    {
        MarketStream.Quotes => Quotes,
        MarketStream.Trades => Trades,
        _ => Depth,
    };
}

internal enum MarketStream { Quotes, Trades, Depth }
