using ProjectX.Client.Gateway;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Client.Tests.Wire;

/// <summary>The HttpMessageHandler option: the client runs over the simulator's in-memory transport too.</summary>
public sealed class TransportOptionTests
{
    [Fact]
    public async Task The_client_runs_over_a_supplied_handler_and_leaves_it_usable()
    {
        using var gateway = new SimulatedGateway();
        using var handler = gateway.CreateHttpMessageHandler();
        var options = new ProjectXClientOptions
        {
            ApiBaseUrl = SimulatedGateway.InProcessBaseUrl,
            HttpMessageHandler = handler,
            UserName = SimulatorOptions.DemoUserName,
            ApiKey = SimulatorOptions.DemoApiKey,
        };
        await using (var client = await ProjectXClient.ConnectAsync(options))
        {
            Assert.Equal("pong", await client.PingAsync());
            var placed = await client.PlaceMarketOrderAsync("MES", OrderSide.Bid, 1);
            Assert.Equal(OrderStatus.Filled, gateway.Exchange.GetOrder(placed.OrderId)!.Status);
            await client.LogoutAsync();
            Assert.False(client.IsAuthenticated);
        }

        // The handler belongs to the caller: a second client can still use it.
        await using var again = await ProjectXClient.ConnectAsync(options);
        Assert.Single(await again.GetPositionsAsync());
    }
}
