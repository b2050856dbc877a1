using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Benchmarks.Load;

/// <summary>
/// The server's own cost per request, without sockets: the same read mix as <see cref="ReaderLoad"/> sent to the
/// in-process gateway on one thread, measured in process CPU time (user + system), which a busy machine disturbs
/// far less than wall-clock throughput.
/// </summary>
internal static class GatewayCpuCost
{
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
        var cpu = process.TotalProcessorTime;
        var errors = 0;
        for (var i = 0; i < requests; i++)
        {
            var answer = await gateway.HandleAsync(reads[i % reads.Length]);
            if (answer.StatusCode != 200) errors++;
        }
        process.Refresh();
        var perRequest = (process.TotalProcessorTime - cpu).TotalMicroseconds / requests;
        return string.Create(CultureInfo.InvariantCulture,
            $"| in-process gateway, one thread, same read mix | {requests:N0} | CPU {perRequest:N1} µs per request | | | | {errors:N0} |");
    }
}
