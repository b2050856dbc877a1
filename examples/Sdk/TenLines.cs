using ProjectX.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.Examples.Sdk;

/// <summary>The README's "C# SDK in ten lines", compiled and run here so it cannot go stale.</summary>
public static class TenLines
{
    public static async Task RunAsync(SdkExampleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var output = context.Output;
        #region readme
        await using var client = await ProjectXClient.ConnectAsync(options, cancellationToken);
        var accounts = await client.GetAccountsAsync(cancellationToken: cancellationToken);
        var mnq = await client.GetInstrumentAsync("MNQ", cancellationToken);
        output.WriteLine($"{accounts.Count} accounts; {mnq.Id}: tick {mnq.TickSize:0.00##} = ${mnq.TickValue:0.00}");
        var bars = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Minute, 5) { Count = 12 }, cancellationToken);
        output.WriteLine($"last 5-min close {bars[^1].C:0.00}");
        var order = await client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 1, stopLossTicks: 20, takeProfitTicks: 40, cancellationToken: cancellationToken);
        output.WriteLine($"order {order.OrderId} (tag {order.CustomTag})");
        await client.ClosePositionAsync(mnq.Id, cancellationToken: cancellationToken);
        await client.CancelAllOrdersAsync(cancellationToken: cancellationToken);
        #endregion
    }
}
