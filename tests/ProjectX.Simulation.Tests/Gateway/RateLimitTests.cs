namespace ProjectX.Simulation.Tests.Gateway;

public sealed class RateLimitTests : IDisposable
{
    private readonly GatewayHarness _h = new(new SimulatorOptions
    {
        RateLimits = new SimulatorRateLimits { PermitLimit = 5, Window = TimeSpan.FromSeconds(60), BarsPermitLimit = 2, BarsWindow = TimeSpan.FromSeconds(30) },
    });

    private const string Accounts = """{"onlyActiveAccounts":true}""";
    private const string Bars = """{"contractId":"CON.F.US.MNQ.Z26","live":false,"startTime":"2026-11-24T00:00:00Z","endTime":"2026-11-24T15:00:00Z","unit":2,"unitNumber":5,"limit":10,"includePartialBar":false}""";

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Requests_past_the_per_user_limit_get_429_with_Retry_After_until_the_window_ends()
    {
        var token = await _h.Login(); // login counts too
        for (var i = 0; i < 4; i++)
            Assert.Equal(200, (await _h.Post("/api/Account/search", Accounts, token)).StatusCode);

        _h.Time.Advance(TimeSpan.FromSeconds(20));
        var limited = await _h.Post("/api/Account/search", Accounts, token);
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal("40", limited.Headers["Retry-After"]);

        // Another user has its own budget.
        var other = await _h.Login(SimulatorOptions.SecondUserName, SimulatorOptions.SecondUserApiKey);
        Assert.Equal(200, (await _h.Post("/api/Account/search", Accounts, other)).StatusCode);

        _h.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(200, (await _h.Post("/api/Account/search", Accounts, token)).StatusCode);
    }

    [Fact]
    public async Task Bars_have_their_own_smaller_window_on_top_of_the_overall_one()
    {
        var token = await _h.Login();
        Assert.Equal(200, (await _h.Post("/api/History/retrieveBars", Bars, token)).StatusCode);
        Assert.Equal(200, (await _h.Post("/api/History/retrieveBars", Bars, token)).StatusCode);
        var limited = await _h.Post("/api/History/retrieveBars", Bars, token);
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal("30", limited.Headers["Retry-After"]);
        // Other endpoints still have overall budget left (login + 2 bars = 3 of 5).
        Assert.Equal(200, (await _h.Post("/api/Account/search", Accounts, token)).StatusCode);

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (await _h.Post("/api/History/retrieveBars", Bars, token)).StatusCode);
        // The overall window (5 per 60 s) is now spent, so bars are refused by it.
        var overall = await _h.Post("/api/History/retrieveBars", Bars, token);
        Assert.Equal(429, overall.StatusCode);
        Assert.Equal("30", overall.Headers["Retry-After"]);
    }

    [Fact]
    public async Task Limits_can_be_disabled()
    {
        using var h = new GatewayHarness(new SimulatorOptions { RateLimits = new SimulatorRateLimits { Enabled = false, PermitLimit = 1 } });
        var token = await h.Login();
        for (var i = 0; i < 10; i++)
            Assert.Equal(200, (await h.Post("/api/Account/search", Accounts, token)).StatusCode);
    }
}
