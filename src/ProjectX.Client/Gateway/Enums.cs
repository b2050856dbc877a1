using System.Text.Json.Serialization;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Gateway;

// Integer enums exactly as on the wire (spec §5). Values the gateway adds later are kept
// as their raw number rather than failing the whole response (TolerantEnumConverter).

[JsonConverter(typeof(TolerantEnumConverter<OrderType>))]
public enum OrderType { Unknown = 0, Limit = 1, Market = 2, StopLimit = 3, Stop = 4, TrailingStop = 5, JoinBid = 6, JoinAsk = 7 }

/// <summary>Bid = buy, Ask = sell.</summary>
[JsonConverter(typeof(TolerantEnumConverter<OrderSide>))]
public enum OrderSide { Bid = 0, Ask = 1 }

[JsonConverter(typeof(TolerantEnumConverter<OrderStatus>))]
public enum OrderStatus { None = 0, Open = 1, Filled = 2, Cancelled = 3, Expired = 4, Rejected = 5, Pending = 6, PendingCancellation = 7, Suspended = 8 }

[JsonConverter(typeof(TolerantEnumConverter<PositionType>))]
public enum PositionType { Undefined = 0, Long = 1, Short = 2 }

[JsonConverter(typeof(TolerantEnumConverter<AggregateBarUnit>))]
public enum AggregateBarUnit { Unspecified = 0, Second = 1, Minute = 2, Hour = 3, Day = 4, Week = 5, Month = 6, Tick = 7 }

/// <summary>Depth row type on the market hub (GatewayDepth).</summary>
[JsonConverter(typeof(TolerantEnumConverter<DomType>))]
public enum DomType { Unknown = 0, Ask = 1, Bid = 2, BestAsk = 3, BestBid = 4, Trade = 5, Reset = 6, Low = 7, High = 8, NewBestBid = 9, NewBestAsk = 10, Fill = 11 }

/// <summary>Aggressor side of a market trade print (GatewayTrade).</summary>
[JsonConverter(typeof(TolerantEnumConverter<TradeLogType>))]
public enum TradeLogType { Buy = 0, Sell = 1 }

[JsonConverter(typeof(TolerantEnumConverter<OrderSortField>))]
public enum OrderSortField { CreatedAt = 0, Id = 1 }

[JsonConverter(typeof(TolerantEnumConverter<SortDirection>))]
public enum SortDirection { Asc = 0, Desc = 1 }

/// <summary>The one definition of what an order status means for the orders a trader still has to care about.</summary>
public static class OrderStatusExtensions
{
    /// <summary>
    /// Every status an order can leave without anyone acting: the working set of spec §5 (Open, Pending,
    /// PendingCancellation) plus Suspended, an inactive bracket leg waiting for its entry to fill.
    /// </summary>
    public static IReadOnlyList<OrderStatus> WorkingStatuses { get; } =
        [OrderStatus.Open, OrderStatus.Pending, OrderStatus.Suspended, OrderStatus.PendingCancellation];

    /// <summary>Still able to fill, or to become able to (a Suspended bracket leg).</summary>
    public static bool IsWorking(this OrderStatus status) =>
        status is OrderStatus.Open or OrderStatus.Pending or OrderStatus.Suspended or OrderStatus.PendingCancellation;

    /// <summary>Ended for good: filled, cancelled, expired or rejected. An order never leaves a terminal status.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.Rejected;
}
