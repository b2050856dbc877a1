using ProjectX.Client.Gateway;
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
            HubProtocol.MethodsOf(HubKind.User).Select(m => m.Name));
        Assert.Empty(HubProtocol.FindMethod(HubKind.User, "UnsubscribeAccounts")!.ParameterTypes);
        Assert.Equal([typeof(int)], HubProtocol.FindMethod(HubKind.User, "SubscribeTrades")!.ParameterTypes);
        Assert.Equal(
            ["SubscribeContractQuotes", "UnsubscribeContractQuotes", "SubscribeContractTrades", "UnsubscribeContractTrades", "SubscribeContractMarketDepth", "UnsubscribeContractMarketDepth"],
            HubProtocol.MethodsOf(HubKind.Market).Select(m => m.Name));
        Assert.All(HubProtocol.MethodsOf(HubKind.Market), m => Assert.Equal([typeof(string)], m.ParameterTypes));
        Assert.Null(HubProtocol.FindMethod(HubKind.Market, "SubscribeOrders"));
        Assert.Equal(
            ["GatewayUserAccount", "GatewayUserOrder", "GatewayUserPosition", "GatewayUserTrade", "GatewayQuote", "GatewayTrade", "GatewayDepth"],
            HubProtocol.Streams.Select(s => s.Event));
    }

    // ASP.NET SignalR dispatches by C# method name, so the hub classes must declare exactly the table's methods.
    [Theory]
    [InlineData(typeof(ProjectX.Simulator.Hubs.UserHub), HubKind.User)]
    [InlineData(typeof(ProjectX.Simulator.Hubs.MarketHub), HubKind.Market)]
    public void The_ASP_NET_hubs_declare_exactly_the_table_methods(Type hubClass, HubKind hub)
    {
        var declared = hubClass.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync"))
            .Select(m => (m.Name, Parameters: string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name))))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        var table = HubProtocol.MethodsOf(hub)
            .Select(m => (m.Name, Parameters: string.Join(",", m.ParameterTypes.Select(t => t.Name))))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        Assert.Equal(table, declared);
    }
}
