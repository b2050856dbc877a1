using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>
/// A second, independent view of the simulator: raw REST calls (its own login), so a test can prove what
/// the module did or did not send without trusting the module.
/// </summary>
internal sealed class SimulatorRest : IDisposable
{
    private readonly HttpClient _http;
    private string? _token;

    public SimulatorRest(Uri apiUrl)
    {
        _http = new HttpClient { BaseAddress = new Uri(apiUrl.ToString().TrimEnd('/') + "/") };
    }

    /// <summary>Every order of the account created in the last day (Order/search), any status.</summary>
    public async Task<IReadOnlyList<JsonElement>> OrdersAsync(int accountId)
    {
        var body = await PostAsync("api/Order/search", new { accountId, startTimestamp = DateTimeOffset.UtcNow.AddDays(-1) });
        return [.. body.GetProperty("orders").EnumerateArray()];
    }

    /// <summary>Open positions (Position/searchOpen).</summary>
    public async Task<IReadOnlyList<JsonElement>> PositionsAsync(int accountId)
    {
        var body = await PostAsync("api/Position/searchOpen", new { accountId });
        return [.. body.GetProperty("positions").EnumerateArray()];
    }

    private async Task<JsonElement> PostAsync(string path, object payload)
    {
        _token ??= await LoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(payload) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("success").GetBoolean(), $"{path} failed: {body}");
        return body;
    }

    private async Task<string> LoginAsync()
    {
        using var response = await _http.PostAsJsonAsync("api/Auth/loginKey", new { userName = OutOfProcessSimulator.DemoUserName, apiKey = OutOfProcessSimulator.DemoApiKey });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
