using System.Diagnostics;
using ProjectX.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.Examples.Sdk;

/// <summary>How long the same four reads took one after another and all at once.</summary>
public sealed record ConcurrencyTimings(TimeSpan Sequential, TimeSpan Concurrent)
{
    public double Speedup => Concurrent > TimeSpan.Zero ? Sequential / Concurrent : double.PositiveInfinity;
}

/// <summary>
/// The seed's <c>asyncio.gather</c>: independent reads run at once with <c>Task.WhenAll</c>. Every client call is
/// safe to run concurrently (one token, one rate-limit budget). Measures the same four reads sequentially and
/// concurrently; on the simulator the runner adds per-request latency so the difference is visible.
/// </summary>
public static class ConcurrentCalls
{
    public static async Task<ConcurrencyTimings> RunAsync(SdkExampleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        await using var client = await ProjectXClient.ConnectAsync(context.Options, cancellationToken);
        await client.GetInstrumentAsync("MNQ", cancellationToken); // warm the contract cache: both runs then send the same requests

        var started = Stopwatch.GetTimestamp();
        var accountList = await client.GetAccountsAsync(cancellationToken: cancellationToken);
        var positionList = await client.GetPositionsAsync(cancellationToken: cancellationToken);
        var orderList = await client.GetOpenOrdersAsync(cancellationToken: cancellationToken);
        var barList = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Minute, 5) { Count = 100 }, cancellationToken);
        var sequential = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        #region concurrent
        var accounts = client.GetAccountsAsync(cancellationToken: cancellationToken);
        var positions = client.GetPositionsAsync(cancellationToken: cancellationToken);
        var orders = client.GetOpenOrdersAsync(cancellationToken: cancellationToken);
        var bars = client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Minute, 5) { Count = 100 }, cancellationToken);
        await Task.WhenAll(accounts, positions, orders, bars);

        output.WriteLine($"{(await accounts).Count} accounts, {(await positions).Count} positions, " +
                         $"{(await orders).Count} open orders, {(await bars).Count} 5-minute bars");
        #endregion
        var concurrent = Stopwatch.GetElapsedTime(started);

        var timings = new ConcurrencyTimings(sequential, concurrent);
        output.WriteLine($"sequential {sequential.TotalMilliseconds:0} ms ({accountList.Count + positionList.Count + orderList.Count + barList.Count} items), " +
                         $"concurrent {concurrent.TotalMilliseconds:0} ms: {timings.Speedup:0.0}x");
        return timings;
    }
}
