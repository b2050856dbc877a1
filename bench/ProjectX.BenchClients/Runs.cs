using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectX.BenchShared;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.BenchClients;

/// <summary>What this process used between two points: wall time, CPU time of every thread, bytes allocated.</summary>
public readonly record struct Usage(TimeSpan Wall, TimeSpan Cpu, long Allocated)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static Usage Now()
    {
        using var self = Process.GetCurrentProcess();
        return new Usage(Clock.Elapsed, self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false));
    }

    public static Usage operator -(Usage a, Usage b) => new(a.Wall - b.Wall, a.Cpu - b.Cpu, a.Allocated - b.Allocated);
}

internal static class Report
{
    /// <summary>The orchestrator reads the last line that starts with RESULT.</summary>
    public static int Write(JsonObject result)
    {
        Console.WriteLine("RESULT " + result.ToJsonString());
        return 0;
    }

    public static JsonObject Of(Usage used, long units) => new()
    {
        ["seconds"] = used.Wall.TotalSeconds,
        ["cpuSeconds"] = used.Cpu.TotalSeconds,
        ["allocatedBytes"] = used.Allocated,
        ["units"] = units,
        ["gcCollections"] = GC.CollectionCount(0),
    };
}

/// <summary>Consumes the (replayed) stream as fast as it arrives; measures <c>messages</c> after <c>warmup</c>.</summary>
internal static class FeedRun
{
    public static async Task<int> RunAsync(FeedEndpoints endpoints, string kind, long warmup, long messages, CancellationToken ct)
    {
        await using var consumer = await MarketConsumers.StartAsync(kind, endpoints, null, ct);
        await WaitForAsync(consumer, warmup, ct);
        var start = Usage.Now();
        await WaitForAsync(consumer, warmup + messages, ct);
        var used = Usage.Now() - start;
        var result = Report.Of(used, messages);
        result["client"] = kind;
        result["dropped"] = consumer.Dropped;
        return Report.Write(result);
    }

    /// <summary>Polls every millisecond (under 0.1 % of a multi-second run); fails when the stream stops for 30 s.</summary>
    private static async Task WaitForAsync(IMarketConsumer consumer, long count, CancellationToken ct)
    {
        var last = consumer.Messages;
        var progress = Stopwatch.StartNew();
        while (consumer.Messages + consumer.Dropped < count)
        {
            await Task.Delay(1, ct);
            if (consumer.Messages != last)
            {
                last = consumer.Messages;
                progress.Restart();
            }
            else if (progress.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"The stream stopped at {last:N0} messages (waiting for {count:N0}).");
        }
    }
}

/// <summary>Against the simulator's paced load feed: the age of every depth message when the consumer applies it.</summary>
internal static class LatencyRun
{
    public static async Task<int> RunAsync(FeedEndpoints endpoints, string kind, TimeSpan settle, TimeSpan duration, CancellationToken ct)
    {
        var latency = new LatencyRecorder(4_000_000);
        await using var consumer = await MarketConsumers.StartAsync(kind, endpoints, latency, ct);
        await Task.Delay(settle, ct);
        var start = Usage.Now();
        var before = consumer.Messages;
        latency.Start();
        await Task.Delay(duration, ct);
        latency.Stop();
        var used = Usage.Now() - start;
        var result = Report.Of(used, consumer.Messages - before);
        result["client"] = kind;
        result["dropped"] = consumer.Dropped;
        result["measuredAt"] = consumer.LatencyPoint;
        result["latency"] = latency.Summary();
        return Report.Write(result);
    }
}

/// <summary>Account/search in a loop, by the SDK's <c>client.Gateway</c> or by a bare HttpClient on the same data classes.</summary>
internal static class RestRun
{
    private static readonly SearchAccountRequest Request = new() { OnlyActiveAccounts = true };

    public static async Task<int> RunAsync(Uri api, string kind, int warmup, int calls, int concurrency, CancellationToken ct)
    {
        Func<CancellationToken, Task> call;
        IDisposable owner;
        switch (kind)
        {
            case "gateway":
                var client = await ProjectXClient.LogInAsync(new ProjectXClientOptions
                {
                    ApiBaseUrl = api,
                    UserName = HubText.DemoUser,
                    ApiKey = HubText.DemoKey,
                    // The limiter stays in the path (its cost counts) with room for every call.
                    RateLimits = new RateLimitOptions { GlobalPermits = int.MaxValue / 2, BarsPermits = int.MaxValue / 2 },
                }, ct);
                call = async c => Check(await client.Gateway.SearchAccountsAsync(Request, c));
                owner = new Disposer(() => client.DisposeAsync().AsTask().GetAwaiter().GetResult());
                break;
            case "bare":
                var http = new HttpClient { BaseAddress = api };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubText.LogInAsync(api, ct));
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                call = c => BareCallAsync(http, c);
                owner = http;
                break;
            default:
                throw new ArgumentException($"Unknown REST client '{kind}': use gateway or bare.", nameof(kind));
        }
        using (owner)
        {
            await RunCallersAsync(call, warmup, concurrency, ct);
            var start = Usage.Now();
            await RunCallersAsync(call, calls, concurrency, ct);
            var used = Usage.Now() - start;
            var result = Report.Of(used, calls);
            result["client"] = kind;
            result["concurrency"] = concurrency;
            return Report.Write(result);
        }
    }

    /// <summary>What a careful hand-written call looks like: one HttpClient, the body as UTF-8 bytes, the envelope read from the stream.</summary>
    private static async Task BareCallAsync(HttpClient http, CancellationToken ct)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(Request, GatewayJsonContext.Default.SearchAccountRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.PostAsync("/api/Account/search", content, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        Check(await JsonSerializer.DeserializeAsync(body, GatewayJsonContext.Default.SearchAccountResponse, ct));
    }

    private static void Check(SearchAccountResponse? response)
    {
        if (response is not { Success: true, Accounts.Count: > 0 })
            throw new InvalidOperationException("Account/search did not succeed.");
    }

    private static Task RunCallersAsync(Func<CancellationToken, Task> call, int calls, int concurrency, CancellationToken ct)
    {
        var remaining = calls;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
                await call(ct);
        }, ct)));
    }

    private sealed class Disposer(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
