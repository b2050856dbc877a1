using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Simulator;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Support;

/// <summary>What the tests of the client-managed OCO read: the engine's protection events and the legs at the server.</summary>
internal static class ProtectionLegs
{
    public static ConcurrentQueue<ProtectionEvent> Record(LiveAccount live)
    {
        var events = new ConcurrentQueue<ProtectionEvent>();
        live.Protection.Changed += (_, e) => events.Enqueue(e);
        return events;
    }

    /// <summary>The working stop and target on the server, each tagged as this client's OCO leg.</summary>
    public static async Task<(OrderModel Stop, OrderModel Target)> LegsAsync(SimulatorServer server, int account = Sim.PositionBracketsAccount)
    {
        var stop = await WaitForAsync(server, o => ProtectionTags.TryParse(o.CustomTag)?.Role == ProtectionRole.StopLoss, account);
        var target = await WaitForAsync(server, o => ProtectionTags.TryParse(o.CustomTag)?.Role == ProtectionRole.TakeProfit, account);
        Assert.Equal((OrderType.Stop, OrderType.Limit), (stop.Type, target.Type));
        return (stop, target);
    }

    public static async Task<OrderModel> WaitForAsync(SimulatorServer server, Func<OrderModel, bool> match, int account = Sim.PositionBracketsAccount)
    {
        OrderModel? found = null;
        await WaitUntilAsync(() => (found = Sim.OrdersOnServer(server, account).FirstOrDefault(o => o.Status == OrderStatus.Open && match(o))) is not null, "a working leg on the server");
        return found!;
    }

    public static OrderStatus Status(SimulatorServer server, long orderId, int account = Sim.PositionBracketsAccount) =>
        Sim.OrdersOnServer(server, account).Single(o => o.Id == orderId).Status;

    public static int Size(SimulatorServer server, long orderId, int account = Sim.PositionBracketsAccount) =>
        Sim.OrdersOnServer(server, account).Single(o => o.Id == orderId).Size;
}
