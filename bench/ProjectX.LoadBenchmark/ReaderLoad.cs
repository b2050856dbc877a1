using System.Diagnostics;
using ProjectX.Client.Gateway;
using ProjectX.Simulation;

namespace ProjectX.Benchmarks.Load;

/// <summary>
/// The probe's load: N concurrent readers, each sending the next read of a fixed mix as soon as the previous one is
/// answered, while M hub connections receive the user and market feeds. Counts every answer that is not HTTP 200
/// with <c>success: true</c> as an error.
/// </summary>
internal static class ReaderLoad
{
    private const int AccountId = 1001;

    internal static readonly (GatewayOperation Operation, string Body)[] Reads =
    [
        (GatewayOperation.SearchAccounts, """{"onlyActiveAccounts":true}"""),
        (GatewayOperation.SearchOpenOrders, $$"""{"accountId":{{AccountId}}}"""),
        (GatewayOperation.SearchPositions, $$"""{"accountId":{{AccountId}}}"""),
        (GatewayOperation.SearchContracts, """{"searchText":"MNQ","live":false}"""),
        (GatewayOperation.SearchTrades, $$"""{"accountId":{{AccountId}},"startTimestamp":"2020-01-01T00:00:00Z","endTimestamp":null}"""),
        (GatewayOperation.AvailableContracts, """{"live":false}"""),
    ];

    public static async Task<LoadResult> RunAsync(LoadSettings settings)
    {
        await using var target = await SimulatorTarget.StartAsync();
        var token = await target.LoginAsync(SimulatorOptions.DemoUserName, SimulatorOptions.DemoApiKey);
        var contractId = await FirstContractAsync(target, token);
        await target.OpenHubsAsync(settings.Hubs, token, AccountId, contractId);

        var recorder = new LatencyRecorder();
        var measuring = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, settings.Readers).Select(i => Task.Run(async () =>
        {
            for (var n = i; !stop.IsCancellationRequested; n++)
            {
                var (operation, body) = Reads[n % Reads.Length];
                var started = Stopwatch.GetTimestamp();
                var ok = await TrySendAsync(target, operation, body, token);
                if (Volatile.Read(ref measuring) == 1) recorder.Record(started, ok);
            }
        })).ToArray();

        await Task.Delay(settings.Warmup);
        Volatile.Write(ref measuring, 1);
        var clock = Stopwatch.StartNew();
        await Task.Delay(settings.Duration);
        Volatile.Write(ref measuring, 0);
        var measured = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        return recorder.Result(measured);
    }

    internal static async Task<bool> TrySendAsync(SimulatorTarget target, GatewayOperation operation, string body, string token)
    {
        try
        {
            using var response = await target.PostAsync(operation, body, token);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && text.Contains("\"success\":true", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    internal static async Task<string> FirstContractAsync(SimulatorTarget target, string token)
    {
        using var response = await target.PostAsync(GatewayOperation.SearchContracts, """{"searchText":"MNQ","live":false}""", token);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("contracts")[0].GetProperty("id").GetString()!;
    }
}
