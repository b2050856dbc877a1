using Microsoft.AspNetCore.SignalR;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Realtime;

namespace ProjectX.Simulator.Hubs;

/// <summary>
/// <c>/hubs/market</c> (spec §8.2): per-contract quotes, trade prints and depth.
/// Events: GatewayQuote(contractId, quote), GatewayTrade(contractId, [rows]), GatewayDepth(contractId, [rows]), GatewayLogout().
/// </summary>
public sealed class MarketHub(RealtimeServer realtime, IHubContext<MarketHub> hub) : Hub
{
    public override Task OnConnectedAsync() => HubBridge.ConnectAsync(realtime, HubKind.Market, Context, hub.Clients.Client(Context.ConnectionId));

    public override Task OnDisconnectedAsync(Exception? exception) => HubBridge.DisconnectAsync(realtime, Context);

    public void SubscribeContractQuotes(string contractId) => HubBridge.Invoke(realtime, Context, nameof(SubscribeContractQuotes), contractId);
    public void UnsubscribeContractQuotes(string contractId) => HubBridge.Invoke(realtime, Context, nameof(UnsubscribeContractQuotes), contractId);
    public void SubscribeContractTrades(string contractId) => HubBridge.Invoke(realtime, Context, nameof(SubscribeContractTrades), contractId);
    public void UnsubscribeContractTrades(string contractId) => HubBridge.Invoke(realtime, Context, nameof(UnsubscribeContractTrades), contractId);
    public void SubscribeContractMarketDepth(string contractId) => HubBridge.Invoke(realtime, Context, nameof(SubscribeContractMarketDepth), contractId);
    public void UnsubscribeContractMarketDepth(string contractId) => HubBridge.Invoke(realtime, Context, nameof(UnsubscribeContractMarketDepth), contractId);
}
