using Microsoft.AspNetCore.SignalR;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Realtime;

namespace ProjectX.Simulator.Hubs;

/// <summary>
/// <c>/hubs/user</c> (spec §8.2): subscriptions to the caller's own accounts, orders, positions and trades.
/// Events: GatewayUserAccount/Order/Position/Trade(data), GatewayLogout(). Subscribing to another user's account is a hub error.
/// </summary>
public sealed class UserHub(RealtimeServer realtime, IHubContext<UserHub> hub) : Hub
{
    public override Task OnConnectedAsync() => HubBridge.ConnectAsync(realtime, HubKind.User, Context, hub.Clients.Client(Context.ConnectionId));

    public override Task OnDisconnectedAsync(Exception? exception) => HubBridge.DisconnectAsync(realtime, Context);

    public void SubscribeAccounts() => HubBridge.Invoke(realtime, Context, nameof(SubscribeAccounts));
    public void UnsubscribeAccounts() => HubBridge.Invoke(realtime, Context, nameof(UnsubscribeAccounts));
    public void SubscribeOrders(int accountId) => HubBridge.Invoke(realtime, Context, nameof(SubscribeOrders), accountId);
    public void UnsubscribeOrders(int accountId) => HubBridge.Invoke(realtime, Context, nameof(UnsubscribeOrders), accountId);
    public void SubscribePositions(int accountId) => HubBridge.Invoke(realtime, Context, nameof(SubscribePositions), accountId);
    public void UnsubscribePositions(int accountId) => HubBridge.Invoke(realtime, Context, nameof(UnsubscribePositions), accountId);
    public void SubscribeTrades(int accountId) => HubBridge.Invoke(realtime, Context, nameof(SubscribeTrades), accountId);
    public void UnsubscribeTrades(int accountId) => HubBridge.Invoke(realtime, Context, nameof(UnsubscribeTrades), accountId);
}
