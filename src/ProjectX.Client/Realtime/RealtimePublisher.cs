namespace ProjectX.Client.Realtime;

/// <summary>
/// Where every realtime event goes out: one fan-out per event type, each also feeding the fan-out of every event.
/// It numbers the user-state events and snapshots (<see cref="RealtimeEvent.Sequence"/>), and tells its owner when a
/// consumer dropped one of them, because that consumer's view of the user state now needs a snapshot.
/// </summary>
internal sealed class RealtimePublisher
{
    private readonly TimeProvider _time;
    private long _sequence;

    public RealtimePublisher(TimeProvider time, Action<RealtimeEvent> onUserStateDropped)
    {
        _time = time;
        void OnDropped(RealtimeEvent e)
        {
            if (IsUserState(e))
                onUserStateDropped(e);
        }
        All = new EventFanout<RealtimeEvent>(null, OnDropped, time);
        Orders = new(All, OnDropped, time);
        Positions = new(All, OnDropped, time);
        Trades = new(All, OnDropped, time);
        Accounts = new(All, OnDropped, time);
        Snapshots = new(All, OnDropped, time);
        Gaps = new(All, null, time);
        Quotes = new(All, null, time);
        MarketTrades = new(All, null, time);
        Depth = new(All, null, time);
        States = new(All, null, time);
    }

    public EventFanout<RealtimeEvent> All { get; }
    public EventFanout<OrderUpdatedEvent> Orders { get; }
    public EventFanout<PositionUpdatedEvent> Positions { get; }
    public EventFanout<TradeExecutedEvent> Trades { get; }
    public EventFanout<AccountUpdatedEvent> Accounts { get; }
    public EventFanout<SnapshotEvent> Snapshots { get; }
    public EventFanout<GapEvent> Gaps { get; }
    public EventFanout<QuoteEvent> Quotes { get; }
    public EventFanout<MarketTradeEvent> MarketTrades { get; }
    public EventFanout<DepthEvent> Depth { get; }
    public EventFanout<ConnectionStateChangedEvent> States { get; }

    /// <summary>The sequence of the newest user-state event published so far: what a snapshot started now is "as of".</summary>
    public long CurrentSequence => Interlocked.Read(ref _sequence);

    public DateTimeOffset Now => _time.GetUtcNow();

    public void Publish(OrderUpdatedEvent e) => Orders.Publish(e with { Sequence = Next() });
    public void Publish(PositionUpdatedEvent e) => Positions.Publish(e with { Sequence = Next() });
    public void Publish(TradeExecutedEvent e) => Trades.Publish(e with { Sequence = Next() });
    public void Publish(AccountUpdatedEvent e) => Accounts.Publish(e with { Sequence = Next() });
    public void Publish(SnapshotEvent e) => Snapshots.Publish(e with { Sequence = Next() });
    public void Publish(GapEvent e) => Gaps.Publish(e);
    public void Publish(ConnectionStateChangedEvent e) => States.Publish(e);

    /// <summary>The fan-out of one event type (for <see cref="ProjectXRealtime.OpenStream{T}"/>).</summary>
    public EventFanout<T> Of<T>() where T : RealtimeEvent
    {
        object fanout = typeof(T) switch
        {
            var t when t == typeof(OrderUpdatedEvent) => Orders,
            var t when t == typeof(PositionUpdatedEvent) => Positions,
            var t when t == typeof(TradeExecutedEvent) => Trades,
            var t when t == typeof(AccountUpdatedEvent) => Accounts,
            var t when t == typeof(SnapshotEvent) => Snapshots,
            var t when t == typeof(GapEvent) => Gaps,
            var t when t == typeof(QuoteEvent) => Quotes,
            var t when t == typeof(MarketTradeEvent) => MarketTrades,
            var t when t == typeof(DepthEvent) => Depth,
            var t when t == typeof(ConnectionStateChangedEvent) => States,
            var t when t == typeof(RealtimeEvent) => All,
            _ => throw new ArgumentException($"There is no realtime stream of {typeof(T).Name}.", nameof(T)),
        };
        return (EventFanout<T>)fanout;
    }

    public void CompleteAll()
    {
        Orders.CompleteAll();
        Positions.CompleteAll();
        Trades.CompleteAll();
        Accounts.CompleteAll();
        Snapshots.CompleteAll();
        Gaps.CompleteAll();
        Quotes.CompleteAll();
        MarketTrades.CompleteAll();
        Depth.CompleteAll();
        States.CompleteAll();
        All.CompleteAll();
    }

    private long Next() => Interlocked.Increment(ref _sequence);

    private static bool IsUserState(RealtimeEvent e) =>
        e is OrderUpdatedEvent or PositionUpdatedEvent or TradeExecutedEvent or AccountUpdatedEvent or SnapshotEvent;
}
