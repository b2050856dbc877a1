using System.Globalization;
using System.Text.Json.Nodes;

namespace ProjectX.Benchmarks.EndToEnd;

/// <summary>
/// Market-feed throughput at saturation, client and server in separate processes. The simulator's market stream (load
/// mode) is recorded once, then replayed by <see cref="ReplayServer"/> as fast as each client reads; each client runs in
/// its own process and is measured over the same number of messages after a warm-up:
/// floor (ClientWebSocket + System.Text.Json on the same data classes, no SignalR), node (@microsoft/signalr),
/// bare (a default .NET HubConnection whose handlers count), suite (TradingSuite: the live engine applying every
/// message to the order book, 6 bar timeframes and the quote book), and "suite (before)" with --baseline.
/// </summary>
internal static class FeedBenchmark
{
    public static async Task<int> RunAsync(int runs, long warmup, long messages, int recordLoad, string? baseline)
    {
        var clients = await BenchClients.MarketAsync(baseline);

        await using var simulator = await SimulatorProcess.StartAsync(SimulatorProcess.Config(recordLoad));
        var contract = await Contracts.ResolveAsync(simulator.Api, "MNQ");
        var frames = await StreamRecorder.RecordAsync(simulator.Api, contract, 200_000);
        await using var replay = await ReplayServer.StartAsync(frames);
        Console.WriteLine($"> recorded {frames.Count:N0} market messages of {contract} from the simulator (load {recordLoad:N0}/s, {frames.Average(f => f.Length):0} bytes each on average); replaying them to each client");
        Console.WriteLine($"> {runs} runs; each client in its own process, {warmup:N0} messages of warm-up, then {messages:N0} measured");
        Console.WriteLine();

        var results = new List<(int Run, string Label, JsonObject Result)>();
        for (var run = 1; run <= runs; run++)
        {
            // A different order each run, so no client always runs first or right after another.
            foreach (var client in BenchClient.Rotate(clients, run))
            {
                var result = await client.RunAsync("feed",
                    ["--api", simulator.Api.ToString(), "--market", replay.MarketHubUrl.ToString(), "--contract", contract,
                     "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--messages", messages.ToString(CultureInfo.InvariantCulture)],
                    TimeSpan.FromMinutes(5));
                results.Add((run, client.Label, result));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run} {client.Label,-15} {Rate(result),10:N0} msg/s  {CpuMicros(result),5:0.00} µs CPU/msg  {Cores(result):0.00} cores"));
            }
        }
        Print(results, clients);
        return 0;
    }

    internal static double Rate(JsonObject r) => r["units"]!.GetValue<double>() / r["seconds"]!.GetValue<double>();
    internal static double CpuMicros(JsonObject r) => r["cpuSeconds"]!.GetValue<double>() * 1e6 / r["units"]!.GetValue<double>();
    private static double Cores(JsonObject r) => r["cpuSeconds"]!.GetValue<double>() / r["seconds"]!.GetValue<double>();
    private static double BytesPer(JsonObject r) => r["allocatedBytes"] is { } b ? b.GetValue<double>() / r["units"]!.GetValue<double>() : double.NaN;

    private static void Print(List<(int Run, string Label, JsonObject Result)> results, List<BenchClient> clients)
    {
        double RatioTo(string label, int run, string baseline, Func<JsonObject, double> f)
        {
            var mine = results.FirstOrDefault(r => r.Run == run && r.Label == label).Result;
            var other = results.FirstOrDefault(r => r.Run == run && r.Label == baseline).Result;
            return mine is null || other is null ? double.NaN : f(mine) / f(other);
        }
        var runs = results.Max(r => r.Run);
        Console.WriteLine();
        Console.WriteLine("| client | msg/s | CPU µs/msg | cores | allocated B/msg | dropped | throughput vs node | throughput vs floor |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var client in clients)
        {
            var mine = results.Where(r => r.Label == client.Label).Select(r => r.Result).ToList();
            var vsNode = Enumerable.Range(1, runs).Select(run => RatioTo(client.Label, run, "node", Rate)).Where(v => !double.IsNaN(v)).ToList();
            var vsFloor = Enumerable.Range(1, runs).Select(run => RatioTo(client.Label, run, "floor", Rate)).ToList();
            Console.WriteLine($"| {client.Label} | {Stats.Range(mine.Select(Rate).ToList(), "N0")} | {Stats.Range(mine.Select(CpuMicros).ToList(), "0.00")} | " +
                $"{Stats.Range(mine.Select(Cores).ToList(), "0.00")} | {Stats.Range(mine.Select(BytesPer).ToList(), "0")} | {mine.Sum(r => r["dropped"]!.GetValue<long>()):N0} | " +
                $"{(vsNode.Count == 0 ? "–" : Stats.Range(vsNode, "0.00") + "×")} | {Stats.Range(vsFloor, "0.00")}× |");
        }
        Console.WriteLine();
        Console.WriteLine("Cells: median [min–max] over the runs; ratios are taken within each run (same server, same minute).");
    }
}
