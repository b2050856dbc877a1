using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.State;

namespace ProjectX.Examples.Sdk;

/// <summary>
/// The seed's trading suite: one call builds the client, both hubs, live bars seeded from history, the order book
/// and the order and position trackers for a symbol and its timeframes.
/// </summary>
public static class TradingSuiteTour
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(SdkExampleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        #region suite
        await using var suite = await TradingSuite.CreateAsync(context.Options, ["MNQ"], ["1min", "5min"],
            new TradingSuiteOptions { HistoryBars = 50 }, cancellationToken);
        var mnq = suite["MNQ"];
        var fiveMinute = mnq.Bars[Timeframe.FiveMinutes];
        output.WriteLine($"{mnq.Contract.Id}: {fiveMinute.ClosedCount} closed 5-min bars, last {fiveMinute.LastClosed}");
        suite.BarClosed += (_, e) => output.WriteLine($"bar closed {e.Timeframe} {e.Bar}");

        await WaitUntilAsync(() => mnq.OrderBook?.BestBid is not null && suite.Quotes[mnq.Contract.Id]?.LastPrice is not null, cancellationToken);
        output.WriteLine($"book {mnq.OrderBook}; imbalance(5) {mnq.OrderBook!.Imbalance(5):0.00}");

        var entry = await suite.Client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1, cancellationToken);
        await suite.Orders.WaitForFillAsync(entry.OrderId, StepTimeout, cancellationToken);
        await WaitUntilAsync(() => suite.Positions[mnq.Contract.Id] is { Size: > 0 }, cancellationToken);
        foreach (var position in suite.Positions.Snapshot())
            output.WriteLine($"{position.ContractId} {position.NetSize} @ {position.Position.AveragePrice}, unrealized {position.UnrealizedPnl}");

        await suite.Client.ClosePositionAsync(mnq.Contract.Id, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => suite.Positions[mnq.Contract.Id] is null or { Size: 0 }, cancellationToken);
        var pnl = suite.Positions.GetPortfolioPnl();
        output.WriteLine($"realized today {pnl.RealizedToday}, fees {pnl.Fees}, net {pnl.Net}, trades {pnl.TradesToday}");
        #endregion
    }

    /// <summary>Polls local state (no network) until it holds; state arrives on the hubs' threads.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        while (!condition())
            await Task.Delay(20, timeout.Token);
    }
}
