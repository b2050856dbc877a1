using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Benchmarks.Load;

/// <summary>
/// The server's own cost per request, without sockets: the same read mix as <see cref="ReaderLoad"/> sent to the
/// in-process gateway on one thread. Reports the process's CPU time per request (GC included) and the best of five
/// batches of the calling thread's CPU time (Linux), which a busy machine disturbs far less than wall-clock throughput.
/// </summary>
internal static partial class GatewayCpuCost
{
    private const int Batches = 5;

    public static async Task<string> RunAsync(int requests)
    {
        var options = new SimulatorOptions();
        options.RateLimits.Enabled = false;
        using var gateway = new SimulatedGateway(options);
        var login = await gateway.HandleAsync(GatewayHttpRequest.Post(GatewayOperation.LoginKey.Path, """{"userName":"demo","apiKey":"demo-api-key"}"""));
        using var body = JsonDocument.Parse(login.Body);
        var token = body.RootElement.GetProperty("token").GetString()!;
        var reads = ReaderLoad.Reads.Select(r => GatewayHttpRequest.Post(r.Operation.Path, r.Body, token)).ToArray();
        for (var i = 0; i < 2_000; i++) await gateway.HandleAsync(reads[i % reads.Length]); // warm up

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var processCpu = process.TotalProcessorTime;
        var bestThread = double.MaxValue;
        var errors = 0;
        var perBatch = requests / Batches;
        for (var batch = 0; batch < Batches; batch++)
        {
            var threadStart = ThreadCpuMicroseconds();
            for (var i = 0; i < perBatch; i++)
            {
                // Synchronous on purpose: the in-process gateway completes at once, so the thread stays the same.
                var answer = gateway.HandleAsync(reads[i % reads.Length]).GetAwaiter().GetResult();
                if (answer.StatusCode != 200) errors++;
            }
            bestThread = Math.Min(bestThread, (ThreadCpuMicroseconds() - threadStart) / perBatch);
        }
        process.Refresh();
        var perRequest = (process.TotalProcessorTime - processCpu).TotalMicroseconds / (perBatch * Batches);
        var thread = OperatingSystem.IsLinux() ? $", thread {bestThread:N1} µs (best of {Batches})" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"| in-process gateway, one thread, same read mix | {perBatch * Batches:N0} | CPU per request: process {perRequest:N1} µs{thread} | | | | {errors:N0} |");
    }

    private static double ThreadCpuMicroseconds()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        _ = ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time);
        return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
