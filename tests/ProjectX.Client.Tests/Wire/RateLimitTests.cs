using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Reads_wait_out_the_gateways_429_and_succeed()
    {
        await using var server = await Sim.StartAsync(o =>
        {
            o.RateLimits.PermitLimit = 4;
            o.RateLimits.Window = TimeSpan.FromSeconds(2);
        });
        await using var client = new ProjectXClient(Sim.Options(server, o =>
        {
            o.RateLimits.Enabled = false; // let the gateway do the limiting
            o.ReadRetry.MaxRetries = 10;
        }));
        var log = CallLog.Attach(client);
        for (var i = 0; i < 8; i++)
            Assert.NotEmpty(await client.GetAccountsAsync());
        Assert.Contains(log.All, c => c.HttpStatus == HttpStatusCode.TooManyRequests);
        Assert.Equal(8, log.Of("Account/search").Count(c => c.Succeeded));
    }

    [Fact]
    public async Task A_throttled_read_is_retried_after_retry_after()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        server.Gateway.Faults.Throttle("Order/searchOpen", times: 1, retryAfter: TimeSpan.FromSeconds(1));
        Assert.Empty(await client.GetOpenOrdersAsync());
        Assert.Equal<HttpStatusCode?>([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], log.Of("Order/searchOpen").Select(c => c.HttpStatus));
    }

    [Fact]
    public async Task A_read_is_not_held_longer_than_MaxRetryAfter()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server, o => o.ReadRetry.MaxRetryAfter = TimeSpan.FromSeconds(30));
        var log = CallLog.Attach(client);
        server.Gateway.Faults.Throttle("Account/search", times: 1, retryAfter: TimeSpan.FromMinutes(10));
        var error = await Assert.ThrowsAsync<ProjectXRateLimitedException>(() => client.GetAccountsAsync());
        Assert.Equal(TimeSpan.FromMinutes(10), error.RetryAfter);
        Assert.Equal("Account/search", error.Operation);
        Assert.Equal(1, log.Count("Account/search"));
    }

    [Fact]
    public async Task A_throttled_mutation_throws_with_retry_after_and_is_not_resent()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);
        server.Gateway.Faults.Throttle("Order/place", times: 1, retryAfter: TimeSpan.FromSeconds(7));

        var error = await Assert.ThrowsAsync<ProjectXRateLimitedException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("NOT executed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, log.Count("Order/place"));
        Assert.Empty(Sim.OrdersOnServer(server));
    }

    [Fact]
    public async Task Mutations_fail_fast_when_the_client_side_budget_is_used_up()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server, o =>
        {
            o.RateLimits.GlobalPermits = 6;
            o.RateLimits.GlobalWindow = TimeSpan.FromMinutes(5);
        });
        await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);
        var placed = 0;
        ProjectXRateLimitedException? error = null;
        for (var i = 0; i < 10 && error is null; i++)
        {
            try
            {
                await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
                placed++;
            }
            catch (ProjectXRateLimitedException e)
            {
                error = e;
            }
        }
        Assert.NotNull(error);
        Assert.Null(error.StatusCode); // refused by the client, never sent
        Assert.NotNull(error.RetryAfter);
        Assert.Contains("not sent", error.Message, StringComparison.Ordinal);
        Assert.Equal(placed, log.Count("Order/place"));
        Assert.Equal(placed, Sim.OrdersOnServer(server).Count);
        Assert.Equal(0, client.RateLimitStatus.GlobalAvailable);
    }

    [Fact]
    public async Task Reads_wait_for_client_side_permits_instead_of_failing()
    {
        // The gateway allows 6 per second; a client that did not wait for its own 3-per-second budget would hit 429,
        // and with retries off that would fail the read.
        await using var server = await Sim.StartAsync(o =>
        {
            o.RateLimits.PermitLimit = 6;
            o.RateLimits.Window = TimeSpan.FromSeconds(1);
        });
        await using var client = await Sim.ConnectAsync(server, o =>
        {
            o.RateLimits.GlobalPermits = 3;
            o.RateLimits.GlobalWindow = TimeSpan.FromSeconds(1);
            o.ReadRetry.MaxRetries = 0;
        });
        var log = CallLog.Attach(client);
        var results = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => client.GetAccountsAsync()));
        Assert.All(results, r => Assert.NotEmpty(r));
        Assert.Equal(9, log.Of("Account/search").Count(c => c.Succeeded));
        Assert.DoesNotContain(log.All, c => c.HttpStatus == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        // A minimal gateway on a real socket whose 429 carries an HTTP-date Retry-After (the simulator sends seconds).
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var searches = 0;
        app.MapPost("/api/Auth/loginKey", () => Results.Text("""{"token":"t.e.st","success":true,"errorCode":0,"errorMessage":null}""", "application/json"));
        app.MapPost("/api/Account/search", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref searches) == 1)
            {
                context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(1).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(429);
            }
            return Results.Text("""{"accounts":[{"id":7,"name":"A","balance":1.000000000,"canTrade":true,"isVisible":true,"simulated":true}],"success":true,"errorCode":0,"errorMessage":null}""", "application/json");
        });
        await app.StartAsync();
        var url = app.Urls.First();

        await using var client = new ProjectXClient(new ProjectXClientOptions { ApiBaseUrl = new Uri(url), UserName = "u", ApiKey = "k" });
        var log = CallLog.Attach(client);
        var accounts = await client.GetAccountsAsync();
        Assert.Equal(7, Assert.Single(accounts).Id);
        Assert.Equal(2, searches);
        Assert.Equal<HttpStatusCode?>([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], log.Of("Account/search").Select(c => c.HttpStatus));
        await app.StopAsync();
    }
}
