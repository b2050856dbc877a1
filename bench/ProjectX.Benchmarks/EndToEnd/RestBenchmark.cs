using System.Globalization;
using System.Text.Json.Nodes;

namespace ProjectX.Benchmarks.EndToEnd;

/// <summary>
/// REST per-call cost in the client's process: Account/search through <c>client.Gateway</c> against a bare HttpClient
/// on the same data classes, sequential and with concurrent callers, the simulator in its own process (rate limits off).
/// CPU is the client process's CPU time per call; bytes are what the client allocated per call.
/// </summary>
internal static class RestBenchmark
{
    public static async Task<int> RunAsync(int runs, int calls, IReadOnlyList<int> concurrencies, string? baseline)
    {
        var clients = new List<BenchClient> { BenchClient.DotNet("bare", BenchPaths.ClientsDll), BenchClient.DotNet("gateway", BenchPaths.ClientsDll) };
        if (baseline is not null)
            clients.Add(BenchClient.DotNet("gateway", await BenchClients.BuildBaselineAsync(baseline), "gateway (before)"));

        await using var simulator = await SimulatorProcess.StartAsync(SimulatorProcess.Config(0));
        var results = new List<(int Concurrency, int Run, string Label, JsonObject Result)>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var concurrency in concurrencies)
            {
                foreach (var client in BenchClient.Rotate(clients, run))
                {
                    var result = await client.RunAsync("rest",
                        ["--api", simulator.Api.ToString(), "--calls", calls.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture)],
                        TimeSpan.FromMinutes(5));
                    results.Add((concurrency, run, client.Label, result));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  run {run} ×{concurrency,-2} {client.Label,-17} {FeedBenchmark.Rate(result),8:N0} calls/s  {FeedBenchmark.CpuMicros(result),6:0.0} µs CPU/call  {Bytes(result),7:N0} B/call"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| callers | client | calls/s | CPU µs/call | allocated B/call | CPU vs bare | bytes vs bare |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var concurrency in concurrencies)
        {
            foreach (var client in clients)
            {
                var mine = results.Where(r => r.Concurrency == concurrency && r.Label == client.Label).ToList();
                List<double> Ratio(Func<JsonObject, double> f) => [.. mine.Select(m => f(m.Result) / f(results.Single(b => b.Concurrency == concurrency && b.Run == m.Run && b.Label == "bare").Result))];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {concurrency} | {client.Label} | {Stats.Range(mine.Select(m => FeedBenchmark.Rate(m.Result)).ToList(), "N0")} | {Stats.Range(mine.Select(m => FeedBenchmark.CpuMicros(m.Result)).ToList(), "0.0")} | " +
                    $"{Stats.Range(mine.Select(m => Bytes(m.Result)).ToList(), "N0")} | {Stats.Range(Ratio(FeedBenchmark.CpuMicros), "0.00")}× | {Stats.Range(Ratio(Bytes), "0.00")}× |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine("Cells: median [min–max] over the runs; ratios are against the bare HttpClient of the same run.");
        return 0;
    }

    private static double Bytes(JsonObject r) => r["allocatedBytes"]!.GetValue<double>() / r["units"]!.GetValue<double>();
}
