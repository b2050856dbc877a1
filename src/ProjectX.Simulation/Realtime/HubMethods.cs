using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Realtime;

/// <summary>The hub methods of spec §8.2: exact names and parameter types, per hub.</summary>
public static class HubMethods
{
    private static readonly Type[] None = [];
    private static readonly Type[] Account = [typeof(int)];
    private static readonly Type[] Contract = [typeof(string)];

    private static readonly Dictionary<string, HubMethod> User = Table(
        new("SubscribeAccounts", None), new("UnsubscribeAccounts", None),
        new("SubscribeOrders", Account), new("UnsubscribeOrders", Account),
        new("SubscribePositions", Account), new("UnsubscribePositions", Account),
        new("SubscribeTrades", Account), new("UnsubscribeTrades", Account));

    private static readonly Dictionary<string, HubMethod> Market = Table(
        new("SubscribeContractQuotes", Contract), new("UnsubscribeContractQuotes", Contract),
        new("SubscribeContractTrades", Contract), new("UnsubscribeContractTrades", Contract),
        new("SubscribeContractMarketDepth", Contract), new("UnsubscribeContractMarketDepth", Contract));

    /// <summary>Every method of a hub.</summary>
    public static IReadOnlyCollection<HubMethod> Of(HubKind hub) => (hub == HubKind.User ? User : Market).Values;

    /// <summary>A method by name (case-insensitive, like SignalR), or null.</summary>
    public static HubMethod? Find(HubKind hub, string? name) =>
        name is not null && (hub == HubKind.User ? User : Market).TryGetValue(name, out var method) ? method : null;

    private static Dictionary<string, HubMethod> Table(params HubMethod[] methods) =>
        methods.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A hub method: its exact name and its parameter types.</summary>
public sealed record HubMethod(string Name, IReadOnlyList<Type> Parameters);
