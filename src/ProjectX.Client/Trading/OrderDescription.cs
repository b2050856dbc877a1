using System.Globalization;
using System.Text;
using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>Orders in words, for confirmations and logs: <c>Buy 2 MNQZ6 Limit @ 21000.25 [SL 20 ticks, TP 40 ticks]</c>.</summary>
public static class OrderDescription
{
    public static string Of(OrderSide side, int size, string contract, OrderType type, decimal? limitPrice, decimal? stopPrice, decimal? trailPrice,
        int? stopLossTicks = null, int? takeProfitTicks = null)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(side == OrderSide.Bid ? "Buy" : "Sell")} {size} {contract} {type}");
        switch (type)
        {
            case OrderType.Limit or OrderType.JoinBid or OrderType.JoinAsk when limitPrice is { } limit:
                text.Append(" @ ").Append(Price(limit));
                break;
            case OrderType.Stop when stopPrice is { } stop:
                text.Append(" @ ").Append(Price(stop));
                break;
            case OrderType.StopLimit:
                text.Append(" stop ").Append(Price(stopPrice)).Append(" limit ").Append(Price(limitPrice));
                break;
            case OrderType.TrailingStop:
                text.Append(" trail ").Append(Price(trailPrice));
                break;
        }
        if (stopLossTicks is not null || takeProfitTicks is not null)
        {
            var legs = new List<string>(2);
            if (stopLossTicks is { } sl) legs.Add(string.Create(CultureInfo.InvariantCulture, $"SL {sl} ticks"));
            if (takeProfitTicks is { } tp) legs.Add(string.Create(CultureInfo.InvariantCulture, $"TP {tp} ticks"));
            text.Append(" [").Append(string.Join(", ", legs)).Append(']');
        }
        return text.ToString();
    }

    /// <summary>An order as the gateway reports it; <paramref name="contract"/> names it when known.</summary>
    public static string Of(OrderModel order, ContractModel? contract)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Of(order.Side, order.Size, contract?.Name ?? order.ContractId, order.Type, order.LimitPrice, order.StopPrice, order.TrailPrice);
    }

    /// <summary>A price without trailing zeros (21000.250 → 21000.25); "?" when missing.</summary>
    public static string Price(decimal? price) => price is { } p ? (p / 1.000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "?";
}
