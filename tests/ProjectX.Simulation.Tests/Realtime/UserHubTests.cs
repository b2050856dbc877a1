using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>The user hub in-process, through a real SignalR HubConnection on the in-memory transport.</summary>
public sealed class UserHubTests
{
    [Theory]
    [InlineData(UserPayloadShape.Bare)]
    [InlineData(UserPayloadShape.Wrapped)]
    public async Task Every_engine_change_is_pushed_in_the_configured_shape(UserPayloadShape shape)
    {
        await using var fx = new RealtimeFixture(o => o.Realtime.UserPayloadShape = shape);
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.User, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeAccounts");
        await hub.InvokeAsync("SubscribeOrders", 1001);
        await hub.InvokeAsync("SubscribePositions", 1001);
        await hub.InvokeAsync("SubscribeTrades", 1001);

        // Open (market buy fills), then a resting limit that is cancelled, then close (market sell).
        var entry = (await fx.PlaceMarketAsync(token, side: 0)).GetProperty("orderId").GetInt64();
        var limit = (await fx.PostAsync("/api/Order/place",
            $$"""{"accountId":1001,"contractId":"{{fx.Mnq}}","type":1,"side":0,"size":1,"limitPrice":1000}""", token)).GetProperty("orderId").GetInt64();
        await fx.PostAsync("/api/Order/cancel", $$"""{"accountId":1001,"orderId":{{limit}}}""", token);
        var exit = (await fx.PlaceMarketAsync(token, side: 1)).GetProperty("orderId").GetInt64();

        JsonElement Model(JsonElement data)
        {
            if (shape == UserPayloadShape.Bare)
            {
                Assert.False(data.TryGetProperty("action", out _));
                return data;
            }
            Assert.Equal(JsonValueKind.Number, data.GetProperty("action").ValueKind);
            return data.GetProperty("data");
        }

        await events.WaitUntilAsync(r => r.Data("GatewayUserTrade").Count == 2 && r.Data("GatewayUserPosition").Select(Model).Any(p => p.GetProperty("size").GetInt32() == 0)
            && r.Data("GatewayUserOrder").Select(Model).Any(o => o.GetProperty("id").GetInt64() == limit && o.GetProperty("status").GetInt32() == 3)
            && r.Data("GatewayUserOrder").Select(Model).Any(o => o.GetProperty("id").GetInt64() == exit && o.GetProperty("status").GetInt32() == 2)
            && r.Data("GatewayUserAccount").Count > 0, "fills, cancel, close and balance events");

        var orders = events.Data("GatewayUserOrder").Select(Model).ToList();
        var filled = orders.Last(o => o.GetProperty("id").GetInt64() == entry);
        Assert.Equal(2, filled.GetProperty("status").GetInt32());
        Assert.Equal(1, filled.GetProperty("fillVolume").GetInt32());
        Assert.Matches(@"^\d+\.\d{9}$", filled.GetProperty("filledPrice").GetRawText());
        Assert.Equal(fx.Mnq, filled.GetProperty("contractId").GetString());
        Assert.Equal("F.US.MNQ", filled.GetProperty("symbolId").GetString());

        var positions = events.Data("GatewayUserPosition").Select(Model).ToList();
        Assert.Equal(1, positions[0].GetProperty("size").GetInt32());
        Assert.Equal(1, positions[0].GetProperty("type").GetInt32());
        Assert.Equal(0, positions[^1].GetProperty("size").GetInt32());

        var trades = events.Data("GatewayUserTrade").Select(Model).ToList();
        Assert.Equal(JsonValueKind.Null, trades[0].GetProperty("profitAndLoss").ValueKind); // the opening half-turn
        Assert.Equal(JsonValueKind.Number, trades[1].GetProperty("profitAndLoss").ValueKind);
        Assert.Equal(exit, trades[1].GetProperty("orderId").GetInt64());

        var account = Model(events.Data("GatewayUserAccount")[^1]);
        Assert.Equal(1001, account.GetProperty("id").GetInt32());
        Assert.Equal(fx.Gateway.Exchange.GetAccount(1001)!.Balance, account.GetProperty("balance").GetDecimal());

        if (shape == UserPayloadShape.Wrapped)
        {
            var actions = events.Data("GatewayUserPosition").Select(d => d.GetProperty("action").GetInt32()).ToList();
            Assert.Equal(0, actions[0]); // added
            Assert.Equal(2, actions[^1]); // removed (closed)
        }
    }

