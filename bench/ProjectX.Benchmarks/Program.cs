using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ProjectX.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/ProjectX.Benchmarks</c> runs the live-state benchmarks in a short job
/// (in-process, 1 launch, 3 warm-ups, 10 single-invocation iterations of 100,000 messages: a few minutes on 2 cores). Add <c>--full</c> for BenchmarkDotNet's
/// default job. Other arguments go to BenchmarkDotNet (e.g. <c>--filter *Depth*</c>). <c>loopback [rates] [--seconds n]</c>
/// measures the simulator's load feed into a TradingSuite over real loopback sockets instead (<see cref="LoopbackFeed"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "loopback")
            return await LoopbackFeed.RunAsync(args[1..]);
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
}
