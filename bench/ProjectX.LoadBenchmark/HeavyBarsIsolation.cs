using System.Diagnostics;
using System.Globalization;
using ProjectX.Client.Gateway;
using ProjectX.Simulation;

namespace ProjectX.Benchmarks.Load;

/// <summary>
/// Issue 12, defect 4: one user sends the most expensive bars request back to back (1-second bars, unitNumber 86,399,
/// limit 20,000) while another user places market orders one after the other. Reports the order latencies.
/// </summary>
internal static class HeavyBarsIsolation
{
    private const int AccountId = 2001;

    public static async Task<LoadResult> RunAsync(LoadSettings settings)
    {
        await using var target = await SimulatorTarget.StartAsync();
        var heavyToken = await target.LoginAsync(SimulatorOptions.DemoUserName, SimulatorOptions.DemoApiKey);
        var traderToken = await target.LoginAsync(SimulatorOptions.SecondUserName, SimulatorOptions.SecondUserApiKey);
        var contractId = await ReaderLoad.FirstContractAsync(target, traderToken);
        var now = DateTimeOffset.UtcNow;
        var bars = string.Create(CultureInfo.InvariantCulture,
            $$"""{"contractId":"{{contractId}}","live":false,"startTime":"2000-01-01T00:00:00Z","endTime":"{{now:O}}","unit":1,"unitNumber":86399,"limit":20000,"includePartialBar":false}""");

        using var stop = new CancellationTokenSource();
        var heavy = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await ReaderLoad.TrySendAsync(target, GatewayOperation.RetrieveBars, bars, heavyToken);
        })).ToArray();
        await Task.Delay(settings.Warmup);

        var recorder = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.Orders; i++)
        {
            var side = i % 2; // buy, then sell: the position goes flat every second order
            var started = Stopwatch.GetTimestamp();
            var ok = await ReaderLoad.TrySendAsync(target, GatewayOperation.PlaceOrder,
                $$"""{"accountId":{{AccountId}},"contractId":"{{contractId}}","type":2,"side":{{side}},"size":1,"limitPrice":null,"stopPrice":null,"trailPrice":null,"customTag":null,"stopLossBracket":null,"takeProfitBracket":null}""",
                traderToken);
            recorder.Record(started, ok);
        }
        var measured = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(heavy);
        return recorder.Result(measured);
    }
}
