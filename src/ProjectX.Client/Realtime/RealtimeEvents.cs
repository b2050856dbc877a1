using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

// The typed events of both hubs, as the client publishes them (.NET events and bounded streams). A subscription to
// user data yields a REST snapshot, then changes; a reconnect or a consumer that fell behind is a GapEvent, and a
// fresh snapshot follows every gap.

/// <summary>Which realtime hub.</summary>
public enum HubKind { User, Market }

/// <summary>Where an event came from: the hub itself, or a REST snapshot (at subscription, and after every gap).</summary>
public enum EventOrigin { Hub, Resync }

public enum RealtimeConnectionState { Disconnected, Connecting, Connected, Reconnecting }

/// <summary>
/// Base of every realtime event: when the client received it, and where it came from. <see cref="Sequence"/> orders
/// the user-hub events and the snapshots of one <see cref="ProjectXRealtime"/> (0 for market and connection events):
/// a snapshot applies only to what no event after its <see cref="SnapshotEvent.AsOfSequence"/> has changed since.
/// </summary>
public abstract record RealtimeEvent(DateTimeOffset ReceivedAt, EventOrigin Origin)
{
    public long Sequence { get; init; }
}

/// <summary>GatewayUserOrder. <paramref name="Action"/> is the wrapper's action when the payload was wrapped.</summary>
public sealed record OrderUpdatedEvent(OrderModel Order, int? Action, DateTimeOffset ReceivedAt, EventOrigin Origin) : RealtimeEvent(ReceivedAt, Origin);

/// <summary>GatewayUserPosition. A size of 0 means the position is closed.</summary>
public sealed record PositionUpdatedEvent(PositionModel Position, int? Action, DateTimeOffset ReceivedAt, EventOrigin Origin) : RealtimeEvent(ReceivedAt, Origin);

/// <summary>GatewayUserTrade: one of the account's own fills.</summary>
public sealed record TradeExecutedEvent(HalfTradeModel Trade, int? Action, DateTimeOffset ReceivedAt, EventOrigin Origin) : RealtimeEvent(ReceivedAt, Origin);

/// <summary>GatewayUserAccount.</summary>
public sealed record AccountUpdatedEvent(TradingAccountModel Account, int? Action, DateTimeOffset ReceivedAt, EventOrigin Origin) : RealtimeEvent(ReceivedAt, Origin);

/// <summary>GatewayQuote: a sparse update for one contract.</summary>
public sealed record QuoteEvent(string ContractId, GatewayQuoteModel Quote, DateTimeOffset ReceivedAt) : RealtimeEvent(ReceivedAt, EventOrigin.Hub);

/// <summary>GatewayTrade: market prints for one contract.</summary>
public sealed record MarketTradeEvent(string ContractId, IReadOnlyList<GatewayTradeModel> Trades, DateTimeOffset ReceivedAt) : RealtimeEvent(ReceivedAt, EventOrigin.Hub);

/// <summary>GatewayDepth: depth rows for one contract.</summary>
public sealed record DepthEvent(string ContractId, IReadOnlyList<GatewayDepthModel> Rows, DateTimeOffset ReceivedAt) : RealtimeEvent(ReceivedAt, EventOrigin.Hub);

/// <summary>A hub changed state. <paramref name="Error"/> carries the cause of a drop; never a token.</summary>
public sealed record ConnectionStateChangedEvent(HubKind Hub, RealtimeConnectionState State, string? Reason, Exception? Error, DateTimeOffset ReceivedAt) : RealtimeEvent(ReceivedAt, EventOrigin.Hub);

/// <summary>Why events may be missing before a <see cref="GapEvent"/>.</summary>
public enum GapReason
{
    /// <summary>The hub connection dropped and came back: what the hub sent meanwhile is lost.</summary>
    Reconnect,
    /// <summary>This consumer fell a whole queue behind and its oldest events were dropped.</summary>
    Overflow,
}

/// <summary>
/// Events may be missing here: since <paramref name="Since"/>, of <paramref name="Hub"/> (a reconnect), or of this
/// consumer's queue (<paramref name="Hub"/> null, an overflow of <paramref name="Dropped"/> events). The realtime layer
/// re-reads the user state after every gap and publishes fresh snapshots; market state that cannot be re-read
/// (prints, depth) is the consumer's to repair (bars over REST, a depth re-subscription).
/// </summary>
public sealed record GapEvent(HubKind? Hub, GapReason Reason, DateTimeOffset Since, long Dropped, DateTimeOffset ReceivedAt) : RealtimeEvent(ReceivedAt, EventOrigin.Resync);

/// <summary>
/// A REST snapshot of user state, published when a subscription starts and after every gap. Apply it to every entry
/// that no event with a <see cref="RealtimeEvent.Sequence"/> above <paramref name="AsOfSequence"/> has changed: those
/// events are newer than the snapshot.
/// </summary>
public abstract record SnapshotEvent(long AsOfSequence, DateTimeOffset ReceivedAt) : RealtimeEvent(ReceivedAt, EventOrigin.Resync);

/// <summary>
/// The account's orders: <paramref name="Working"/> is the whole working set (Open, Pending, Suspended bracket legs,
/// PendingCancellation), so a working order missing from it has ended; <paramref name="Recent"/> holds orders created
/// in the window the snapshot covers (the day at subscription when asked for, the gap after one), with their final state.
/// </summary>
public sealed record OrdersSnapshotEvent(int AccountId, IReadOnlyList<OrderModel> Working, IReadOnlyList<OrderModel> Recent, long AsOfSequence, DateTimeOffset ReceivedAt)
    : SnapshotEvent(AsOfSequence, ReceivedAt);

/// <summary>The account's open positions, all of them: a position missing from it is closed.</summary>
public sealed record PositionsSnapshotEvent(int AccountId, IReadOnlyList<PositionModel> Open, long AsOfSequence, DateTimeOffset ReceivedAt)
    : SnapshotEvent(AsOfSequence, ReceivedAt);

/// <summary>The account's fills since <paramref name="Since"/> (each fill may have been seen already: match them by id).</summary>
public sealed record TradesSnapshotEvent(int AccountId, IReadOnlyList<HalfTradeModel> Trades, DateTimeOffset Since, long AsOfSequence, DateTimeOffset ReceivedAt)
    : SnapshotEvent(AsOfSequence, ReceivedAt);

/// <summary>The user's active accounts.</summary>
public sealed record AccountsSnapshotEvent(IReadOnlyList<TradingAccountModel> Accounts, long AsOfSequence, DateTimeOffset ReceivedAt)
    : SnapshotEvent(AsOfSequence, ReceivedAt);
