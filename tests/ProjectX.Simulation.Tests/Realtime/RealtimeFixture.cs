using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Realtime.InProcess;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>A gateway on the built-in seeded market, a fake clock, and helpers to log in and connect real HubConnections in-process.</summary>
internal sealed class RealtimeFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 15, 0, 30, TimeSpan.Zero);
    private readonly List<HubConnection> _connections = [];

    public RealtimeFixture(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SimulatorOptions();
        options.RateLimits.Enabled = false;
        configure?.Invoke(options);
        Time = time ?? new FakeTimeProvider(Start);
        Gateway = new SimulatedGateway(options, Time);
        Mnq = Gateway.Exchange.Catalog.Search("MNQ", Time.GetUtcNow()).First(c => c.ActiveContract && c.SymbolId == "F.US.MNQ").Id;
    }

    public TimeProvider Time { get; }
    public FakeTimeProvider Fake => (FakeTimeProvider)Time;
    public SimulatedGateway Gateway { get; }
    public string Mnq { get; }

    public async Task<string> LoginAsync(string user = SimulatorOptions.DemoUserName, string key = SimulatorOptions.DemoApiKey)
    {
        var body = await PostAsync("/api/Auth/loginKey", $$"""{"userName":"{{user}}","apiKey":"{{key}}"}""", null);
        return body.GetProperty("token").GetString()!;
    }

    public async Task<JsonElement> PostAsync(string path, string json, string? token)
    {
        var response = await Gateway.HandleAsync(GatewayHttpRequest.Post(path, json, token));
        Assert.Equal(200, response.StatusCode);
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement.Clone();
        Assert.True(root.GetProperty("success").GetBoolean(), root.ToString());
        return root;
    }

    public Task<JsonElement> PlaceMarketAsync(string token, int side, int size = 1, int account = 1001) =>
        PostAsync("/api/Order/place", $$"""{"accountId":{{account}},"contractId":"{{Mnq}}","type":2,"side":{{side}},"size":{{size}}}""", token);

    /// <summary>A real SignalR client over the in-memory transport (what ConfigureClient gives the ProjectX client).</summary>
    public HubConnection Connect(HubKind hub, Func<string> token, bool reconnect = false)
    {
        var url = hub == HubKind.User ? SimulatedGateway.InProcessUserHubUrl : SimulatedGateway.InProcessMarketHubUrl;
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(
            new InMemoryHubTransport(Gateway.Realtime).CreateConnectionFactory(hub, url, _ => ValueTask.FromResult(token())));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(url));
        if (reconnect) builder.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)]);
        var connection = builder.Build();
        _connections.Add(connection);
        return connection;
    }

    /// <summary>Moves the fake clock in feed-interval steps, so every timer tick happens at its own instant.</summary>
    public void Advance(TimeSpan by)
    {
        var step = Gateway.Options.Realtime.FeedInterval;
        for (var moved = TimeSpan.Zero; moved < by; moved += step)
            Fake.Advance(step);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        Gateway.Dispose();
    }
}

/// <summary>Real SignalR clients against the host on a loopback socket.</summary>
internal static class SocketClients
{
    public static HubConnection Build(Uri url, Action<HttpConnectionOptions> configure, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(url, configure);
        if (reconnect) builder.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)]);
        return builder.Build();
    }

    /// <summary>The official sample's options: skip negotiation, WebSockets, token in the query string.</summary>
    public static HubConnection SkipNegotiation(Uri hubUrl, string token, bool reconnect = false) =>
        Build(new Uri($"{hubUrl}?access_token={Uri.EscapeDataString(token)}"), o =>
        {
            o.SkipNegotiation = true;
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
        }, reconnect);
}
