using ProjectX.Client.Realtime;
using ProjectX.Simulation.Realtime;

namespace ProjectX.Simulation.Tests.Realtime;

public sealed class RealtimeOptionsTests
{
    [Fact]
    public void Realtime_options_load_from_json_and_default_to_the_documented_shape()
    {
        var defaults = new SimulatorOptions().Realtime;
        Assert.Equal(UserPayloadShape.Bare, defaults.UserPayloadShape);
        Assert.Equal(TimeSpan.FromMilliseconds(250), defaults.FeedInterval);
        Assert.Equal(0, defaults.LoadMessagesPerSecond);

        var options = SimulatorOptions.FromJson("""
            { "realtime": { "userPayloadShape": "Wrapped", "feedInterval": "00:00:01", "depthLevels": 3, "loadMessagesPerSecond": 50000 } }
            """);
        Assert.Equal(UserPayloadShape.Wrapped, options.Realtime.UserPayloadShape);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Realtime.FeedInterval);
        Assert.Equal(3, options.Realtime.DepthLevels);
        Assert.Equal(50_000, options.Realtime.LoadMessagesPerSecond);
    }

    [Fact]
    public void The_method_table_has_the_exact_spec_names_and_argument_types()
    {
        Assert.Equal(
            ["SubscribeAccounts", "UnsubscribeAccounts", "SubscribeOrders", "UnsubscribeOrders", "SubscribePositions", "UnsubscribePositions", "SubscribeTrades", "UnsubscribeTrades"],
            HubMethods.Of(HubKind.User).Select(m => m.Name));
        Assert.Empty(HubMethods.Find(HubKind.User, "UnsubscribeAccounts")!.Parameters);
        Assert.Equal([typeof(int)], HubMethods.Find(HubKind.User, "SubscribeTrades")!.Parameters);
        Assert.Equal(
            ["SubscribeContractQuotes", "UnsubscribeContractQuotes", "SubscribeContractTrades", "UnsubscribeContractTrades", "SubscribeContractMarketDepth", "UnsubscribeContractMarketDepth"],
            HubMethods.Of(HubKind.Market).Select(m => m.Name));
        Assert.All(HubMethods.Of(HubKind.Market), m => Assert.Equal([typeof(string)], m.Parameters));
        Assert.Null(HubMethods.Find(HubKind.Market, "SubscribeOrders"));
    }
}
