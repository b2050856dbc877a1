using System.Diagnostics;
using System.Globalization;
using ProjectX.BenchShared;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.State;
using ProjectX.Simulation;
using ProjectX.Simulator;

namespace ProjectX.Benchmarks;

/// <summary>
/// End to end over loopback: the simulator (Kestrel on 127.0.0.1, real WebSockets, SignalR JSON protocol) in load
/// mode sends single-row GatewayDepth messages at a target rate on top of its regular feed; a <see cref="TradingSuite"/>
/// (one symbol, order book, 6 bar timeframes) applies them. Measures messages sent by the server and events applied
/// to live state per second, whether anything was dropped, and how old each depth message is when it is applied.
/// <c>dotnet run -c Release --project bench/ProjectX.Benchmarks -- loopback [--rates 50000 100000] [--seconds 10]</c>
/// </summary>
public static class LoopbackFeed
{
    public static async Task<int> RunAsync(IReadOnlyList<int> rates, TimeSpan duration)
    {
        Console.WriteLine("| target msg/s | server sent msg/s | applied to state msg/s | dropped | depth rows applied | bars (1s) closed | latency p50 | p99 | p99.9 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rate in rates)
            Console.WriteLine(await MeasureAsync(rate, duration));
        return 0;
    }

    private static async Task<string> MeasureAsync(int rate, TimeSpan duration)
    {
        var options = new SimulatorOptions();
        options.Realtime.LoadMessagesPerSecond = rate;
        options.Realtime.MaxQueuedMessagesPerConnection = 2_000_000;
        options.RateLimits.Enabled = false;
        await using var server = await SimulatorServer.StartAsync(options, 0);
        var clientOptions = new ProjectXClientOptions
        {
            ApiBaseUrl = server.BaseUrl,
            UserHubUrl = server.UserHubUrl,
            MarketHubUrl = server.MarketHubUrl,
            UserName = SimulatorOptions.DemoUserName,
            ApiKey = SimulatorOptions.DemoApiKey,
        };
        Timeframe[] timeframes = [Timeframe.OneSecond, new(AggregateBarUnit.Second, 5), Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour];
        await using var suite = await TradingSuite.CreateAsync(clientOptions, ["MNQ"], timeframes,
            new TradingSuiteOptions { HistoryBars = 0, EventQueueCapacity = 1_000_000 });
        var book = suite.OrderBooks["MNQ"];
        // The age of each depth message when the engine has applied it (its row's timestamp against the clock).
        var latency = new LatencyRecorder((int)Math.Min(int.MaxValue, rate * 1.5 * duration.TotalSeconds) + 100_000);
        book.Changed += (_, _) => latency.Record(book.LastRowTimestamp);

        await Task.Delay(TimeSpan.FromSeconds(2)); // warm up: JIT, connection, load generator start
        long sent0 = server.Realtime.MarketMessagesSent, applied0 = suite.AppliedEventCount, rows0 = book.DepthRowsApplied;
        var clock = Stopwatch.StartNew();
        latency.Start();
        await Task.Delay(duration);
        latency.Stop();
        var elapsed = clock.Elapsed.TotalSeconds;
        var l = latency.Summary();
        long sent = server.Realtime.MarketMessagesSent - sent0, applied = suite.AppliedEventCount - applied0, rows = book.DepthRowsApplied - rows0;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {rate:N0} | {sent / elapsed:N0} | {applied / elapsed:N0} | {suite.DroppedEventCount:N0} | {rows / elapsed:N0}/s | {suite.Bars["MNQ"][Timeframe.OneSecond].ClosedCount:N0} | {l["p50Ms"]!.GetValue<double>():0.0} ms | {l["p99Ms"]!.GetValue<double>():0.0} ms | {l["p999Ms"]!.GetValue<double>():0.0} ms |");
    }
}
