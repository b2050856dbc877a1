using System.Globalization;
using System.Text;
using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Internal;

/// <summary>The words ShouldProcess messages use for orders, e.g. <c>Buy 2 MNQZ6 Limit @ 21000.25 [SL 20 ticks, TP 40 ticks]</c>.</summary>
internal static class OrderText
{
    public static string Describe(
        bool buy,
        int size,
        string contract,
        OrderType type,
        decimal? limitPrice,
        decimal? stopPrice,
        decimal? trailPrice,
        int? stopLossTicks = null,
        int? takeProfitTicks = null,
        decimal? tickSize = null)
    {
        string Price(decimal? price) => OrderText.Price(price, tickSize);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(buy ? "Buy" : "Sell")} {size} {contract} {type}");
        switch (type)
        {
            case OrderType.Limit or OrderType.JoinBid or OrderType.JoinAsk when limitPrice is { } limit:
                text.Append(CultureInfo.InvariantCulture, $" @ {Price(limit)}");
                break;
            case OrderType.Stop when stopPrice is { } stop:
                text.Append(CultureInfo.InvariantCulture, $" @ {Price(stop)}");
                break;
            case OrderType.StopLimit:
                text.Append(CultureInfo.InvariantCulture, $" stop {Price(stopPrice)} limit {Price(limitPrice)}");
                break;
            case OrderType.TrailingStop:
                text.Append(CultureInfo.InvariantCulture, $" trail {Price(trailPrice)}");
                break;
        }

        var brackets = new List<string>();
        if (stopLossTicks is { } sl)
        {
            brackets.Add(string.Create(CultureInfo.InvariantCulture, $"SL {sl} ticks"));
        }

        if (takeProfitTicks is { } tp)
        {
            brackets.Add(string.Create(CultureInfo.InvariantCulture, $"TP {tp} ticks"));
        }

        if (brackets.Count > 0)
        {
            text.Append(" [").Append(string.Join(", ", brackets)).Append(']');
        }

        return text.ToString();
    }

    public static string Describe(OrderModel order, ContractModel? contract) => Describe(
        order.Side == OrderSide.Bid,
        order.Size,
        contract?.Name ?? order.ContractId,
        order.Type,
        order.LimitPrice,
        order.StopPrice,
        order.TrailPrice,
        tickSize: contract?.TickSize);

    /// <summary>A price for a message: to the tick's decimals when the tick is known (21000.50), else without trailing zeros.</summary>
    public static string Price(decimal? price, decimal? tickSize = null) => price switch
    {
        null => "?",
        { } p when tickSize is { } tick && tick > 0 => p.ToString("F" + Models.PxFormat.Decimals(tick).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        { } p => Models.PxInstrument.Normalize(p).ToString(CultureInfo.InvariantCulture),
    };
}
