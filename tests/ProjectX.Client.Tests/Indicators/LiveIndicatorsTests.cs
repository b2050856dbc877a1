using System.Collections.Concurrent;
using ProjectX.Client.Indicators;
using ProjectX.Client.Live;
using ProjectX.Client.State;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Indicators;

/// <summary>Indicators on the live engine's bars, against the simulator's hubs.</summary>
public sealed class LiveIndicatorsTests
{
    [Fact]
    public async Task Attached_indicators_seed_from_history_and_each_closed_bar_carries_the_values_history_gives()
    {
        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(50));
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, new LiveAccountOptions { Realtime = FastOptions() });
        var s1 = Timeframe.OneSecond;
        var mnq = await live.WatchAsync("MNQ", new WatchOptions { Timeframes = [s1], HistoryBars = 40 });

        using var indicators = live.AttachIndicators(mnq, s1, new Sma(3), new Rsi(5), new Macd(3, 6, 2), new BollingerBands(5));
        Assert.True(indicators.Indicators[0].IsReady, "seeded from the 40 history bars");
        var readings = new ConcurrentQueue<IndicatorReading>();
        indicators.BarClosed += (_, e) => readings.Enqueue(e.Reading);

        await WaitUntilAsync(() => readings.Count >= 3, "three live bars closing");
        var forming = indicators.Read(includeForming: true);

        foreach (var reading in readings.Take(3))
        {
            Assert.False(reading.IsForming);
            var bar = reading.Bar!.Value;
            var history = mnq.Bars![s1].ToArray(includeForming: false).Where(b => b.Start <= bar.Start).ToArray();
            Assert.Equal(bar, history[^1]);
            AssertSameValues(history, reading);
        }
        if (forming.IsForming)
        {
            var closed = mnq.Bars![s1].ToArray(includeForming: false).Where(b => b.Start < forming.Bar!.Value.Start);
            AssertSameValues([.. closed, forming.Bar!.Value], forming);
        }
        Assert.Contains("MACD(3,6,2).Signal", readings.First().Values.Keys);
    }

    [Fact]
    public async Task Attaching_to_a_timeframe_the_symbol_does_not_build_is_refused()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await ConnectAsync(server);
        await using var live = await LiveAccount.StartAsync(client, new LiveAccountOptions { Realtime = FastOptions() });
        var mnq = await live.WatchAsync("MNQ", new WatchOptions { Timeframes = [Timeframe.OneMinute], HistoryBars = 0 });

        var error = Assert.Throws<ProjectXValidationException>(() => live.AttachIndicators(mnq, Timeframe.FiveMinutes, new Rsi()));
        Assert.Equal(ValidationReason.InvalidTimeframe, error.Reason);
    }

    private static void AssertSameValues(Bar[] history, IndicatorReading reading)
    {
        Indicator[] fresh = [new Sma(3), new Rsi(5), new Macd(3, 6, 2), new BollingerBands(5)];
        foreach (var indicator in fresh)
        {
            indicator.Calculate(history);
            for (int o = 0; o < indicator.Outputs.Count; o++)
                Assert.Equal(indicator.Values[o], reading[IndicatorReading.Key(indicator, o)]);
        }
    }
}
