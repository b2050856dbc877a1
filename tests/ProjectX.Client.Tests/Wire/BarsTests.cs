using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

public sealed class BarsTests
{
    [Fact]
    public async Task Bars_come_back_oldest_first_within_the_range()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var end = server.Gateway.Time.GetUtcNow();
        var bars = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Minute, 5) { Start = end.AddHours(-3), End = end });
        Assert.NotEmpty(bars);
        // A bar is stamped with its open time, so the first one may open up to one bar before Start.
        Assert.All(bars, b => Assert.InRange(b.T, end.AddHours(-3).AddMinutes(-5), end));
        Assert.Equal(bars.OrderBy(b => b.T).Select(b => b.T), bars.Select(b => b.T));
        Assert.All(bars, b => Assert.True(b.L <= b.O && b.O <= b.H && b.L <= b.C && b.C <= b.H));
    }

    [Fact]
    public async Task Count_keeps_the_most_recent_bars_and_accepts_a_contract()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var contract = await client.GetInstrumentAsync("ES");
        var recent = await client.GetBarsAsync(new BarsRequest { Contract = contract, Unit = AggregateBarUnit.Minute, UnitNumber = 1, Count = 30 });
        var wider = await client.GetBarsAsync(new BarsRequest { Contract = contract, Unit = AggregateBarUnit.Minute, UnitNumber = 1, Days = 1 });
        Assert.Equal(30, recent.Count);
        Assert.Equal(wider.TakeLast(30).Select(b => b.T), recent.Select(b => b.T));
    }

    [Fact]
    public async Task More_than_20000_bars_are_paged()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        var bars = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Second, 1) { Count = 25_000 });
        Assert.Equal(25_000, bars.Count);
        Assert.True(log.Count("History/retrieveBars") >= 2);
        for (var i = 1; i < bars.Count; i++)
            Assert.True(bars[i - 1].T < bars[i].T, $"bars {i - 1} and {i} are not strictly ascending");
    }

    [Theory]
    [InlineData("reversed")]
    [InlineData("empty")]
    [InlineData("start-and-days")]
    [InlineData("zero-days")]
    [InlineData("zero-count")]
    [InlineData("zero-unit-number")]
    [InlineData("no-range")]
    public async Task A_malformed_range_is_refused_before_sending(string shape)
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var contract = await client.GetInstrumentAsync("MNQ");
        var log = CallLog.Attach(client);
        var now = server.Gateway.Time.GetUtcNow();
        var request = new BarsRequest { Contract = contract };
        switch (shape)
        {
            case "reversed": request.Start = now; request.End = now.AddHours(-1); break;
            case "empty": request.Start = now; request.End = now; break;
            case "start-and-days": request.Start = now.AddDays(-1); request.Days = 2; break;
            case "zero-days": request.Days = 0; break;
            case "zero-count": request.Count = 0; break;
            case "zero-unit-number": request.Days = 1; request.UnitNumber = 0; break;
            case "no-range": break;
        }
        await Assert.ThrowsAsync<ProjectXValidationException>(() => client.GetBarsAsync(request));
        Assert.Empty(log.All);
    }

    [Fact]
    public async Task Bars_take_permits_from_both_buckets()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var before = client.RateLimitStatus;
        await client.GetBarsAsync(new BarsRequest("MNQ") { Count = 10 });
        var after = client.RateLimitStatus;
        Assert.True(after.BarsAvailable < before.BarsAvailable);
        Assert.True(after.GlobalAvailable < before.GlobalAvailable);
        Assert.Equal(50, after.BarsPermits);
        Assert.Equal(200, after.GlobalPermits);
    }
}
