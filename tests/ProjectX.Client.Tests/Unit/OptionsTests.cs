namespace ProjectX.Client.Tests.Unit;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_point_at_topstepx()
    {
        var options = new ProjectXClientOptions();
        Assert.Equal(new Uri("https://api.topstepx.com"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://rtc.topstepx.com/hubs/user"), options.UserHubUrl);
        Assert.Equal(new Uri("https://rtc.topstepx.com/hubs/market"), options.MarketHubUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.True(options.RateLimits.Enabled);
        Assert.Equal((200, TimeSpan.FromSeconds(60), 50, TimeSpan.FromSeconds(30)),
            (options.RateLimits.GlobalPermits, options.RateLimits.GlobalWindow, options.RateLimits.BarsPermits, options.RateLimits.BarsWindow));
    }

    [Fact]
    public void FromEnvironment_reads_the_projectx_names()
    {
        var options = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?>
        {
            ["PROJECTX_USERNAME"] = "alice",
            ["PROJECTX_API_KEY"] = "key-1",
            ["PROJECTX_ACCOUNT"] = "PRAC-1",
        });
        Assert.Equal(("alice", "key-1", "PRAC-1"), (options.UserName, options.ApiKey, options.Account));
    }

    [Fact]
    public void FromEnvironment_reads_the_project_x_py_names()
    {
        var options = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?>
        {
            ["PROJECT_X_USERNAME"] = "bob",
            ["PROJECT_X_API_KEY"] = "key-2",
            ["PROJECT_X_ACCOUNT_NAME"] = "PRAC-2",
        });
        Assert.Equal(("bob", "key-2", "PRAC-2"), (options.UserName, options.ApiKey, options.Account));
    }

    [Fact]
    public void FromEnvironment_prefers_projectx_names_and_ignores_blanks()
    {
        var options = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?>
        {
            ["PROJECTX_USERNAME"] = "  ",
            ["PROJECT_X_USERNAME"] = "fallback",
            ["PROJECTX_API_KEY"] = "primary",
            ["PROJECT_X_API_KEY"] = "secondary",
        });
        Assert.Equal("fallback", options.UserName);
        Assert.Equal("primary", options.ApiKey);
        Assert.Null(options.Account);
    }

    [Fact]
    public void FromEnvironment_applies_firm_then_explicit_urls()
    {
        var options = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?>
        {
            ["PROJECTX_FIRM"] = "thefuturesdesk",
            ["PROJECTX_MARKET_HUB_URL"] = "http://127.0.0.1:5000/hubs/market",
        });
        Assert.Equal(new Uri("https://api.thefuturesdesk.projectx.com"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://rtc.thefuturesdesk.projectx.com/hubs/user"), options.UserHubUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5000/hubs/market"), options.MarketHubUrl);
    }

    [Fact]
    public void FromEnvironment_api_url_moves_the_hubs_too_unless_a_firm_or_hub_url_says_otherwise()
    {
        var alone = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?> { ["PROJECTX_API_URL"] = "http://127.0.0.1:5000" });
        var withFirm = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?> { ["PROJECTX_API_URL"] = "http://127.0.0.1:5000", ["PROJECTX_FIRM"] = "topstepx" });
        var withHub = ProjectXClientOptions.FromEnvironment(new Dictionary<string, string?> { ["PROJECTX_API_URL"] = "http://127.0.0.1:5000", ["PROJECTX_USER_HUB_URL"] = "http://127.0.0.1:6000/hubs/user" });

        // The token goes to the hubs: they must be the API's own, never TopstepX's by default.
        Assert.Equal((new Uri("http://127.0.0.1:5000/hubs/user"), new Uri("http://127.0.0.1:5000/hubs/market")), (alone.UserHubUrl, alone.MarketHubUrl));
        Assert.Equal((new Uri("http://127.0.0.1:5000"), new Uri("https://rtc.topstepx.com/hubs/user")), (withFirm.ApiBaseUrl, withFirm.UserHubUrl));
        Assert.Equal((new Uri("http://127.0.0.1:6000/hubs/user"), new Uri("http://127.0.0.1:5000/hubs/market")), (withHub.UserHubUrl, withHub.MarketHubUrl));
    }

    [Fact]
    public void FromEnvironment_rejects_a_malformed_url()
    {
        var error = Assert.Throws<ProjectXValidationException>(() => ProjectXClientOptions.FromEnvironment(
            new Dictionary<string, string?> { ["PROJECTX_API_URL"] = "not a url" }));
        Assert.Equal("PROJECTX_API_URL", error.ParameterName);
    }

    [Fact]
    public void FromEnvironment_with_null_reads_the_process_environment()
    {
        var name = "PROJECTX_USERNAME";
        var previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            Assert.Equal("from-process", ProjectXClientOptions.FromEnvironment().UserName);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }

    [Fact]
    public void ToString_never_shows_the_api_key()
    {
        var options = new ProjectXClientOptions { UserName = "alice", ApiKey = "super-secret-key-123" };
        var text = options.ToString();
        Assert.DoesNotContain("super-secret-key-123", text, StringComparison.Ordinal);
        Assert.Contains("alice", text, StringComparison.Ordinal);
        Assert.Contains("(set)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UseFirm_sets_all_three_urls_and_returns_the_options()
    {
        var options = new ProjectXClientOptions();
        Assert.Same(options, options.UseFirm("demo"));
        Assert.Equal(new Uri("https://gateway-api-demo.s2f.projectx.com"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://gateway-rtc-demo.s2f.projectx.com/hubs/user"), options.UserHubUrl);
        Assert.Equal(new Uri("https://gateway-rtc-demo.s2f.projectx.com/hubs/market"), options.MarketHubUrl);
    }
}
