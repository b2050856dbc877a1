using ProjectX.Client.Realtime;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>The market hub's hot path against the simulator's own frames, over real sockets.</summary>
public sealed class MarketHotPathTests
{
    [Fact]
    public async Task Every_quote_print_and_depth_message_of_the_server_is_read_by_the_hot_path()
    {
        await using var server = await Sim.StartAsync(o =>
        {
            o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(20);
            o.Realtime.LoadMessagesPerSecond = 2_000;
        });
        await using var client = await ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        await using var realtime = new ProjectXRealtime(client, FastOptions(o => o.UseUserHub = false));
        await using var log = new EventLog(realtime);
        await realtime.StartAsync();
        await realtime.SubscribeMarketAsync(mnq.Id);

        static bool IsMarket(RealtimeEvent e) => e is QuoteEvent or MarketTradeEvent or DepthEvent;
        await WaitUntilAsync(() => log.Of<QuoteEvent>().Count() >= 5 && log.Of<MarketTradeEvent>().Count() >= 5 && log.Of<DepthEvent>().Count() >= 500, "quotes, prints and depth");
        await realtime.UnsubscribeDepthAsync(mnq.Id);
        await realtime.UnsubscribeQuotesAsync(mnq.Id);
        await realtime.UnsubscribeMarketTradesAsync(mnq.Id);
        await Task.Delay(100);

        Assert.Equal(log.All.Count(IsMarket), realtime.MarketFastPathCount);
        Assert.Equal(0, realtime.MalformedPayloadCount);
    }
}
