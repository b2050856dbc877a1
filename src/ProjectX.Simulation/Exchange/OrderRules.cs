using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// The gateway's validation rules and the exact texts it answers with. Documented texts (spec §4.8, §7)
/// are verbatim; the others are the simulator's own wording.
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

    /// <summary>Largest trailing distance the gateway accepts on placement, in ticks.</summary>
    public const int MaxTrailTicks = 1000;

    public static string UnsupportedOrderType(OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Unsupported order type ({(int)type}).");

    public static string MissingPrice(string field, OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {field}. A {type} order requires {field}.");

    public static string UnexpectedPrice(string field, OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {field}. A {type} order does not take {field}.");

    public static string InvalidBracketType(string leg, OrderType type) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid {leg} bracket type ({(int)type}).");

    public static bool IsAligned(decimal price, decimal tickSize) => tickSize > 0 && price % tickSize == 0;

    /// <summary>
    /// Bracket tick sign convention (a guess to verify on a Practice account, spec §4.8): ticks are an
    /// offset from the entry fill, so a long's stop loss is below it (ticks &lt; 0) and its take profit
    /// above (ticks &gt; 0); a short's are the reverse. Returns the rejection text, or null when valid.
    /// </summary>
    public static string? CheckBracketTicks(OrderSide entrySide, int stopLossTicks, int takeProfitTicks, bool hasStopLoss, bool hasTakeProfit)
    {
        var longing = entrySide == OrderSide.Bid;
        var direction = longing ? "longing" : "shorting";
        if (hasStopLoss && (longing ? stopLossTicks >= 0 : stopLossTicks <= 0))
            return string.Create(CultureInfo.InvariantCulture,
                $"Invalid stop loss ticks ({stopLossTicks}). Ticks should be {(longing ? "less" : "greater")} than zero when {direction}.");
        if (hasTakeProfit && (longing ? takeProfitTicks <= 0 : takeProfitTicks >= 0))
            return string.Create(CultureInfo.InvariantCulture,
                $"Invalid take profit ticks ({takeProfitTicks}). Ticks should be {(longing ? "greater" : "less")} than zero when {direction}.");
        return null;
    }

    /// <summary>Checks which prices a type needs (limit, stop, trail). Returns the rejection text, or null when valid.</summary>
    public static string? CheckPrices(OrderType type, decimal? limitPrice, decimal? stopPrice, decimal? trailPrice, decimal tickSize)
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
        if (needsTrail && trailPrice is null) return TrailDistanceNotSet;
        if (needsLimit && limitPrice is null) return MissingPrice("limitPrice", type);
        if (needsStop && stopPrice is null) return MissingPrice("stopPrice", type);
        if (!needsLimit && limitPrice is not null) return UnexpectedPrice("limitPrice", type);
        if (!needsStop && stopPrice is not null) return UnexpectedPrice("stopPrice", type);
        if (!needsTrail && trailPrice is not null) return UnexpectedPrice("trailPrice", type);
        if (trailPrice is { } trail && !IsAligned(trail, tickSize)) return TrailPriceNotAligned;
        if (limitPrice is { } limit && (limit <= 0 || !IsAligned(limit, tickSize))) return PriceNotAligned;
        if (stopPrice is { } stop && (stop <= 0 || !IsAligned(stop, tickSize))) return PriceNotAligned;
        return null;
    }

    public static bool IsPlaceable(OrderType type) =>
        type is OrderType.Limit or OrderType.Market or OrderType.StopLimit or OrderType.Stop
            or OrderType.TrailingStop or OrderType.JoinBid or OrderType.JoinAsk;

    /// <summary>Trail distance in whole ticks between the last price and the submitted level (fractions dropped).</summary>
    public static int TrailTicks(decimal lastPrice, decimal trailPrice, decimal tickSize) =>
        (int)Math.Min(int.MaxValue, decimal.Floor(Math.Abs(lastPrice - trailPrice) / tickSize));
}
