using ProjectX.Client.Live;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client;

/// <summary>What a <see cref="TradingSuite"/> builds and how much it keeps.</summary>
public sealed class TradingSuiteOptions
{
    /// <summary>The account to track, by name or id. Default: the client's default account.</summary>
    public string? Account { get; set; }

    /// <summary>Closed history bars fetched per timeframe to seed the aggregators (History/retrieveBars). 0 = none. Default 200.</summary>
    public int HistoryBars { get; set; } = 200;

    /// <summary>Closed bars kept per timeframe. Default 1,000.</summary>
    public int BarCapacity { get; set; } = 1_000;

    /// <summary>How long after its period a bar waits for late prints before it closes (BarAggregatorOptions.CloseDelay). Default 1 s.</summary>
    public TimeSpan BarCloseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Subscribe to Level 2 (GatewayDepth) and keep an <see cref="OrderBook"/> per symbol. Default true.</summary>
    public bool SubscribeDepth { get; set; } = true;

    public OrderBookOptions OrderBook { get; set; } = new();

    /// <summary>Options of the suite's <see cref="ProjectXRealtime"/> (null = defaults).</summary>
    public RealtimeOptions? Realtime { get; set; }

    /// <summary>
    /// Events buffered between the hubs and the live state. If the state ever falls this far behind, the oldest
    /// events are dropped: a gap, after which the user state is read again and bars and books are repaired. Default 100,000.
    /// </summary>
    public int EventQueueCapacity { get; set; } = 100_000;

    internal LiveAccountOptions ToLiveOptions() => new()
    {
        Account = Account,
        Realtime = Realtime,
        EventQueueCapacity = EventQueueCapacity,
    };

    internal WatchOptions ToWatchOptions(IReadOnlyList<Timeframe> timeframes) => new()
    {
        Quotes = true,
        Trades = true,
        Depth = SubscribeDepth,
        Timeframes = timeframes,
        HistoryBars = HistoryBars,
        BarCapacity = BarCapacity,
        BarCloseDelay = BarCloseDelay,
        OrderBook = OrderBook,
    };
}
