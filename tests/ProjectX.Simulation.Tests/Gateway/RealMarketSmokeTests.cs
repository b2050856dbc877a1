using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulation.Tests.Gateway;

/// <summary>The gateway on the built-in catalogue and seeded market: the walk a user does from the docs.</summary>
public sealed class RealMarketSmokeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly SimulatedGateway _gateway;

    public RealMarketSmokeTests() => _gateway = new SimulatedGateway(new SimulatorOptions { Seed = 7 }, _time);

    public void Dispose() => _gateway.Dispose();

    private async Task<JsonElement> Call(string path, string json, string? token)
    {
        var response = await _gateway.HandleAsync(GatewayHttpRequest.Post(path, json, token), CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Login_search_bars_place_position_trade_and_resting_limit_agree_with_the_market()
    {
        var token = (await Call("/api/Auth/loginKey", """{"userName":"demo","apiKey":"demo-api-key"}""", null)).GetProperty("token").GetString();
        var contracts = (await Call("/api/Contract/search", """{"searchText":"MNQ","live":false}""", token)).GetProperty("contracts");
        Assert.InRange(contracts.GetArrayLength(), 1, 20);
        var mnq = contracts.EnumerateArray().First(c => c.GetProperty("activeContract").GetBoolean()).GetProperty("id").GetString()!;

        var bars = await Call("/api/History/retrieveBars",
            $$"""{"contractId":"{{mnq}}","live":false,"startTime":"2026-11-24T10:00:00Z","endTime":"2026-11-24T15:00:00Z","unit":2,"unitNumber":5,"limit":12,"includePartialBar":false}""", token);
        Assert.True(bars.GetProperty("success").GetBoolean());
        Assert.Equal(12, bars.GetProperty("bars").GetArrayLength());

        var snapshot = _gateway.Exchange.Market.GetSnapshot(mnq, Now);
        var place = await Call("/api/Order/place", $$"""{"accountId":1001,"contractId":"{{mnq}}","type":2,"side":0,"size":1}""", token);
        Assert.True(place.GetProperty("success").GetBoolean());
        var position = (await Call("/api/Position/searchOpen", """{"accountId":1001}""", token)).GetProperty("positions").EnumerateArray().Single();
        Assert.Equal(snapshot.Ask, position.GetProperty("averagePrice").GetDecimal());
        var trade = (await Call("/api/Trade/search", """{"accountId":1001,"startTimestamp":"2026-11-24T00:00:00Z"}""", token)).GetProperty("trades").EnumerateArray().Single();
        Assert.Equal(snapshot.Ask, trade.GetProperty("price").GetDecimal());

        // A resting buy limit one tick under the bid fills exactly when a later second trades through it.
        var limit = snapshot.Bid - 0.25m;
        var limitId = (await Call("/api/Order/place",
            $$"""{"accountId":1002,"contractId":"{{mnq}}","type":1,"side":0,"size":1,"limitPrice":{{limit}}}""", token)).GetProperty("orderId").GetInt64();
        _time.Advance(TimeSpan.FromMinutes(30));
        _gateway.Exchange.AdvanceToNow();
        var seconds = _gateway.Exchange.Market.GetSeconds(mnq, Now, _time.GetUtcNow()).ToList();
        var through = seconds.FirstOrDefault(s => s.Low < limit);
        var order = _gateway.Exchange.GetOrder(limitId)!;
        if (through.Time == default)
        {
            Assert.Equal(OrderStatus.Open, order.Status);
        }
        else
        {
            Assert.Equal(OrderStatus.Filled, order.Status);
            Assert.Equal(Math.Min(limit, through.Open), order.FilledPrice);
            Assert.Equal(through.Time, order.UpdateTimestamp);
        }
    }
}
