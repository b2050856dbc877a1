using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>The host on a real loopback socket (Kestrel on 127.0.0.1, port 0).</summary>
public sealed class SimulatorServerTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(port: 0);
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        _http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task Login()
    {
        var response = await Post("/api/Auth/loginKey", """{"userName":"demo","apiKey":"demo-api-key"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
    }

    [Fact]
    public void Listens_on_loopback_only_with_hub_urls_beside_the_rest_base()
    {
        Assert.Equal("127.0.0.1", _server.BaseUrl.Host);
        Assert.NotEqual(0, _server.BaseUrl.Port);
        Assert.Equal(new Uri(_server.BaseUrl, "/hubs/user"), _server.UserHubUrl);
        Assert.Equal(new Uri(_server.BaseUrl, "/hubs/market"), _server.MarketHubUrl);
    }

    [Fact]
    public async Task Serves_the_rest_operations_over_http()
    {
        var ping = await _http.GetAsync(new Uri("/api/Status/ping", UriKind.Relative));
        Assert.Equal("pong", await ping.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post("/api/Account/search", """{"onlyActiveAccounts":true}""")).StatusCode);

        await Login();
        var accounts = await Post("/api/Account/search", """{"onlyActiveAccounts":true}""");
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        Assert.Equal("application/json", accounts.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"balance\":50000.000000000", await accounts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Post("/api/Nope", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/api/Order/v2/query", "{}")).StatusCode);
    }

    [Fact]
    public async Task Injected_faults_cross_the_socket()
    {
        await Login();
        _server.Gateway.Faults.Throttle(GatewayOperation.SearchAccounts, retryAfter: TimeSpan.FromSeconds(4));
        var throttled = await Post("/api/Account/search", """{"onlyActiveAccounts":true}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), throttled.Headers.RetryAfter!.Delta);

        var contract = _server.Gateway.Exchange.Catalog.Search("MNQ", DateTimeOffset.UtcNow).First(c => c.ActiveContract).Id;
        _server.Gateway.Faults.DropResponses(GatewayOperation.PlaceOrder);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Post("/api/Order/place", $$"""{"accountId":1001,"contractId":"{{contract}}","type":2,"side":0,"size":1,"customTag":"dropped-1"}"""));
        // The order was executed even though the caller never got an answer.
        Assert.Contains(_server.Gateway.Exchange.GetOrders(1001), o => o.CustomTag == "dropped-1" && o.Status == OrderStatus.Filled);
    }
}
