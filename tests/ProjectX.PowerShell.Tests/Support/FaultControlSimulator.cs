using System.Net.Http.Json;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>
/// A simulator process of its own with the fault-control endpoints on (<c>faultControl: true</c>), and a way to
/// set its faults over HTTP (<c>POST /simulator/faults/{action}</c>): the supported seam, where tests used to reach
/// the module's in-process simulator by reflection. Rate limits are off so a class's calls never meet a 429.
/// </summary>
public sealed class FaultControlSimulator : IAsyncLifetime
{
    private const string Config = """{ "faultControl": true, "rateLimits": { "enabled": false } }""";
    private readonly HttpClient _http = new();

    internal OutOfProcessSimulator Simulator { get; } = new(Config);

    public Uri ApiUrl => Simulator.ApiUrl;

    public Task InitializeAsync() => Simulator.InitializeAsync();

    /// <summary>Sets a fault, e.g. <c>("drop", new { operation = "Order/place", times = 1 })</c>; <c>("reset")</c> clears them all.</summary>
    public async Task FaultAsync(string action, object? body = null)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(ApiUrl, "/simulator/faults/" + action), body ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Simulator.DisposeAsync();
    }
}
