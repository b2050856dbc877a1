using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Contract;

/// <summary>
/// Every request body the real client puts on the wire, and every 200 body it gets back, checked against the
/// official Swagger. Recorded below the client on a real socket, so nothing about the client is assumed.
/// </summary>
public sealed class ClientRequestContractTests
{
    private static readonly Lazy<GatewaySwagger> Swagger = new(GatewaySwagger.Load);

    [Fact]
    public async Task Every_request_the_client_sends_matches_the_swagger()
    {
        await using var server = await Sim.StartAsync();
        var recorder = new RecordingHandler(new SocketsHttpHandler());
        await using var client = await Sim.ConnectAsync(server, o => o.HttpMessageHandler = recorder);
        var now = DateTimeOffset.UtcNow;

        // High-level API: each call maps onto one or more Gateway operations.
        await client.GetAccountsAsync(onlyActive: false);
        var mnq = await client.GetInstrumentAsync("MNQ");
        await client.GetInstrumentAsync(mnq.Id);
        await client.SearchInstrumentsAsync("ES");
        await client.GetAvailableInstrumentsAsync();
        await client.GetBarsAsync(new BarsRequest { Contract = mnq, Unit = AggregateBarUnit.Minute, UnitNumber = 5, Count = 50 });
        var last = Sim.LastPrice(server, mnq.Id);
        var entry = await client.PlaceBracketOrderAsync("MNQ", OrderSide.Bid, 2, stopLossTicks: 20, takeProfitTicks: 40);
        var resting = await client.PlaceLimitOrderAsync("MNQ", OrderSide.Bid, 1, TickMath.Round(last * 0.9m, mnq.TickSize, PriceRounding.Down));
        await client.PlaceStopLimitOrderAsync("MNQ", OrderSide.Ask, 1, TickMath.Round(last * 0.8m, mnq.TickSize, PriceRounding.Down), TickMath.Round(last * 0.8m, mnq.TickSize, PriceRounding.Down));
        await client.PlaceTrailingStopByTicksAsync("MNQ", OrderSide.Ask, 1, 40, last);
        await client.PlaceJoinBidOrderAsync("MNQ", OrderSide.Bid, 1);
        await client.ModifyOrderAsync(resting.OrderId, size: 2);
        await client.GetOrderAsync(resting.OrderId);
        await client.GetOpenOrdersAsync();
        await client.SearchOrdersAsync(now.AddHours(-1));
        await client.QueryOrdersAsync(new OrderQuery { Statuses = [OrderStatus.Open, OrderStatus.Suspended], PageSize = 2 });
        await client.ReconcileOrderAsync(entry.CustomTag);
        await client.CancelAllOrdersAsync();
        await client.GetPositionsAsync();
        await client.PartialClosePositionAsync("MNQ", 1);
        await client.ClosePositionAsync("MNQ");
        await client.SearchTradesAsync(now.AddHours(-1));

        // Low-level API for what the high-level API reaches only indirectly.
        await Assert.ThrowsAsync<ProjectXAuthenticationException>(() =>
            client.Gateway.LoginAppAsync(new LoginAppRequest { UserName = "demo", Password = "p", DeviceId = "d", AppId = "a", VerifyKey = "v" }));
        await client.Gateway.SearchContractByIdAsync(new SearchContractByIdRequest { ContractId = mnq.Id });   // the high-level call above may be served from the contract cache
        await client.Gateway.ValidateAsync();
        await client.PingAsync();
        await client.LogoutAsync();

        var exchanges = recorder.Exchanges.ToList();
        var violations = exchanges.SelectMany(e => e.Violations(Swagger.Value)).ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        var seen = exchanges.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var missing = GatewayOperation.All.Select(o => o.Path).Where(p => !seen.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "Not exercised: " + string.Join(", ", missing));
    }

    private sealed record Exchange(string Path, string? RequestBody, int Status, string ResponseBody)
    {
        public IEnumerable<string> Violations(GatewaySwagger swagger)
        {
            if (!string.IsNullOrEmpty(RequestBody))
                foreach (var v in swagger.ValidateRequest(Path, RequestBody)) yield return "request " + v + " body: " + RequestBody;
            if (Status == 200 && Path != GatewayOperation.Ping.Path)
                foreach (var v in swagger.ValidateResponse(Path, ResponseBody)) yield return "response " + v;
        }
    }

    private sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public ConcurrentQueue<Exchange> Exchanges { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Exchanges.Enqueue(new Exchange(request.RequestUri!.AbsolutePath, body, (int)response.StatusCode, text));
            return response;
        }
    }
}
