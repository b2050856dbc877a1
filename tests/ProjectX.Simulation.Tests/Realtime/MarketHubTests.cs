using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>The market hub in-process, driven by a fake clock, through a real SignalR HubConnection.</summary>
public sealed class MarketHubTests
{
    private static readonly string[] QuoteFields =
        ["symbol", "symbolName", "lastPrice", "bestBid", "bestAsk", "change", "changePercent", "open", "high", "low", "volume", "lastUpdated", "timestamp"];

    [Fact]
    public async Task Quotes_start_full_then_carry_only_what_changed_and_agree_with_the_snapshot()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.Market, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractQuotes", fx.Mnq);
        await events.WaitUntilAsync(r => r.Data("GatewayQuote").Count == 1, "the first quote");

        var args = events.Arguments("GatewayQuote")[0];
        Assert.Equal(fx.Mnq, args[0].GetString());
        var first = args[1];
        Assert.Equal(QuoteFields, first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("F.US.MNQ", first.GetProperty("symbol").GetString());
        Assert.Equal("/MNQ", first.GetProperty("symbolName").GetString());
        Assert.Matches(@"^\d+\.\d{9}$", first.GetProperty("lastPrice").GetRawText());

        fx.Advance(TimeSpan.FromSeconds(20));
        await events.WaitUntilAsync(r => r.Data("GatewayQuote").Count > 5, "sparse updates");
        var updates = events.Data("GatewayQuote").Skip(1).ToList();
        Assert.All(updates, u => Assert.True(u.EnumerateObject().Count() < QuoteFields.Length, u.ToString()));
        Assert.All(updates, u => Assert.False(u.TryGetProperty("symbolName", out _)));
        Assert.Contains(updates, u => !u.TryGetProperty("open", out _));

        // The merged quote equals a full quote of the market now.
        await events.WaitUntilAsync(r => r.Data("GatewayQuote")[^1].GetProperty("timestamp").GetDateTimeOffset() >= fx.Time.GetUtcNow().AddSeconds(-2), "recent quote");
        var merged = new Dictionary<string, JsonElement>();
        foreach (var quote in events.Data("GatewayQuote"))
            foreach (var p in quote.EnumerateObject()) merged[p.Name] = p.Value;
        var at = merged["timestamp"].GetDateTimeOffset();
        var snapshot = fx.Gateway.Exchange.Market.GetSnapshot(fx.Mnq, at);
        Assert.Equal(snapshot.Last, merged["lastPrice"].GetDecimal());
        Assert.Equal(snapshot.Bid, merged["bestBid"].GetDecimal());
        Assert.Equal(snapshot.Ask, merged["bestAsk"].GetDecimal());
        Assert.Equal(snapshot.VolumeToday, merged["volume"].GetInt64());
        var day = fx.Gateway.Exchange.Market.RetrieveBars(new RetrieveBarRequest
        {
            ContractId = fx.Mnq, StartTime = at.Date, EndTime = at.AddSeconds(1), Unit = AggregateBarUnit.Day, UnitNumber = 1, Limit = 1, IncludePartialBar = true,
        }, at).Bars!.Single();
        Assert.Equal(day.O, merged["open"].GetDecimal());
        Assert.Equal(day.H, merged["high"].GetDecimal());
        Assert.Equal(day.L, merged["low"].GetDecimal());

        // Unsubscribed: no more quotes.
        await hub.InvokeAsync("UnsubscribeContractQuotes", fx.Mnq);
        var sent = fx.Gateway.Realtime.MarketMessagesSent;
        fx.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(sent, fx.Gateway.Realtime.MarketMessagesSent);
    }

    [Fact]
    public async Task Trade_prints_aggregate_to_the_same_minute_bars_as_retrieveBars()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.Market, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractTrades", fx.Mnq);

        var firstMinute = new DateTimeOffset(2026, 11, 24, 15, 1, 0, TimeSpan.Zero);
        var end = firstMinute.AddMinutes(3);
        fx.Advance(end - fx.Time.GetUtcNow());
        await events.WaitUntilAsync(r => r.Data("GatewayTrade").SelectMany(d => d.EnumerateArray()).Any(t => t.GetProperty("timestamp").GetDateTimeOffset() >= end),
            "prints up to the end of the window");

