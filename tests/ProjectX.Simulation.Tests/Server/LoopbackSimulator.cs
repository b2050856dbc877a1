using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>The standalone server on 127.0.0.1 (any free port), with an HttpClient logged in as the demo user.</summary>
internal sealed class LoopbackSimulator : IAsyncDisposable
{
    private LoopbackSimulator(SimulatorServer server, HttpClient http, string token)
    {
        Server = server;
        Http = http;
        Token = token;
        Mnq = server.Gateway.Exchange.Catalog.Search("MNQ", DateTimeOffset.UtcNow).First(c => c.ActiveContract && c.SymbolId == "F.US.MNQ").Id;
    }

    public SimulatorServer Server { get; }
    /// <summary>Base address the server's; sends the demo user's bearer token.</summary>
    public HttpClient Http { get; }
    public string Token { get; }
    /// <summary>The front MNQ contract id.</summary>
    public string Mnq { get; }

    /// <summary>Starts with <paramref name="options"/> (server-side rate limits off unless <paramref name="rateLimits"/>).</summary>
    public static async Task<LoopbackSimulator> StartAsync(SimulatorOptions? options = null, bool rateLimits = false)
    {
        options ??= new SimulatorOptions();
        options.RateLimits.Enabled = rateLimits;
        var server = await SimulatorServer.StartAsync(options, port: 0);
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var login = await http.PostAsync(new Uri("/api/Auth/loginKey", UriKind.Relative),
            new StringContent($$"""{"userName":"{{SimulatorOptions.DemoUserName}}","apiKey":"{{SimulatorOptions.DemoApiKey}}"}""", Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new LoopbackSimulator(server, http, token);
    }

    /// <summary>POSTs a JSON body.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
