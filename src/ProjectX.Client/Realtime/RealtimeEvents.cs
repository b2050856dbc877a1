using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

// The typed events of both hubs, as the client publishes them (.NET events and bounded streams).

/// <summary>Which realtime hub.</summary>
public enum HubKind { User, Market }

/// <summary>Where an event came from: the hub itself, or a REST re-sync after a gap (reconnect).</summary>
public enum EventOrigin { Hub, Resync }

public enum RealtimeConnectionState { Disconnected, Connecting, Connected, Reconnecting }

/// <summary>Base of every realtime event: when the client received it, and where it came from.</summary>
public abstract record RealtimeEvent(DateTimeOffset ReceivedAt, EventOrigin Origin);

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
