using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Examples.Sdk;

/// <summary>
/// The seed's <c>add_callback("order_update" | "position_update" | ...)</c> as .NET events on
/// <see cref="ProjectXRealtime"/>. Each handler has its own queue and task, so a slow one delays only itself; handlers
/// run concurrently with each other, so what they share must be thread-safe (a synchronized writer, TaskCompletionSources).
/// </summary>
public static class RealtimeCallbacks
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(SdkExampleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = TextWriter.Synchronized(context.Output);
        await using var client = await ProjectXClient.ConnectAsync(context.Options, cancellationToken);
        var accountId = client.DefaultAccount!.Id;
        var mnq = await client.GetInstrumentAsync("MNQ", cancellationToken);

        #region callbacks
        await using var realtime = new ProjectXRealtime(client);
        var firstQuote = new TaskCompletionSource<decimal>(TaskCreationOptions.RunContinuationsAsynchronously);
        var filled = new TaskCompletionSource<HalfTradeModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        realtime.QuoteReceived += (_, e) => { if (e.Quote.LastPrice is { } p) firstQuote.TrySetResult(p); };
        realtime.OrderUpdated += (_, e) => output.WriteLine($"order    {e.Order.Id} {e.Order.Side} {e.Order.Type} {e.Order.Status}");
        realtime.TradeExecuted += (_, e) => { output.WriteLine($"fill     {e.Trade.Side} {e.Trade.Size} @ {e.Trade.Price}"); filled.TrySetResult(e.Trade); };
        realtime.PositionUpdated += (_, e) =>
        {
            output.WriteLine($"position {e.Position.ContractId} {e.Position.Type} {e.Position.Size} @ {e.Position.AveragePrice}");
            if (e.Position.ContractId == mnq.Id && e.Position.Size == 0) flat.TrySetResult();
        };
        realtime.ConnectionStateChanged += (_, e) => output.WriteLine($"hub      {e.Hub} {e.State}");

        await realtime.StartAsync(cancellationToken);
        await realtime.SubscribeUserAsync(accountId, cancellationToken: cancellationToken);
        await realtime.SubscribeMarketAsync(mnq.Id, cancellationToken);
        output.WriteLine($"first quote {await firstQuote.Task.WaitAsync(StepTimeout, cancellationToken)}");

        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1, cancellationToken);
        var fill = await filled.Task.WaitAsync(StepTimeout, cancellationToken);
        await client.ClosePositionAsync(mnq.Id, cancellationToken: cancellationToken);
        await flat.Task.WaitAsync(StepTimeout, cancellationToken);
        output.WriteLine($"bought at {fill.Price}, now flat");
        #endregion
    }
}
