using ProjectX.Client.Gateway;
using ProjectX.Client.State;

namespace ProjectX.Client.Live;

/// <summary>What <see cref="LiveAccount.WatchAsync"/> follows for a symbol. Watching again widens what is followed; it never narrows it.</summary>
public sealed class WatchOptions
{
    /// <summary>GatewayQuote: merged quotes, and the prices positions are marked to. Default true.</summary>
    public bool Quotes { get; set; } = true;

    /// <summary>GatewayTrade: market prints. Default true.</summary>
    public bool Trades { get; set; } = true;

    /// <summary>GatewayDepth: a Level-2 <see cref="OrderBook"/>. Default false.</summary>
    public bool Depth { get; set; }

    /// <summary>Bar sizes to build live (they need quotes and trades, which are then followed too). Default none.</summary>
    public IReadOnlyList<Timeframe> Timeframes { get; set; } = [];

    /// <summary>Closed history bars read per timeframe to seed the bars (History/retrieveBars). 0 = none. Default 200.</summary>
    public int HistoryBars { get; set; } = 200;

    /// <summary>Closed bars kept per timeframe. Default 1,000 (at least <see cref="HistoryBars"/>).</summary>
    public int BarCapacity { get; set; } = 1_000;

    /// <summary>How long after its period a bar waits for late prints before it closes. Default 1 s.</summary>
    public TimeSpan BarCloseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public OrderBookOptions OrderBook { get; set; } = new();

    internal void Validate()
    {
        if (HistoryBars < 0 || BarCapacity < 1)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "HistoryBars must not be negative and BarCapacity must be at least 1.", nameof(HistoryBars));
        if (BarCloseDelay < TimeSpan.Zero)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "BarCloseDelay must not be negative.", nameof(BarCloseDelay));
        if (Timeframes.Any(t => t.Count < 1))
            throw new ProjectXValidationException(ValidationReason.InvalidTimeframe, "A timeframe has no unit (default(Timeframe)).", nameof(Timeframes));
    }
}

/// <summary>
/// One symbol the live engine follows: its contract, and whichever of quotes, prints, an order book and bars are watched.
/// Read it at any time; it is updated by the engine's single event task. <see cref="Bars"/> is replaced when more
/// timeframes are watched, so keep the instrument rather than its aggregator.
/// </summary>
public sealed class LiveInstrument
{
    private volatile BarAggregator? _bars;
    private volatile OrderBook? _book;

    internal LiveInstrument(string symbol, ContractModel contract)
    {
        Symbol = symbol;
        Contract = contract;
    }

    /// <summary>The symbol as first watched (e.g. <c>MNQ</c>).</summary>
    public string Symbol { get; }
    public ContractModel Contract { get; }
    public string ContractId => Contract.Id;
    public bool HasQuotes { get; internal set; }
    public bool HasTrades { get; internal set; }

    /// <summary>The Level-2 book; null unless depth is watched.</summary>
    public OrderBook? OrderBook
    {
        get => _book;
        internal set => _book = value;
    }

    /// <summary>The live bars; null unless timeframes are watched.</summary>
    public BarAggregator? Bars
    {
        get => _bars;
        internal set => _bars = value;
    }

    public IReadOnlyList<Timeframe> Timeframes => _bars?.Timeframes ?? [];

    /// <summary>Closed bars read per timeframe when seeding, and again to repair a gap (0: bars are built live only).</summary>
    internal int HistoryBars { get; set; }

    public override string ToString() => $"{Symbol} ({Contract.Id}){(HasQuotes ? " quotes" : "")}{(HasTrades ? " trades" : "")}{(_book is null ? "" : " depth")}{(_bars is null ? "" : " bars " + string.Join(",", Timeframes))}";
}
