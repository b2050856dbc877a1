using ProjectX.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.Examples.Sdk;

/// <summary>
/// Place a limit order away from the market, move it, cancel it; a native bracket; and the one thing a trading
/// program must get right: after a lost response, find out by tag whether the order exists before sending another.
/// </summary>
public static class OrderManagement
{
    public static async Task RunAsync(SdkExampleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        await using var client = await ProjectXClient.ConnectAsync(context.Options, cancellationToken);
        var last = (await client.GetBarsAsync(new BarsRequest("MNQ") { Count = 1 }, cancellationToken))[^1].C;

        #region limit-modify-cancel
        var mnq = await client.GetInstrumentAsync("MNQ", cancellationToken);
        var price = TickMath.Round(last - 40 * mnq.TickSize, mnq.TickSize, PriceRounding.Down);
        var limit = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, price, cancellationToken);
        await client.ModifyOrderAsync(limit.OrderId, limitPrice: price - 4 * mnq.TickSize, cancellationToken: cancellationToken);
        var moved = await client.GetOrderAsync(limit.OrderId, cancellationToken: cancellationToken);
        output.WriteLine($"limit {moved.Id} {moved.Status} at {moved.LimitPrice}");
        await client.CancelOrderAsync(limit.OrderId, cancellationToken: cancellationToken);
        #endregion

        #region bracket
        var bracket = await client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 1, stopLossTicks: 20, takeProfitTicks: 40, cancellationToken: cancellationToken);
        var open = await client.GetPositionsAsync(cancellationToken: cancellationToken);
        output.WriteLine($"bracket entry {bracket.OrderId}; positions: {string.Join(", ", open)}");
        await client.ClosePositionAsync(mnq.Id, cancellationToken: cancellationToken);
        var legs = await client.CancelAllOrdersAsync(cancellationToken: cancellationToken); // any leg still working
        output.WriteLine($"closed; cancelled {legs.Count(r => r.Succeeded)} remaining order(s)");
        #endregion

        // On the simulator, lose the next Order/place response on purpose (the order IS placed).
        context.Simulator?.Faults.DropResponses("Order/place");
        #region reconcile
        var ticket = new OrderTicket { Instrument = "MNQ", Type = OrderType.Limit, Side = OrderSide.Bid, Size = 1, LimitPrice = price };
        var placement = await client.SubmitOrderAsync(ticket, readBack: true, cancellationToken);
        switch (placement.Outcome)
        {
            case PlacementOutcome.Placed or PlacementOutcome.Reconciled:
                output.WriteLine($"{placement.Outcome}: order {placement.OrderId} exists ({placement.State?.Status})");
                await client.CancelOrderAsync(placement.OrderId!.Value, cancellationToken: cancellationToken);
                break;
            case PlacementOutcome.Unknown:
                // Never place again blindly: a delayed request can still arrive. Look the tag up again before acting.
                output.WriteLine($"unknown: look up tag {placement.CustomTag} before placing again");
                break;
            default: // Rejected, or NotSent (provably not executed: safe to send again)
                output.WriteLine($"{placement.Outcome}: {placement.Error?.Message}");
                break;
        }
        #endregion
    }
}
