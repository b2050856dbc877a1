namespace ProjectX.Simulation.Tests.Gateway;

public class OptionsTests
{
    [Fact]
    public void Defaults_ship_the_demo_users_and_documented_limits()
    {
        var options = new SimulatorOptions();
        var demo = options.Users.Single(u => u.UserName == SimulatorOptions.DemoUserName);

        Assert.Equal(SimulatorOptions.DemoApiKey, demo.ApiKey);
        Assert.Equal(TimeSpan.FromHours(24), options.TokenLifetime);
        Assert.Equal((200, TimeSpan.FromSeconds(60), 50, TimeSpan.FromSeconds(30)),
            (options.RateLimits.PermitLimit, options.RateLimits.Window, options.RateLimits.BarsPermitLimit, options.RateLimits.BarsWindow));
        Assert.Equal(2, demo.Accounts.Count(a => a.Simulated && a.CanTrade && a.IsActive && a.BracketMode == BracketMode.AutoOco));
        Assert.Single(demo.Accounts, a => a.BracketMode == BracketMode.PositionBrackets);
        Assert.Single(demo.Accounts, a => !a.Simulated && a.CanTrade && a.FirmRules is null);
        Assert.Single(demo.Accounts, a => !a.IsActive && !a.IsVisible);
        Assert.DoesNotContain(SimulatorOptions.DemoApiKey, demo.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_overrides_what_it_names_and_keeps_the_rest()
    {
        var options = SimulatorOptions.FromJson("""
            {
              // comments are fine
              "seed": 42,
              "tokenLifetime": "00:30:00",
              "rateLimits": { "enabled": false },
              "users": [ { "userName": "alice", "apiKey": "k", "accounts": [ { "id": 7, "name": "A", "balance": 1000, "bracketMode": "PositionBrackets" } ] } ],
            }
            """);

        Assert.Equal(42, options.Seed);
        Assert.Equal(TimeSpan.FromMinutes(30), options.TokenLifetime);
        Assert.False(options.RateLimits.Enabled);
        Assert.Equal(200, options.RateLimits.PermitLimit);
        var account = Assert.Single(Assert.Single(options.Users).Accounts);
        Assert.Equal(BracketMode.PositionBrackets, account.BracketMode);
        Assert.True(account.CanTrade);
    }
}
