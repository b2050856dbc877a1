namespace ProjectX.Client.Realtime;

public sealed partial class ProjectXRealtime
{
    private readonly EventFanout<RealtimeEvent> _all;
    private readonly EventFanout<OrderUpdatedEvent> _orders;
    private readonly EventFanout<PositionUpdatedEvent> _positions;
    private readonly EventFanout<TradeExecutedEvent> _trades;
    private readonly EventFanout<AccountUpdatedEvent> _accounts;
    private readonly EventFanout<QuoteEvent> _quotes;
    private readonly EventFanout<MarketTradeEvent> _marketTrades;
    private readonly EventFanout<DepthEvent> _depth;
    private readonly EventFanout<ConnectionStateChangedEvent> _states;

    // .NET events: each handler gets its own bounded queue (RealtimeOptions.HandlerQueueCapacity, oldest dropped)
    // and its own task, so handlers never run on the socket's thread and a slow one delays only itself.

    /// <summary>GatewayUserOrder, and orders that changed during a gap (Origin = Resync).</summary>
    public event EventHandler<OrderUpdatedEvent>? OrderUpdated
    {
        add => _orders.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _orders.RemoveHandler(value);
    }

    /// <summary>GatewayUserPosition, and positions that changed during a gap (a closed one has Size 0).</summary>
    public event EventHandler<PositionUpdatedEvent>? PositionUpdated
    {
        add => _positions.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _positions.RemoveHandler(value);
    }

    /// <summary>GatewayUserTrade, and fills that happened during a gap.</summary>
    public event EventHandler<TradeExecutedEvent>? TradeExecuted
    {
        add => _trades.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _trades.RemoveHandler(value);
    }

    /// <summary>GatewayUserAccount, and accounts that changed during a gap.</summary>
    public event EventHandler<AccountUpdatedEvent>? AccountUpdated
    {
        add => _accounts.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _accounts.RemoveHandler(value);
    }

    /// <summary>GatewayQuote (sparse: merge it).</summary>
    public event EventHandler<QuoteEvent>? QuoteReceived
    {
        add => _quotes.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _quotes.RemoveHandler(value);
    }

    /// <summary>GatewayTrade: market prints.</summary>
    public event EventHandler<MarketTradeEvent>? MarketTradeReceived
    {
        add => _marketTrades.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _marketTrades.RemoveHandler(value);
    }

    /// <summary>GatewayDepth rows.</summary>
    public event EventHandler<DepthEvent>? DepthReceived
    {
        add => _depth.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _depth.RemoveHandler(value);
    }

    /// <summary>A hub connected, dropped, is reconnecting, or stopped.</summary>
    public event EventHandler<ConnectionStateChangedEvent>? ConnectionStateChanged
    {
        add => _states.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _states.RemoveHandler(value);
    }

    /// <summary>Every event of every type, in the order each hub delivered them.</summary>
    public event EventHandler<RealtimeEvent>? EventReceived
    {
        add => _all.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _all.RemoveHandler(value);
    }

    /// <summary>
    /// A new bounded stream of one event type: <see cref="OrderUpdatedEvent"/>, <see cref="PositionUpdatedEvent"/>,
    /// <see cref="TradeExecutedEvent"/>, <see cref="AccountUpdatedEvent"/>, <see cref="QuoteEvent"/>,
    /// <see cref="MarketTradeEvent"/>, <see cref="DepthEvent"/>, <see cref="ConnectionStateChangedEvent"/>, or
    /// <see cref="RealtimeEvent"/> for all of them. When the stream holds <paramref name="capacity"/> unread events,
    /// the oldest is dropped (counted in <see cref="RealtimeStream{T}.DroppedCount"/>); the feed never waits for it.
    /// </summary>
    public RealtimeStream<T> OpenStream<T>(int capacity = RealtimeOptions.DefaultQueueCapacity) where T : RealtimeEvent
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var fanout = Fanout<T>();
        return new RealtimeStream<T>(fanout, fanout.Subscribe(capacity, singleReader: false));
    }

    private EventFanout<T> Fanout<T>() where T : RealtimeEvent
    {
        object fanout = typeof(T) switch
        {
            var t when t == typeof(OrderUpdatedEvent) => _orders,
            var t when t == typeof(PositionUpdatedEvent) => _positions,
            var t when t == typeof(TradeExecutedEvent) => _trades,
            var t when t == typeof(AccountUpdatedEvent) => _accounts,
            var t when t == typeof(QuoteEvent) => _quotes,
            var t when t == typeof(MarketTradeEvent) => _marketTrades,
            var t when t == typeof(DepthEvent) => _depth,
            var t when t == typeof(ConnectionStateChangedEvent) => _states,
            var t when t == typeof(RealtimeEvent) => _all,
            _ => throw new ArgumentException($"There is no realtime stream of {typeof(T).Name}.", nameof(T)),
        };
        return (EventFanout<T>)fanout;
    }

    private void CompleteAllFanouts()
    {
        _orders.CompleteAll();
        _positions.CompleteAll();
        _trades.CompleteAll();
        _accounts.CompleteAll();
        _quotes.CompleteAll();
        _marketTrades.CompleteAll();
        _depth.CompleteAll();
        _states.CompleteAll();
        _all.CompleteAll();
    }
}
