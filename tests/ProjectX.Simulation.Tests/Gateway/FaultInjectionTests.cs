using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Gateway;

public sealed class FaultInjectionTests : IDisposable
{
    private const string MarketBuy = """{"accountId":1001,"contractId":"CON.F.US.MNQ.Z26","type":2,"side":0,"size":1,"customTag":"tag-1"}""";
    private readonly GatewayHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_dropped_response_still_executes_the_request()
    {
        var token = await _h.Login();
        _h.Gateway.Faults.DropResponses(GatewayOperation.PlaceOrder);

        var dropped = await _h.Post("/api/Order/place", MarketBuy, token);
        Assert.True(dropped.DropConnection);
        var order = Assert.Single(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
        Assert.Equal("tag-1", order.CustomTag);
        Assert.Equal(OrderStatus.Filled, order.Status);

        // Only once.
        Assert.False((await _h.Post("/api/Order/place", MarketBuy.Replace("tag-1", "tag-2", StringComparison.Ordinal), token)).DropConnection);
    }

    [Fact]
    public async Task Server_errors_and_throttles_are_answered_without_executing()
    {
        var token = await _h.Login();
        _h.Gateway.Faults.FailWithServerError("Order/place", times: 2, statusCode: 502);
        _h.Gateway.Faults.Throttle("/api/Order/place", retryAfter: TimeSpan.FromSeconds(7));

        Assert.Equal(502, (await _h.Post("/api/Order/place", MarketBuy, token)).StatusCode);
        Assert.Equal(502, (await _h.Post("/api/Order/place", MarketBuy, token)).StatusCode);
        var throttled = await _h.Post("/api/Order/place", MarketBuy, token);
        Assert.Equal(429, throttled.StatusCode);
        Assert.Equal("7", throttled.Headers["Retry-After"]);
        Assert.Empty(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));

        Assert.Equal(200, (await _h.Post("/api/Order/place", MarketBuy, token)).StatusCode);
        Assert.Single(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Fact]
    public async Task Any_operation_faults_and_reset()
    {
        var token = await _h.Login();
        _h.Gateway.Faults.FailWithServerError(SimulatorFaults.AnyOperation, times: 3);
        Assert.Equal(503, (await _h.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", token)).StatusCode);
        _h.Gateway.Faults.Reset();
        Assert.Equal(200, (await _h.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", token)).StatusCode);
    }

    [Fact]
    public async Task In_memory_handler_carries_requests_and_turns_a_drop_into_an_HttpRequestException()
    {
        using var client = new HttpClient(_h.Gateway.CreateHttpMessageHandler()) { BaseAddress = SimulatedGateway.InProcessBaseUrl };
        var login = await client.PostAsync(new Uri("/api/Auth/loginKey", UriKind.Relative),
            new StringContent("""{"userName":"demo","apiKey":"demo-api-key"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("application/json", login.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());

        _h.Gateway.Faults.Throttle(GatewayOperation.SearchAccounts, retryAfter: TimeSpan.FromSeconds(3));
        var throttled = await client.PostAsync(new Uri("/api/Account/search", UriKind.Relative), new StringContent("""{"onlyActiveAccounts":true}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);

        _h.Gateway.Faults.DropResponses(GatewayOperation.PlaceOrder);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync(new Uri("/api/Order/place", UriKind.Relative), new StringContent(MarketBuy, Encoding.UTF8, "application/json")));
        Assert.Single(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Fact]
    public async Task Latency_delays_the_answer_and_honours_cancellation()
    {
        _h.Gateway.Faults.Latency = TimeSpan.FromMinutes(10);
        using var cancel = new CancellationTokenSource();
        var pending = _h.Gateway.HandleAsync(new GatewayHttpRequest("GET", "/api/Status/ping"), cancel.Token);
        Assert.False(pending.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }
}
