using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Simulation;
using ProjectX.Simulator;

namespace ProjectX.Benchmarks.Load;

/// <summary>
/// The standalone simulator (Kestrel on 127.0.0.1, the same host as the .NET tool) with server-side rate limits off,
/// so the figures measure the server rather than the documented 200-per-minute budget; plus raw REST and hub clients.
/// </summary>
internal sealed class SimulatorTarget : IAsyncDisposable
{
    private readonly SimulatorServer _server;
    private readonly List<HubConnection> _hubs = [];

    private SimulatorTarget(SimulatorServer server, HttpClient http)
    {
        _server = server;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<SimulatorTarget> StartAsync()
    {
        var options = new SimulatorOptions();
        options.RateLimits.Enabled = false;
        var server = await SimulatorServer.StartAsync(options, 0);
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = server.BaseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        return new SimulatorTarget(server, http);
    }

    public async Task<string> LoginAsync(string userName, string apiKey)
    {
        using var response = await PostAsync(GatewayOperation.LoginKey, $$"""{"userName":"{{userName}}","apiKey":"{{apiKey}}"}""", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("Login failed.");
    }

    public Task<HttpResponseMessage> PostAsync(GatewayOperation operation, string json, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, operation.Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }

    /// <summary>Opens hub connections, alternating user hub (accounts, orders, positions, trades) and market hub (quotes, prints, depth).</summary>
    public async Task OpenHubsAsync(int count, string token, int accountId, string contractId)
    {
        for (var i = 0; i < count; i++)
        {
            var user = i % 2 == 0;
            var url = new Uri(_server.BaseUrl, user ? "/hubs/user" : "/hubs/market");
            var hub = new HubConnectionBuilder()
                .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            foreach (var stream in HubProtocol.Streams.Where(s => s.Hub == (user ? HubKind.User : HubKind.Market)))
                hub.On(stream.Event, stream.Argument == HubArgument.ContractId ? [typeof(JsonElement), typeof(JsonElement)] : [typeof(JsonElement)], _ => Task.CompletedTask);
            await hub.StartAsync();
            foreach (var stream in HubProtocol.Streams.Where(s => s.Hub == (user ? HubKind.User : HubKind.Market)))
            {
                object?[] arguments = stream.Argument switch
                {
                    HubArgument.AccountId => [accountId],
                    HubArgument.ContractId => [contractId],
                    _ => [],
                };
                await hub.InvokeCoreAsync(stream.Subscribe.Name, arguments);
            }
            _hubs.Add(hub);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
            await hub.DisposeAsync();
        Http.Dispose();
        await _server.DisposeAsync();
    }
}
