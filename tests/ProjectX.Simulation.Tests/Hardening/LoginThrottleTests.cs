using System.Net;
using System.Text;
using System.Text.Json;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Tests.Exchange;
using ProjectX.Simulation.Tests.Gateway;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>
/// Issue 12, defects 2 and 3: failed logins are throttled per client address and per user name, apart from the
/// user's request budget, so nobody can lock a user out; and what unknown names and addresses leave behind is bounded.
/// </summary>
public sealed class LoginThrottleTests : IDisposable
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Trader = IPAddress.Parse("198.51.100.20");
    private readonly GatewayHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<GatewayHttpResponse> Login(string userName, string apiKey, IPAddress from) =>
        _h.Gateway.HandleAsync(new GatewayHttpRequest("POST", "/api/Auth/loginKey", null, null,
            Encoding.UTF8.GetBytes($$"""{"userName":"{{userName}}","apiKey":"{{apiKey}}"}"""))
        { ContentType = "application/json", RemoteAddress = from });

    [Fact]
    public async Task Two_hundred_wrong_keys_for_a_user_neither_lock_out_the_user_nor_spend_their_budget()
    {
        var existing = await _h.Login();
        for (var i = 0; i < 200; i++)
            await Login(SimulatorOptions.DemoUserName, "wrong-" + i, Attacker);

        // The attacker is slowed down...
        Assert.Equal(429, (await Login(SimulatorOptions.DemoUserName, "wrong-again", Attacker)).StatusCode);
        // ...but the user still logs in from elsewhere, and the token they already hold still trades.
        var login = await Login(SimulatorOptions.DemoUserName, SimulatorOptions.DemoApiKey, Trader);
        Assert.Equal(200, login.StatusCode);
        using (var body = JsonDocument.Parse(login.Body)) Assert.True(body.RootElement.GetProperty("success").GetBoolean());
        var place = await _h.Post("/api/Order/place",
            $$"""{"accountId":1001,"contractId":"{{ExchangeHarness.Mnq}}","type":2,"side":0,"size":1}""", existing);
        Assert.Equal(200, place.StatusCode);
        Assert.Single(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Fact]
    public async Task Past_the_name_budget_wrong_keys_get_429_from_anywhere_and_the_right_key_still_logs_in()
    {
        var limits = _h.Gateway.Options.RateLimits;
        for (var i = 0; i < limits.FailedLoginsPerUserName; i++)
            Assert.Equal(200, (await Login(SimulatorOptions.DemoUserName, "wrong", IPAddress.Parse($"192.0.2.{i + 1}"))).StatusCode);

        var wrong = await Login(SimulatorOptions.DemoUserName, "wrong", Trader);
        var right = await Login(SimulatorOptions.DemoUserName, SimulatorOptions.DemoApiKey, Trader);

        Assert.Equal(429, wrong.StatusCode);
        Assert.True(wrong.Headers.ContainsKey("Retry-After"));
        Assert.Equal(200, right.StatusCode);
        // The window ends on the gateway's clock.
        _h.Time.Advance(limits.FailedLoginWindow);
        Assert.Equal(200, (await Login(SimulatorOptions.DemoUserName, "wrong", Trader)).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_names_leave_no_state_and_addresses_are_evicted()
    {
        var options = new SimulatorOptions();
        options.RateLimits.MaxTrackedClients = 16;
        using var h = new GatewayHarness(options);
        var limiter = GetField<UserRateLimiter>(h.Gateway, "_rateLimiter");
        var throttle = GetField<LoginThrottle>(h.Gateway, "_loginThrottle");

        for (var i = 0; i < 300; i++)
        {
            await h.Gateway.HandleAsync(new GatewayHttpRequest("POST", "/api/Auth/loginKey", null, null,
                Encoding.UTF8.GetBytes($$"""{"userName":"user-{{i}}-{{new string('n', 200)}}","apiKey":"k"}"""))
            { ContentType = "application/json", RemoteAddress = new IPAddress(0x0A000000 + i) });
        }

        // Defect 3: each unique name held limiter state forever (300 names of 1 MiB took 780 MB).
        Assert.Equal(0, limiter.TrackedUsers);
        Assert.InRange(throttle.TrackedAddresses, 1, 16);
    }

    private static T GetField<T>(object owner, string name) =>
        (T)owner.GetType().GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(owner)!;
}