    [Fact]
    public async Task Events_go_only_to_subscribers_of_that_account_and_a_foreign_account_is_refused()
    {
        await using var fx = new RealtimeFixture();
        var demo = await fx.LoginAsync();
        var other = await fx.LoginAsync(SimulatorOptions.SecondUserName, SimulatorOptions.SecondUserApiKey);
        var demoHub = fx.Connect(HubKind.User, () => demo);
        var otherHub = fx.Connect(HubKind.User, () => other);
        var demoEvents = HubRecorder.Attach(demoHub);
        var otherEvents = HubRecorder.Attach(otherHub);
        await demoHub.StartAsync();
        await otherHub.StartAsync();
        await demoHub.InvokeAsync("SubscribeOrders", 1002); // not the account that trades
        await demoHub.InvokeAsync("SubscribeTrades", 1001);
        await otherHub.InvokeAsync("SubscribeAccounts");
        await otherHub.InvokeAsync("SubscribeOrders", 2001);

        var refused = await Assert.ThrowsAsync<HubException>(() => otherHub.InvokeAsync("SubscribeOrders", 1001));
        Assert.Contains("Account 1001 was not found", refused.Message, StringComparison.Ordinal);

        await fx.PlaceMarketAsync(demo, side: 0);
        await demoEvents.WaitUntilAsync(r => r.Data("GatewayUserTrade").Count == 1, "the trade");
        // The trade event was queued after the order events: had any order event been sent, it would be here by now.
        Assert.Empty(demoEvents.Data("GatewayUserOrder"));
        Assert.Equal(0, otherEvents.Count);

        // Unsubscribing stops the events; UnsubscribeAccounts takes no argument.
        await demoHub.InvokeAsync("UnsubscribeTrades", 1001);
        await otherHub.InvokeAsync("UnsubscribeAccounts");
        await Assert.ThrowsAsync<HubException>(() => otherHub.InvokeAsync("UnsubscribeAccounts", 2001));
        await fx.PlaceMarketAsync(demo, side: 1);
        await demoHub.InvokeAsync("SubscribeTrades", 1001);
        await fx.PlaceMarketAsync(demo, side: 0);
        await demoEvents.WaitUntilAsync(r => r.Data("GatewayUserTrade").Count == 2, "the trade after resubscribing");
        Assert.Equal(3, fx.Gateway.Exchange.GetTrades(1001).Count);
    }

    [Fact]
    public async Task Unknown_methods_and_wrong_arguments_get_error_completions()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.User, () => token);
        await hub.StartAsync();
        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeToPrices", "x"));
        Assert.Contains("SubscribeToPrices", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeContractQuotes", "CON.F.US.MNQ.Z26")); // a market method
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeOrders"));
        // Method names are case-insensitive, like SignalR.
        await hub.InvokeAsync("subscribeorders", 1001);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_resting_order_fills_on_the_feed_clock_and_is_pushed_without_any_REST_call()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.User, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeOrders", 1001);

        // A limit the path will trade through within ten minutes, but not marketable now.
        var market = fx.Gateway.Exchange.Market;
        var now = fx.Time.GetUtcNow();
        var touch = market.GetSnapshot(fx.Mnq, now);
        var ahead = market.GetSeconds(fx.Mnq, now.AddSeconds(1), now.AddMinutes(10)).ToList();
        var buy = ahead.Min(b => b.Low) + 0.25m < touch.Bid;
        var price = buy ? ahead.Min(b => b.Low) + 0.25m : ahead.Max(b => b.High) - 0.25m;
        Assert.True(buy || price > touch.Ask, "the path moves at least two ticks in ten minutes");
        var id = (await fx.PostAsync("/api/Order/place",
            $$"""{"accountId":1001,"contractId":"{{fx.Mnq}}","type":1,"side":{{(buy ? 0 : 1)}},"size":1,"limitPrice":{{price}}}""", token)).GetProperty("orderId").GetInt64();
        await events.WaitUntilAsync(r => r.Data("GatewayUserOrder").Count == 1, "the working order");
        Assert.Equal(1, events.Data("GatewayUserOrder")[0].GetProperty("status").GetInt32());

        fx.Advance(TimeSpan.FromMinutes(10));
        await events.WaitUntilAsync(r => r.Data("GatewayUserOrder").Any(o => o.GetProperty("id").GetInt64() == id && o.GetProperty("status").GetInt32() == 2),
            "the fill pushed by the hub's clock");
    }
}
