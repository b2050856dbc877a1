using System.CommandLine;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ProjectX.Benchmarks.EndToEnd;

namespace ProjectX.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/ProjectX.Benchmarks</c> runs the component benchmarks (live state, decoding)
/// in a short BenchmarkDotNet job (in-process, 1 launch, 3 warm-ups, 10 single-invocation iterations); <c>--full</c> uses
/// BenchmarkDotNet's default job and other arguments go to BenchmarkDotNet (e.g. <c>--filter *Decode*</c>). The
/// end-to-end benchmarks are commands: <c>feed</c>, <c>latency</c>, <c>rest</c> and <c>loopback</c> (docs/performance.md).
/// </summary>
public static class Program
{
    private static readonly string[] Commands = ["feed", "latency", "rest", "loopback", "-h", "--help", "-?"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && Commands.Contains(args[0]))
            return await EndToEndCommands().Parse(args).InvokeAsync();
        bool full = args.Contains("--full");
        var job = full
            ? Job.Default
            : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("Short");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
            .AddColumn(new MessagesPerSecondColumn())
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var rest = args.Where(a => a != "--full").ToArray();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }

    private static RootCommand EndToEndCommands()
    {
        var runs = new Option<int>("--runs") { Description = "Repetitions (each client once per run, in a rotating order).", DefaultValueFactory = _ => 3 };
        var baseline = new Option<string?>("--baseline") { Description = "Another checkout of the repository: also measure its ProjectX.Client (\"before\")." };

        var warmup = new Option<long>("--warmup") { Description = "Messages each client consumes before measuring.", DefaultValueFactory = _ => 300_000 };
        var messages = new Option<long>("--messages") { Description = "Messages measured per client.", DefaultValueFactory = _ => 2_000_000 };
        var recordLoad = new Option<int>("--record-load") { Description = "The simulator's load rate while recording the stream.", DefaultValueFactory = _ => 100_000 };
        var feed = new Command("feed", "Throughput at saturation: floor, Node, a bare HubConnection and the TradingSuite on a replayed simulator stream.")
            { runs, baseline, warmup, messages, recordLoad };
        feed.SetAction(r => FeedBenchmark.RunAsync(r.GetValue(runs), r.GetValue(warmup), r.GetValue(messages), r.GetValue(recordLoad), r.GetValue(baseline)));

        var rates = new Option<int[]>("--rates") { Description = "Load rates in messages per second.", DefaultValueFactory = _ => [25_000, 100_000], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per client.", DefaultValueFactory = _ => 10 };
        var latencyRuns = new Option<int>("--runs") { Description = "Repetitions per rate.", DefaultValueFactory = _ => 2 };
        var latency = new Command("latency", "End-to-end latency percentiles with the simulator in its own process.") { rates, seconds, latencyRuns, baseline };
        latency.SetAction(r => LatencyBenchmark.RunAsync(r.GetValue(rates)!, r.GetValue(latencyRuns), r.GetValue(seconds), r.GetValue(baseline)));

        var calls = new Option<int>("--calls") { Description = "Calls measured per client and concurrency.", DefaultValueFactory = _ => 20_000 };
        var concurrency = new Option<int[]>("--concurrency") { Description = "Concurrent callers.", DefaultValueFactory = _ => [1, 16], AllowMultipleArgumentsPerToken = true };
        var rest = new Command("rest", "REST per-call CPU and bytes: client.Gateway against a bare HttpClient.") { runs, calls, concurrency, baseline };
        rest.SetAction(r => RestBenchmark.RunAsync(r.GetValue(runs), r.GetValue(calls), r.GetValue(concurrency)!, r.GetValue(baseline)));

        var loopbackRates = new Option<int[]>("--rates") { Description = "Load rates in messages per second.", DefaultValueFactory = _ => [50_000, 100_000, 200_000], AllowMultipleArgumentsPerToken = true };
        var loopbackSeconds = new Option<double>("--seconds") { Description = "Measured seconds per rate.", DefaultValueFactory = _ => 10 };
        var loopback = new Command("loopback", "Server and TradingSuite in one process over loopback: what is applied and dropped at each rate.") { loopbackRates, loopbackSeconds };
        loopback.SetAction(r => LoopbackFeed.RunAsync(r.GetValue(loopbackRates)!, TimeSpan.FromSeconds(r.GetValue(loopbackSeconds))));

        return new RootCommand("ProjectX end-to-end benchmarks (see docs/performance.md). Without a command: the BenchmarkDotNet component benchmarks.")
            { feed, latency, rest, loopback };
    }
}
