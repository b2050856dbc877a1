using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// The gateway's validation rules and the exact texts it answers with. Documented texts (spec §4.8, §7)
/// are verbatim; the others are the simulator's own wording. Each rule answers an <see cref="OrderRejection"/>
/// (or null when the request passes), so the engine decides on the reason, never on the text.
/// </summary>
public static class OrderRules
{
    public const string PositionBracketsMessage = "Brackets cannot be used with Position Brackets. You must enable Auto OCO Brackets.";
    public const string TrailDistanceNotSet = "Trail Distance not set.";
    public const string TrailPriceNotAligned = "Invalid trail price. Price is not aligned to tick size.";
    public const string TrailDistanceTooLarge = "Trail Distance exceeds maximum (1000)";
    public const string PriceNotAligned = "Invalid price. Price is not aligned to tick size.";
    public const string InvalidSize = "Invalid order size. Size must be greater than zero.";
    public const string DuplicateCustomTag = "Custom tag must be unique across the account.";
    public const string AccountCannotTrade = "Account is not allowed to trade.";
    public const string OrderNotWorking = "Order is not working.";
    /// <summary>Order/place while the contract's market is closed (errorCode 5). The spec gives no text; this is the simulator's.</summary>
    public const string OutsideTradingHours = "The market is closed. Orders are accepted during trading hours only.";
    public const string NothingToModify = "Nothing to modify: send size, limitPrice, stopPrice or trailPrice.";

    /// <summary>Largest trailing distance the gateway accepts on placement, in ticks.</summary>
    public const int MaxTrailTicks = 1000;

    public static string UnsupportedOrderType(OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Unsupported order type ({(int)type}).");

    public static string InvalidSide(OrderSide side) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid side ({(int)side}). Use 0 (Bid, buy) or 1 (Ask, sell).");

    public static string SizeTooLarge(int maxSize) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid order size. Size must be at most {maxSize}.");

    public static string MissingPrice(string field, OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {field}. A {type} order requires {field}.");

    public static string UnexpectedPrice(string field, OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {field}. A {type} order does not take {field}.");

    public static string PriceOutOfRange(string field, decimal maxPrice) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {field}. It must be greater than zero and at most {maxPrice}.");

    public static string InvalidBracketType(string leg, OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {leg} bracket type ({(int)type}).");

    public static string TooManyWorkingOrders(int max) =>
        string.Create(CultureInfo.InvariantCulture, $"The account already has {max} working orders, the most allowed.");

    public static bool IsAligned(decimal price, decimal tickSize) => tickSize > 0 && price % tickSize == 0;

    /// <summary>True for Bid (buy) and Ask (sell); any other number sent as a side is refused.</summary>
    public static bool IsSide(OrderSide side) => side is OrderSide.Bid or OrderSide.Ask;

    /// <summary>
    /// Bracket tick sign convention (a guess to verify on a Practice account, spec §4.8): ticks are an
    /// offset from the entry fill, so a long's stop loss is below it (ticks &lt; 0) and its take profit
    /// above (ticks &gt; 0); a short's are the reverse. Each is at most <paramref name="maxTicks"/> away.
    /// </summary>
    public static OrderRejection? CheckBracketTicks(OrderSide entrySide, int stopLossTicks, int takeProfitTicks, bool hasStopLoss, bool hasTakeProfit, int maxTicks)
    {
        var longing = entrySide == OrderSide.Bid;
        var direction = longing ? "longing" : "shorting";
        if (hasStopLoss && (longing ? stopLossTicks >= 0 : stopLossTicks <= 0))
            return Reject(RejectReason.InvalidBracketTicks,
                $"Invalid stop loss ticks ({stopLossTicks}). Ticks should be {(longing ? "less" : "greater")} than zero when {direction}.");
        if (hasTakeProfit && (longing ? takeProfitTicks <= 0 : takeProfitTicks >= 0))
            return Reject(RejectReason.InvalidBracketTicks,
                $"Invalid take profit ticks ({takeProfitTicks}). Ticks should be {(longing ? "greater" : "less")} than zero when {direction}.");
        foreach (var (leg, ticks, present) in new[] { ("stop loss", stopLossTicks, hasStopLoss), ("take profit", takeProfitTicks, hasTakeProfit) })
        {
            // Compare as long: -int.MinValue does not exist as an int.
            if (present && Math.Abs((long)ticks) > maxTicks)
                return Reject(RejectReason.InvalidBracketTicks, $"Invalid {leg} ticks ({ticks}). Brackets are at most {maxTicks} ticks away.");
        }
        return null;
    }

    /// <summary>Checks which prices a type needs (limit, stop, trail), their range and their alignment.</summary>
    public static OrderRejection? CheckPrices(OrderType type, decimal? limitPrice, decimal? stopPrice, decimal? trailPrice, decimal tickSize, decimal maxPrice)
    {
        var (needsLimit, needsStop, needsTrail) = type switch
        {
            OrderType.Market or OrderType.JoinBid or OrderType.JoinAsk => (false, false, false),
            OrderType.Limit => (true, false, false),
            OrderType.Stop => (false, true, false),
            OrderType.StopLimit => (true, true, false),
            OrderType.TrailingStop => (false, false, true),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        if (needsTrail && trailPrice is null) return Reject(RejectReason.TrailDistanceNotSet, TrailDistanceNotSet);
        if (needsLimit && limitPrice is null) return Reject(RejectReason.MissingPrice, MissingPrice("limitPrice", type));
        if (needsStop && stopPrice is null) return Reject(RejectReason.MissingPrice, MissingPrice("stopPrice", type));
        if (!needsLimit && limitPrice is not null) return Reject(RejectReason.UnexpectedPrice, UnexpectedPrice("limitPrice", type));
        if (!needsStop && stopPrice is not null) return Reject(RejectReason.UnexpectedPrice, UnexpectedPrice("stopPrice", type));
        if (!needsTrail && trailPrice is not null) return Reject(RejectReason.UnexpectedPrice, UnexpectedPrice("trailPrice", type));
        return CheckPrice("trailPrice", trailPrice, tickSize, maxPrice)
            ?? CheckPrice("limitPrice", limitPrice, tickSize, maxPrice)
            ?? CheckPrice("stopPrice", stopPrice, tickSize, maxPrice);
    }

    /// <summary>A price that is sent must be positive, at most <paramref name="maxPrice"/>, and on the tick grid.</summary>
    public static OrderRejection? CheckPrice(string field, decimal? price, decimal tickSize, decimal maxPrice)
    {
        if (price is not { } value) return null;
        if (value <= 0 || value > maxPrice) return Reject(RejectReason.PriceOutOfRange, PriceOutOfRange(field, maxPrice));
        if (!IsAligned(value, tickSize))
            return field == "trailPrice" ? Reject(RejectReason.TrailPriceNotAligned, TrailPriceNotAligned) : Reject(RejectReason.PriceNotAligned, PriceNotAligned);
        return null;
    }

    public static bool IsPlaceable(OrderType type) =>
        type is OrderType.Limit or OrderType.Market or OrderType.StopLimit or OrderType.Stop
            or OrderType.TrailingStop or OrderType.JoinBid or OrderType.JoinAsk;

    /// <summary>Trail distance in whole ticks between the last price and the submitted level (fractions dropped).</summary>
    public static int TrailTicks(decimal lastPrice, decimal trailPrice, decimal tickSize) =>
        (int)Math.Min(int.MaxValue, decimal.Floor(Math.Abs(lastPrice - trailPrice) / tickSize));

    internal static OrderRejection Reject(RejectReason reason, string message) => new(reason, message);
}
