using ProjectX.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.Examples.Sdk;

/// <summary>
/// The seed's background monitor: a PnL loop that runs next to the rest of the program without blocking it,
/// flattens everything when the day's net PnL falls past the loss limit, and stops when its token is cancelled.
/// It reads the suite's live state (quotes and fills from the hubs), so each check costs no request.
/// </summary>
public static class BackgroundMonitor
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Buys one MNQ, holds it for <paramref name="hold"/> with the monitor running, then goes flat. True when the monitor fired.</summary>
    public static async Task<bool> RunAsync(SdkExampleContext context, decimal lossLimit, TimeSpan hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = TextWriter.Synchronized(context.Output);
        await using var suite = await TradingSuite.CreateAsync(context.Options, ["MNQ"], ["1min"], new TradingSuiteOptions { HistoryBars = 10 }, cancellationToken);
        var contractId = suite.Contracts["MNQ"].Id;

        #region run-alongside
        using var stopMonitor = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = MonitorAsync(suite, lossLimit, TimeSpan.FromMilliseconds(200), output, stopMonitor.Token);

        var entry = await suite.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1, cancellationToken);
        await suite.Orders.WaitForFillAsync(entry.OrderId, StepTimeout, cancellationToken);
        output.WriteLine("long 1 MNQ; the monitor is watching");
        await Task.WhenAny(monitor, Task.Delay(hold, cancellationToken)); // the program's own work would go here

        await stopMonitor.CancelAsync();
        var fired = await monitor;
        if (!fired && suite.Positions[contractId] is { Size: > 0 })
            await suite.Client.ClosePositionAsync(contractId, cancellationToken: cancellationToken);
        #endregion
        await suite.Client.CancelAllOrdersAsync(cancellationToken: cancellationToken);
        var pnl = suite.Positions.GetPortfolioPnl();
        output.WriteLine($"{(fired ? "loss limit hit" : "monitor stopped")}; net {pnl.Net}");
        return fired;
    }

    #region monitor
    /// <summary>Checks every <paramref name="interval"/>; true when it flattened the account, false when cancelled.</summary>
    public static async Task<bool> MonitorAsync(TradingSuite suite, decimal lossLimit, TimeSpan interval, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(output);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var pnl = suite.Positions.GetPortfolioPnl();
                output.WriteLine($"monitor: {pnl.OpenPositions} open, unrealized {pnl.Unrealized}, net {pnl.Net}");
                if (pnl.Net > -lossLimit) continue;

                output.WriteLine($"monitor: net {pnl.Net} is past the loss limit {lossLimit}: flattening");
                // Flattening must finish even though the program is stopping the monitor: no cancellation here.
                await suite.Client.CancelAllOrdersAsync(cancellationToken: CancellationToken.None);
                foreach (var position in suite.Positions.Snapshot())
                    await suite.Client.ClosePositionAsync(position.ContractId, cancellationToken: CancellationToken.None);
                return true;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return false;
    }
    #endregion
}
