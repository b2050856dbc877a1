namespace ProjectX.Client.Tests.Unit;

public sealed class FirmPresetsTests
{
    [Theory]
    [InlineData("topstepx", "https://api.topstepx.com/", "https://rtc.topstepx.com/hubs/user", "https://rtc.topstepx.com/hubs/market")]
    [InlineData("TopstepX", "https://api.topstepx.com/", "https://rtc.topstepx.com/hubs/user", "https://rtc.topstepx.com/hubs/market")]
    [InlineData("demo", "https://gateway-api-demo.s2f.projectx.com/", "https://gateway-rtc-demo.s2f.projectx.com/hubs/user", "https://gateway-rtc-demo.s2f.projectx.com/hubs/market")]
    [InlineData("thefuturesdesk", "https://api.thefuturesdesk.projectx.com/", "https://rtc.thefuturesdesk.projectx.com/hubs/user", "https://rtc.thefuturesdesk.projectx.com/hubs/market")]
    [InlineData("somenewfirm", "https://api.somenewfirm.projectx.com/", "https://rtc.somenewfirm.projectx.com/hubs/user", "https://rtc.somenewfirm.projectx.com/hubs/market")]
    public void Resolve_builds_the_documented_urls(string firm, string api, string user, string market)
    {
        var endpoints = FirmPresets.Resolve(firm);
        Assert.Equal(firm.ToLowerInvariant(), endpoints.Firm);
        Assert.Equal(api, endpoints.ApiBaseUrl.ToString());
        Assert.Equal(user, endpoints.UserHubUrl.ToString());
        Assert.Equal(market, endpoints.MarketHubUrl.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("evil.com/x")]
    [InlineData("has space")]
    public void Resolve_rejects_what_is_not_a_slug(string firm)
    {
        Assert.Throws<ProjectXValidationException>(() => FirmPresets.Resolve(firm));
    }

    [Fact]
    public void Known_firms_include_the_presets_and_the_documented_slugs()
    {
        Assert.Contains("topstepx", FirmPresets.KnownFirms);
        Assert.Contains("demo", FirmPresets.KnownFirms);
        Assert.Contains("thefuturesdesk", FirmPresets.KnownFirms);
        Assert.All(FirmPresets.KnownFirms, firm => FirmPresets.Resolve(firm));
    }
}