        var args = events.Arguments("GatewayTrade")[0];
        Assert.Equal(fx.Mnq, args[0].GetString());
        Assert.Equal(JsonValueKind.Array, args[1].ValueKind);
        var row = args[1][0];
        Assert.Equal(["symbolId", "price", "timestamp", "type", "volume"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("F.US.MNQ", row.GetProperty("symbolId").GetString());

        var prints = events.Data("GatewayTrade").SelectMany(d => d.EnumerateArray())
            .Select(t => (Time: t.GetProperty("timestamp").GetDateTimeOffset(), Price: t.GetProperty("price").GetDecimal(), Volume: t.GetProperty("volume").GetInt64(), Side: t.GetProperty("type").GetInt32()))
            .ToList();
        Assert.True(prints.Zip(prints.Skip(1)).All(p => p.First.Time <= p.Second.Time), "prints arrive in time order");
        Assert.Contains(prints, p => p.Side == (int)TradeLogType.Buy);
        Assert.Contains(prints, p => p.Side == (int)TradeLogType.Sell);
        var built = prints.Where(p => p.Time >= firstMinute && p.Time < end)
            .GroupBy(p => new DateTimeOffset(p.Time.Year, p.Time.Month, p.Time.Day, p.Time.Hour, p.Time.Minute, 0, TimeSpan.Zero))
            .Select(g => new AggregateBarModel { T = g.Key, O = g.First().Price, H = g.Max(p => p.Price), L = g.Min(p => p.Price), C = g.Last().Price, V = g.Sum(p => p.Volume) })
            .OrderBy(b => b.T).ToList();

        var rest = await fx.PostAsync("/api/History/retrieveBars",
            $$"""{"contractId":"{{fx.Mnq}}","live":false,"startTime":"{{firstMinute:O}}","endTime":"{{end:O}}","unit":2,"unitNumber":1,"limit":10,"includePartialBar":false}""", token);
        var expected = rest.GetProperty("bars").EnumerateArray().Reverse()
            .Select(b => (b.GetProperty("t").GetDateTimeOffset(), b.GetProperty("o").GetDecimal(), b.GetProperty("h").GetDecimal(), b.GetProperty("l").GetDecimal(), b.GetProperty("c").GetDecimal(), b.GetProperty("v").GetInt64()))
            .ToList();
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, built.Select(b => (b.T, b.O, b.H, b.L, b.C, b.V)).ToList());
    }

    [Fact]
    public async Task Depth_starts_with_a_reset_then_level_updates_that_rebuild_the_simulators_book()
    {
        await using var fx = new RealtimeFixture(o => o.Realtime.DepthLevels = 5);
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.Market, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractMarketDepth", fx.Mnq);
        await events.WaitUntilAsync(r => r.Data("GatewayDepth").Count == 1, "the snapshot");

        var snapshot = events.Data("GatewayDepth")[0];
        Assert.Equal(6, snapshot[0].GetProperty("type").GetInt32());
        Assert.Equal(1 + 10, snapshot.GetArrayLength());
        Assert.Equal(["timestamp", "type", "price", "volume", "currentVolume"], snapshot[1].EnumerateObject().Select(p => p.Name));
        Assert.True(ClientBook.Replay(events.Data("GatewayDepth")).SameAs(fx.Gateway.Realtime.GetDepthBook(fx.Mnq)));

        fx.Advance(TimeSpan.FromMinutes(2));
        var book = fx.Gateway.Realtime.GetDepthBook(fx.Mnq);
        Assert.Equal(5, book.Bids.Count);
        Assert.Equal(5, book.Asks.Count);
        Assert.True(book.Bids[0].Price < book.Asks[0].Price);
        await Eventually.HoldsAsync(() => ClientBook.Replay(events.Data("GatewayDepth")).SameAs(book), "client book = simulator book");

        var replayed = ClientBook.Replay(events.Data("GatewayDepth"));
        Assert.Equal(1, replayed.Resets);
        Assert.True(replayed.Removals > 0, "the touch moved, so levels were removed with volume 0");
        var types = events.Data("GatewayDepth").Skip(1).SelectMany(d => d.EnumerateArray()).Select(r => r.GetProperty("type").GetInt32()).ToHashSet();
        Assert.Superset(new HashSet<int> { 1, 2, 3, 4, 9, 10 }, types);
        Assert.Subset(new HashSet<int> { 1, 2, 3, 4, 9, 10 }, types);
    }

    [Fact]
    public async Task A_stalled_feed_keeps_the_connection_open_but_silent_until_resumed()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.Market, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractQuotes", fx.Mnq);
        await hub.InvokeAsync("SubscribeContractTrades", fx.Mnq);
        fx.Advance(TimeSpan.FromSeconds(5));
        await events.WaitUntilAsync(r => r.Data("GatewayTrade").Count > 0, "trades before the stall");

        fx.Gateway.Realtime.StallMarketFeed();
        var stalledAt = fx.Time.GetUtcNow();
        var sent = fx.Gateway.Realtime.MarketMessagesSent;
        fx.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(sent, fx.Gateway.Realtime.MarketMessagesSent);
        Assert.True(fx.Gateway.Realtime.IsMarketFeedStalled);
        await hub.InvokeAsync("SubscribeContractTrades", fx.Mnq); // the socket still answers
        Assert.Equal(HubConnectionState.Connected, hub.State);

        fx.Gateway.Realtime.ResumeMarketFeed();
        var resumedAt = fx.Time.GetUtcNow();
        fx.Advance(TimeSpan.FromSeconds(5));
        await events.WaitUntilAsync(r => r.Data("GatewayTrade").SelectMany(d => d.EnumerateArray())
            .Any(t => t.GetProperty("timestamp").GetDateTimeOffset() > resumedAt), "trades after resuming");
        // Nothing from the stall is replayed. (Counting is no use here: trades from before the stall may still be
        // on their way when it is resumed, so the check is on the trades' own times.)
        Assert.All(events.Data("GatewayTrade").SelectMany(d => d.EnumerateArray()), t =>
        {
            var at = t.GetProperty("timestamp").GetDateTimeOffset();
            Assert.True(at <= stalledAt || at > resumedAt, $"a trade at {at:O} was printed during the stall");
        });
    }
}
