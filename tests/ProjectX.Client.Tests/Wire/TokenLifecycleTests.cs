using System.Net;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

/// <summary>Token freshness driven by fake clocks on the simulator and client sides.</summary>
public sealed class TokenLifecycleTests
{
    private static readonly TimeSpan NearExpiry = TimeSpan.FromHours(23) + TimeSpan.FromMinutes(55);
    private static readonly TimeSpan PastExpiry = TimeSpan.FromHours(25);

    [Fact]
    public async Task The_token_is_validated_before_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await Sim.ConnectAsync(server, o => o.TimeProvider = time);
        var firstExpiry = client.TokenExpiresAt!.Value;
        var log = CallLog.Attach(client);

        time.Advance(TimeSpan.FromHours(1));
        await client.GetAccountsAsync();
        Assert.Equal(0, log.Count("Auth/validate")); // still fresh

        time.Advance(NearExpiry - TimeSpan.FromHours(1));
        await client.GetAccountsAsync();
        Assert.Equal(1, log.Count("Auth/validate"));
        Assert.Equal(0, log.Count("Auth/loginKey"));
        Assert.True(client.TokenExpiresAt > firstExpiry);
        Assert.DoesNotContain(log.All, c => c.HttpStatus == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_refresh_margin_is_configurable()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await Sim.ConnectAsync(server, o =>
        {
            o.TimeProvider = time;
            o.TokenRefreshMargin = TimeSpan.FromHours(2);
        });
        var log = CallLog.Attach(client);
        time.Advance(TimeSpan.FromHours(21.5));
        await client.GetAccountsAsync();
        Assert.Equal(0, log.Count("Auth/validate"));
        time.Advance(TimeSpan.FromHours(1));
        await client.GetAccountsAsync();
        Assert.Equal(1, log.Count("Auth/validate"));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await Sim.ConnectAsync(server, o => o.TimeProvider = time);
        var log = CallLog.Attach(client);
        time.Advance(NearExpiry);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAccountsAsync()));
        Assert.Equal(1, log.Count("Auth/validate"));
        Assert.Equal(20, log.Of("Account/search").Count(c => c.Succeeded));
    }

    [Fact]
    public async Task When_validate_fails_the_client_logs_in_again_with_the_key()
    {
        var serverTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var clientTime = new FakeTimeProvider(serverTime.GetUtcNow());
        await using var server = await Sim.StartAsync(time: serverTime);
        await using var client = await Sim.ConnectAsync(server, o => o.TimeProvider = clientTime);
        var log = CallLog.Attach(client);
        serverTime.Advance(PastExpiry);  // the server already considers the token dead
        clientTime.Advance(NearExpiry);  // the client only thinks it is time to refresh

        Assert.NotEmpty(await client.GetAccountsAsync());
        Assert.Equal<HttpStatusCode?>([HttpStatusCode.Unauthorized], log.Of("Auth/validate").Select(c => c.HttpStatus));
        Assert.Equal(1, log.Count("Auth/loginKey"));
        Assert.True(Assert.Single(log.Of("Account/search")).Succeeded);
    }

    [Fact]
    public async Task A_read_refused_with_401_refreshes_once_and_retries_once()
    {
        var serverTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: serverTime);
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        serverTime.Advance(PastExpiry);

        Assert.Empty(await client.GetPositionsAsync());
        Assert.Equal<HttpStatusCode?>([HttpStatusCode.Unauthorized, HttpStatusCode.OK], log.Of("Position/searchOpen").Select(c => c.HttpStatus));
        Assert.Equal(1, log.Count("Auth/loginKey"));
    }

    [Fact]
    public async Task A_mutation_refused_with_401_is_not_resent_but_the_token_is_refreshed()
    {
        var serverTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: serverTime);
        await using var client = await Sim.ConnectAsync(server);
        await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);
        serverTime.Advance(PastExpiry);

        var error = await Assert.ThrowsAsync<ProjectXAuthenticationException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("NOT executed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, log.Count("Order/place"));
        Assert.Equal(1, log.Count("Auth/loginKey"));
        Assert.Empty(Sim.OrdersOnServer(server));

        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1); // the refreshed token works
        Assert.Single(Sim.OrdersOnServer(server));
    }

    [Fact]
    public async Task A_session_call_refused_with_401_is_an_authentication_error()
    {
        var serverTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await Sim.StartAsync(time: serverTime);
        await using var client = await Sim.ConnectAsync(server);
        serverTime.Advance(PastExpiry);
        var log = CallLog.Attach(client);
        var error = await Assert.ThrowsAsync<ProjectXAuthenticationException>(() => client.Gateway.LogoutAsync());
        Assert.Equal("Auth/logout", error.Operation);
        Assert.Equal(1, log.Count("Auth/logout"));
        Assert.Equal(0, log.Count("Auth/loginKey"));
    }
}
