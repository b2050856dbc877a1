using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Gateway;

/// <summary>A gateway on the scripted market and a fake clock, driven through HandleAsync.</summary>
internal sealed class GatewayHarness : IDisposable
{
    public GatewayHarness(SimulatorOptions? options = null)
    {
        Gateway = new SimulatedGateway(options ?? new SimulatorOptions(), Time, Market, Market);
    }

    public FakeTimeProvider Time { get; } = new(ExchangeHarness.Start);
    public ScriptedMarket Market { get; } = new();
    public SimulatedGateway Gateway { get; }

    public Task<GatewayHttpResponse> Post(string path, string? json, string? token = null) =>
        Gateway.HandleAsync(GatewayHttpRequest.Post(path, json, token), CancellationToken.None);

    public async Task<string> Login(string user = SimulatorOptions.DemoUserName, string key = SimulatorOptions.DemoApiKey)
    {
        var response = await Post("/api/Auth/loginKey", $$"""{"userName":"{{user}}","apiKey":"{{key}}"}""");
        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.True(body.RootElement.GetProperty("success").GetBoolean());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Posts and returns the parsed JSON body of an HTTP 200 answer.</summary>
    public async Task<JsonElement> Call(string path, string json, string token)
    {
        var response = await Post(path, json, token);
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(response.Body);
        return body.RootElement.Clone();
    }

    public void Dispose() => Gateway.Dispose();
}
