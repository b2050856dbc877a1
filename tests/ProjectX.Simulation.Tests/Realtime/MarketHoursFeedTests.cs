using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>The market feed with <see cref="SimulatorMarketHours.Cme"/>: it pauses while the market is closed.</summary>
public sealed class MarketHoursFeedTests
{
    [Fact]
    public async Task The_feed_pauses_in_the_daily_break_and_resumes_at_the_reopen_without_replaying_it()
    {
        // Tuesday 14 July 2026 (CDT = UTC-5): MNQ closes 16:00 CDT = 21:00Z and reopens 17:00 CDT = 22:00Z.
        var close = new DateTimeOffset(2026, 7, 14, 21, 0, 0, TimeSpan.Zero);
        var reopen = close.AddHours(1);
        await using var fx = new RealtimeFixture(o => o.MarketHours = SimulatorMarketHours.Cme, new FakeTimeProvider(close.AddSeconds(-30)));
        var token = await fx.LoginAsync();
        var hub = fx.Connect(HubKind.Market, () => token);
        var events = HubRecorder.Attach(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeContractTrades", fx.Mnq);
        await hub.InvokeAsync("SubscribeContractQuotes", fx.Mnq);

        fx.Advance(reopen.AddSeconds(30) - fx.Time.GetUtcNow());
        await events.WaitUntilAsync(r => r.Data("GatewayTrade").SelectMany(d => d.EnumerateArray()).Any(t => t.GetProperty("timestamp").GetDateTimeOffset() >= reopen.AddSeconds(20)),
            "prints after the reopen");

        var prints = events.Data("GatewayTrade").SelectMany(d => d.EnumerateArray()).Select(t => t.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Contains(prints, t => t < close);
        Assert.DoesNotContain(prints, t => t >= close && t < reopen);
        Assert.Contains(prints, t => t >= reopen);
        var quotes = events.Data("GatewayQuote").Select(q => q.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.DoesNotContain(quotes.Skip(1), t => t >= close && t < reopen); // the first is the subscription's snapshot
        Assert.Contains(quotes, t => t >= reopen);
    }

    [Fact]
    public void Every_contract_of_the_catalogue_has_cme_hours()
    {
        // With CME hours on, a contract the calendar could not place would never trade (it fails closed).
        using var gateway = new ProjectX.Simulation.Gateway.SimulatedGateway(new SimulatorOptions { MarketHours = SimulatorMarketHours.Cme },
            new FakeTimeProvider(new DateTimeOffset(2026, 7, 14, 15, 0, 0, TimeSpan.Zero)));
        var contracts = gateway.Exchange.Catalog.Available(gateway.Time.GetUtcNow());
        Assert.NotEmpty(contracts);
        Assert.All(contracts, c => Assert.True(gateway.Exchange.IsMarketOpen(c.Id, gateway.Time.GetUtcNow()), c.Id));
    }

    [Theory]
    [InlineData("{}", SimulatorMarketHours.AlwaysOpen)]
    [InlineData("{ \"marketHours\": \"Cme\" }", SimulatorMarketHours.Cme)]
    [InlineData("{ \"MarketHours\": 1 }", SimulatorMarketHours.Cme)]
    public void Cme_hours_are_off_unless_switched_on(string json, SimulatorMarketHours expected)
    {
        Assert.Equal(SimulatorMarketHours.AlwaysOpen, new SimulatorOptions().MarketHours);
        Assert.Equal(expected, SimulatorOptions.FromJson(json).MarketHours);
    }
}
