using System.Net;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

/// <summary>Exactly-once mutations, retried reads, cancellation and concurrency.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Lost_placement_response_is_ambiguous_and_reconciles_to_exactly_one_order()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);
        server.Gateway.Faults.DropResponses("Order/place");

        var error = await Assert.ThrowsAsync<ProjectXAmbiguousOutcomeException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal("Order/place", error.Operation);
        Assert.StartsWith("px-", error.CustomTag, StringComparison.Ordinal);
        Assert.Contains(error.CustomTag!, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, log.Count("Order/place")); // never resent

        var found = await client.ReconcileOrderAsync(error.CustomTag!);
        Assert.NotNull(found);
        Assert.Single(Sim.OrdersOnServer(server), o => o.CustomTag == error.CustomTag);
        Assert.Single(Sim.OrdersOnServer(server));
    }

    [Fact]
    public async Task Lost_response_of_other_mutations_is_ambiguous_without_a_tag()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, Sim.LastPrice(server, mnq.Id) - 200m);
        server.Gateway.Faults.DropResponses("Order/cancel");
        var error = await Assert.ThrowsAsync<ProjectXAmbiguousOutcomeException>(() => client.CancelOrderAsync(resting.OrderId));
        Assert.Null(error.CustomTag);
        Assert.Equal(OrderStatus.Cancelled, server.Gateway.Exchange.GetOrder(resting.OrderId)!.Status); // it did happen
    }

    [Fact]
    public async Task Transient_5xx_on_a_read_is_retried()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        server.Gateway.Faults.FailWithServerError("Account/search", times: 2, statusCode: 503);

        Assert.NotEmpty(await client.GetAccountsAsync());
        var attempts = log.Of("Account/search");
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal<HttpStatusCode?>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], attempts.Select(a => a.HttpStatus));
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
    }

    [Fact]
    public async Task A_dropped_read_response_is_retried()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        server.Gateway.Faults.DropResponses("Position/searchOpen");
        Assert.Empty(await client.GetPositionsAsync());
        Assert.Equal(2, log.Count("Position/searchOpen"));
    }

    [Fact]
    public async Task A_read_gives_up_after_the_configured_retries()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server, o => o.ReadRetry.MaxRetries = 2);
        var log = CallLog.Attach(client);
        server.Gateway.Faults.FailWithServerError("Trade/search", times: 10, statusCode: 502);
        var error = await Assert.ThrowsAsync<ProjectXException>(() => client.SearchTradesAsync(server.Gateway.Time.GetUtcNow().AddDays(-1)));
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("Trade/search", error.Operation);
        Assert.Equal(3, log.Count("Trade/search"));
        Assert.Contains("after trying 3 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_5xx_on_a_mutation_is_not_retried()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);
        server.Gateway.Faults.FailWithServerError("Order/place", times: 1, statusCode: 503);

        var error = await Assert.ThrowsAsync<ProjectXAmbiguousOutcomeException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, log.Count("Order/place"));
        Assert.Empty(Sim.OrdersOnServer(server));
        Assert.Null(await client.ReconcileOrderAsync(error.CustomTag!)); // reconciling shows it did not happen
    }

    [Fact]
    public async Task A_mutation_that_times_out_is_ambiguous()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        await client.GetInstrumentAsync("MNQ");
        server.Gateway.Faults.Latency = TimeSpan.FromSeconds(3);
        var error = await Assert.ThrowsAsync<ProjectXAmbiguousOutcomeException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.NotNull(error.CustomTag);
        Assert.Contains("0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutation_that_provably_never_left_says_nothing_was_sent()
    {
        var server = await Sim.StartAsync();
        var client = await Sim.ConnectAsync(server);
        await using (client)
        {
            var mnq = await client.GetInstrumentAsync("MNQ");
            await server.DisposeAsync(); // the port is closed now: connection refused
            var error = await Assert.ThrowsAsync<ProjectXException>(() => client.Gateway.PlaceOrderAsync(new PlaceOrderRequest
            {
                AccountId = Sim.MainAccount, ContractId = mnq.Id, Type = OrderType.Market, Side = OrderSide.Bid, Size = 1,
            }));
            Assert.IsNotType<ProjectXAmbiguousOutcomeException>(error);
            Assert.Contains("NOT sent", error.Message, StringComparison.Ordinal);
            Assert.Equal("Order/place", error.Operation);
        }
    }

    [Fact]
    public async Task The_callers_cancellation_wins_over_retries_and_slow_responses()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        await client.GetInstrumentAsync("MNQ");
        server.Gateway.Faults.Latency = TimeSpan.FromSeconds(60);

        using var readCancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAccountsAsync(cancellationToken: readCancel.Token));

        using var placeCancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1, placeCancel.Token));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetPositionsAsync(cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task A_hundred_concurrent_reads_all_succeed()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var reads = Enumerable.Range(0, 100).Select(i => (i % 4) switch
        {
            0 => client.GetAccountsAsync().ContinueWith(t => t.Result.Count, TaskScheduler.Default),
            1 => client.GetPositionsAsync().ContinueWith(t => t.Result.Count + 1, TaskScheduler.Default),
            2 => client.GetOpenOrdersAsync().ContinueWith(t => t.Result.Count + 1, TaskScheduler.Default),
            _ => client.Gateway.SearchContractByIdAsync(new SearchContractByIdRequest { ContractId = mnq.Id }).ContinueWith(t => t.Result.Contract is null ? 0 : 1, TaskScheduler.Default),
        });
        var results = await Task.WhenAll(reads);
        Assert.All(results, r => Assert.True(r > 0));
    }

    [Fact]
    public async Task Concurrent_placements_each_get_their_own_order()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        var placed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, last - 200m - i)));
        Assert.Equal(20, placed.Select(p => p.OrderId).Distinct().Count());
        Assert.Equal(20, Sim.OrdersOnServer(server).Count);
    }
}
