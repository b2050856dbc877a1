using System.Globalization;
using System.Text.Json.Nodes;

namespace ProjectX.Benchmarks.EndToEnd;

/// <summary>
/// End-to-end latency: the simulator in its own process sends single-row depth messages at a paced rate (load mode,
/// on top of its regular feed); each client, in its own process on the same cores, records how old each depth message
/// is (its row's timestamp against the clock) when it reaches the client's state. p50, p99, p99.9 per rate and client.
/// </summary>
internal static class LatencyBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<int> rates, int runs, double seconds, string? baseline)
    {
        var clients = await BenchClients.MarketAsync(baseline);

        var results = new List<(int Rate, int Run, string Label, JsonObject Result)>();
        foreach (var rate in rates)
        {
            await using var simulator = await SimulatorProcess.StartAsync(SimulatorProcess.Config(rate));
            var contract = await Contracts.ResolveAsync(simulator.Api, "MNQ");
            for (var run = 1; run <= runs; run++)
            {
                foreach (var client in BenchClient.Rotate(clients, run))
                {
                    var result = await client.RunAsync("latency",
                        ["--api", simulator.Api.ToString(), "--contract", contract, "--seconds", seconds.ToString(CultureInfo.InvariantCulture)],
                        TimeSpan.FromMinutes(3));
                    results.Add((rate, run, client.Label, result));
                    var l = result["latency"]!;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {rate,7:N0}/s run {run} {client.Label,-15} received {FeedBenchmark.Rate(result),9:N0} msg/s  p50 {l["p50Ms"]!.GetValue<double>(),8:0.00} ms  p99 {l["p99Ms"]!.GetValue<double>(),8:0.00} ms  p99.9 {l["p999Ms"]!.GetValue<double>(),8:0.00} ms  ({result["measuredAt"]})"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| rate | client | received msg/s | CPU µs/msg | p50 ms | p99 ms | p99.9 ms | max ms |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var rate in rates)
        {
            foreach (var client in clients)
            {
                var mine = results.Where(r => r.Rate == rate && r.Label == client.Label).Select(r => r.Result).ToList();
                List<double> Of(string name) => [.. mine.Select(r => r["latency"]![name]!.GetValue<double>())];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {rate:N0} | {client.Label} | {Stats.Range(mine.Select(FeedBenchmark.Rate).ToList(), "N0")} | {Stats.Range(mine.Select(FeedBenchmark.CpuMicros).ToList(), "0.00")} | {Stats.Range(Of("p50Ms"), "0.0")} | {Stats.Range(Of("p99Ms"), "0.0")} | {Stats.Range(Of("p999Ms"), "0.0")} | {Stats.Range(Of("maxMs"), "0.0")} |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine("Cells: median [min–max] over the runs. Latency = the client's clock when the message reached its state − the row's timestamp (the simulator stamps a 10 ms tick's rows with the tick's time).");
        return 0;
    }
}
