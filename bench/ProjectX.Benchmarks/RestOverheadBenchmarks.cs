using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Benchmarks;

/// <summary>
/// The client's own cost per REST call, without a network: Account/search through <c>client.Gateway</c> against a bare
/// HttpClient on the same data classes, both over the same in-memory handler (it copies the request body out, completes
/// asynchronously like a socket, and answers with the same bytes). What is left is exactly what each side adds around
/// the exchange: one caller in a loop, and 16 callers at once. The end-to-end counterpart over real sockets is
/// <c>rest</c> (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RestOverheadBenchmarks
{
    private const int Calls = 40_000;
    private const int Callers = 16;
    private static readonly SearchAccountRequest Request = new() { OnlyActiveAccounts = true };

    private HttpClient _bare = null!;
    private ProjectXClient _client = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bare = new HttpClient(new CannedGateway()) { BaseAddress = new Uri("http://gateway.test") };
        _bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CannedGateway.Token);
        _bare.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _client = await ProjectXClient.LogInAsync(new ProjectXClientOptions
        {
            ApiBaseUrl = new Uri("http://gateway.test"),
            UserName = "bench",
            ApiKey = "bench-key",
            HttpMessageHandler = new CannedGateway(),
            // The limiter stays in the path, with room for every call.
            RateLimits = new RateLimitOptions { GlobalPermits = int.MaxValue / 2, BarsPermits = int.MaxValue / 2 },
        });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _bare.Dispose();
        await _client.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls), BenchmarkCategory("Sequential")]
    public async Task Bare_Sequential()
    {
        for (var i = 0; i < Calls; i++)
            await BareCallAsync();
    }

    [Benchmark(OperationsPerInvoke = Calls), BenchmarkCategory("Sequential")]
    public async Task Gateway_Sequential()
    {
        for (var i = 0; i < Calls; i++)
            await _client.Gateway.SearchAccountsAsync(Request);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls), BenchmarkCategory("16 callers")]
    public Task Bare_16Callers() => Concurrently(BareCallAsync);

    [Benchmark(OperationsPerInvoke = Calls), BenchmarkCategory("16 callers")]
    public Task Gateway_16Callers() => Concurrently(() => _client.Gateway.SearchAccountsAsync(Request));

    /// <summary>What a careful hand-written call looks like (the same as the end-to-end benchmark's bare client).</summary>
    private async Task BareCallAsync()
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(Request, GatewayJsonContext.Default.SearchAccountRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _bare.PostAsync("/api/Account/search", content);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var envelope = await JsonSerializer.DeserializeAsync(body, GatewayJsonContext.Default.SearchAccountResponse);
        if (envelope is not { Success: true })
            throw new InvalidOperationException("Account/search did not succeed.");
    }

    private static Task Concurrently(Func<Task> call) =>
        Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Calls / Callers; i++)
                await call();
        })));

    /// <summary>The gateway without a network: reads the request body, yields like a socket, answers with fixed bytes.</summary>
    private sealed class CannedGateway : HttpMessageHandler
    {
        public const string Token = "bench-token";
        private static readonly byte[] Login = Encoding.UTF8.GetBytes($$"""{"token":"{{Token}}","success":true,"errorCode":0,"errorMessage":null}""");
        private static readonly byte[] Accounts = Encoding.UTF8.GetBytes("""
            {"accounts":[
            {"id":1001,"name":"PRAC-V2-DEMO-50K","balance":50000.000000000,"canTrade":true,"isVisible":true,"simulated":true},
            {"id":1002,"name":"PRAC-V2-DEMO-150K","balance":150000.000000000,"canTrade":true,"isVisible":true,"simulated":true},
            {"id":1003,"name":"PRAC-V2-DEMO-POSBRK","balance":50000.000000000,"canTrade":true,"isVisible":true,"simulated":true},
            {"id":1004,"name":"PRAC-V2-DEMO-LOCKED","balance":50000.000000000,"canTrade":false,"isVisible":true,"simulated":true},
            {"id":1005,"name":"EXPRESS-V2-DEMO-50K","balance":50000.000000000,"canTrade":true,"isVisible":true,"simulated":false}],
            "success":true,"errorCode":0,"errorMessage":null}
            """);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            await Task.Yield();
            var body = request.RequestUri!.AbsolutePath.EndsWith("loginKey", StringComparison.Ordinal) ? Login : Accounts;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
