using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.State;

namespace ProjectX.Examples.Sdk;

/// <summary>
/// The live engine on its own: one account's orders, positions and PnL kept current from both hubs, with symbols
/// watched and unwatched while it runs, the outcome of each change (hub or snapshot after a gap), and its health.
/// </summary>
public static class LiveEngineTour
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(SdkExampleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        #region live
        await using var client = await ProjectXClient.LogInAsync(context.Options, cancellationToken);
        await using var live = await LiveAccount.StartAsync(client, cancellationToken: cancellationToken);
        output.WriteLine($"following {live.Account.Name}: {live.Orders.Working().Count} working orders, {live.Positions.Count} positions");
        live.OrderChanged += (_, e) => output.WriteLine($"order {e.Item.Id} {e.Item.Status} ({e.Origin})");
        live.GapDetected += (_, gap) => output.WriteLine($"gap ({gap.Reason}) since {gap.Since:T}: re-reading the account");

        // Symbols come and go while the engine runs.
        var mnq = await live.WatchAsync("MNQ", new WatchOptions { Timeframes = [Timeframe.OneMinute], HistoryBars = 20, Depth = true }, cancellationToken);
        var quote = await live.WaitForQuoteAsync(mnq.ContractId, StepTimeout, q => q.LastPrice is not null, cancellationToken);
        output.WriteLine($"MNQ last {quote?.LastPrice}; {mnq.Bars![Timeframe.OneMinute].ClosedCount} one-minute bars");

        var placement = await client.SubmitOrderAsync(new OrderTicket { Instrument = "MNQ", Side = OrderSide.Bid, Size = 1 }, cancellationToken: cancellationToken);
        var filled = await live.Orders.WaitForFillAsync(placement.OrderId!.Value, StepTimeout, cancellationToken);
        output.WriteLine($"filled at {filled.FilledPrice}; unrealized {live.Positions.UnrealizedPnl(mnq.ContractId)}");
        await client.ClosePositionAsync(mnq.ContractId, cancellationToken: cancellationToken);
        await live.UnwatchAsync("MNQ", cancellationToken);

        var health = live.GetHealth();
        output.WriteLine($"hubs {health.UserHub}/{health.MarketHub}, gaps {health.Gaps}, resyncs {health.Resyncs}, dropped {health.DroppedEvents}");
        #endregion
    }
}
