using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Examples;

/// <summary>
/// A simulator process for the example scripts (server-side rate limits off), plus raw REST calls to put orders and
/// positions on the account before a script runs and to check what it left after (without trusting the module).
/// </summary>
public sealed class ScriptsSimulator : IAsyncLifetime
{
    public const string AccountName = "PRAC-V2-DEMO-50K";

    /// <summary>
    /// An account only the PnL-monitor test trades: its day's PnL must not carry another test's random realized
    /// profit (a flatten test that happened to close 2 contracts higher would keep it above the loss limit).
    /// </summary>
    public const string MonitorAccountName = "PRAC-V2-DEMO-150K";

    private readonly OutOfProcessSimulator _simulator = new("""{ "rateLimits": { "enabled": false } }""");
    private HttpClient _http = null!;
    private string? _token;
    private readonly Dictionary<string, int> _accountIds = [];
    private string _mnq = "";

    public Uri ApiUrl => _simulator.ApiUrl;

    public async Task InitializeAsync()
    {
        await _simulator.InitializeAsync();
        _http = new HttpClient { BaseAddress = new Uri(ApiUrl.ToString().TrimEnd('/') + "/") };
        var login = await SendAsync("api/Auth/loginKey", new { userName = OutOfProcessSimulator.DemoUserName, apiKey = OutOfProcessSimulator.DemoApiKey });
        _token = login.GetProperty("token").GetString();
        var accounts = await SendAsync("api/Account/search", new { onlyActiveAccounts = true });
        foreach (var account in accounts.GetProperty("accounts").EnumerateArray())
        {
            _accountIds[account.GetProperty("name").GetString()!] = account.GetProperty("id").GetInt32();
        }

        var contracts = await SendAsync("api/Contract/search", new { searchText = "MNQ", live = false });
        _mnq = contracts.GetProperty("contracts").EnumerateArray().First(c => c.GetProperty("activeContract").GetBoolean()).GetProperty("id").GetString()!;
    }

    /// <summary>A market order for MNQ (side 0 buys, 1 sells).</summary>
    internal Task MarketAsync(int side, int size, string account = AccountName) =>
        SendAsync("api/Order/place", new { accountId = _accountIds[account], contractId = _mnq, type = 2, side, size });

    /// <summary>A buy limit far below the market: it stays working.</summary>
    internal Task RestingBuyLimitAsync(string account = AccountName) =>
        SendAsync("api/Order/place", new { accountId = _accountIds[account], contractId = _mnq, type = 1, side = 0, size = 1, limitPrice = 1000m });

    internal async Task<int> OpenPositionCountAsync(string account = AccountName) =>
        (await SendAsync("api/Position/searchOpen", new { accountId = _accountIds[account] })).GetProperty("positions").GetArrayLength();

    internal async Task<int> WorkingOrderCountAsync(string account = AccountName) =>
        (await SendAsync("api/Order/searchOpen", new { accountId = _accountIds[account] })).GetProperty("orders").GetArrayLength();

    private async Task<JsonElement> SendAsync(string path, object payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(payload) };
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("success").GetBoolean(), $"{path} failed: {body}");
        return body;
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _simulator.DisposeAsync();
    }
}
