using ProjectX.Client.Realtime;

namespace ProjectX.Client.Gateway;

/// <summary>What a hub method takes: nothing, an account id (int) or a contract id (string).</summary>
public enum HubArgument
{
    None,
    AccountId,
    ContractId,
}

/// <summary>A hub method: its exact name (spec §8.2), its hub, its argument, and whether it starts or stops its stream.</summary>
public sealed record HubMethod(string Name, HubKind Hub, HubArgument Argument, bool IsSubscribe)
{
    private static readonly Type[] NoParameters = [];
    private static readonly Type[] AccountParameters = [typeof(int)];
    private static readonly Type[] ContractParameters = [typeof(string)];

    /// <summary>The CLR parameter types a server binds the invocation's arguments to.</summary>
    public IReadOnlyList<Type> ParameterTypes => Argument switch
    {
        HubArgument.AccountId => AccountParameters,
        HubArgument.ContractId => ContractParameters,
        _ => NoParameters,
    };

    public override string ToString() => Name;
}

/// <summary>
/// One stream of a hub: the method pair that starts and stops it, and the event (the invocation target the server
/// sends) that carries it. User events carry <c>(data)</c>; market events carry <c>(contractId, data)</c>.
/// </summary>
public sealed record HubStream(HubMethod Subscribe, HubMethod Unsubscribe, string Event)
{
    public HubKind Hub => Subscribe.Hub;
    public HubArgument Argument => Subscribe.Argument;

    public override string ToString() => Event;
}

/// <summary>
/// The realtime vocabulary of spec §8, defined once: the client, the ASP.NET hubs and the in-process server all
/// read their method and event names from here.
/// </summary>
public static class HubProtocol
{
    /// <summary>Server → client, either hub: the session was revoked (no arguments).</summary>
    public const string LogoutEvent = "GatewayLogout";

    public static readonly HubStream Accounts = Stream(HubKind.User, "Accounts", HubArgument.None, "GatewayUserAccount");
    public static readonly HubStream Orders = Stream(HubKind.User, "Orders", HubArgument.AccountId, "GatewayUserOrder");
    public static readonly HubStream Positions = Stream(HubKind.User, "Positions", HubArgument.AccountId, "GatewayUserPosition");
    public static readonly HubStream Trades = Stream(HubKind.User, "Trades", HubArgument.AccountId, "GatewayUserTrade");
    public static readonly HubStream Quotes = Stream(HubKind.Market, "ContractQuotes", HubArgument.ContractId, "GatewayQuote");
    public static readonly HubStream MarketTrades = Stream(HubKind.Market, "ContractTrades", HubArgument.ContractId, "GatewayTrade");
    public static readonly HubStream Depth = Stream(HubKind.Market, "ContractMarketDepth", HubArgument.ContractId, "GatewayDepth");

    /// <summary>Every stream, user hub first.</summary>
    public static IReadOnlyList<HubStream> Streams { get; } = [Accounts, Orders, Positions, Trades, Quotes, MarketTrades, Depth];

    private static readonly Dictionary<string, HubMethod> UserMethods = MethodTable(HubKind.User);
    private static readonly Dictionary<string, HubMethod> MarketMethods = MethodTable(HubKind.Market);

    /// <summary>Every method a client may invoke on a hub.</summary>
    public static IReadOnlyCollection<HubMethod> MethodsOf(HubKind hub) => Methods(hub).Values;

    /// <summary>A method by name (case-insensitive, like SignalR), or null.</summary>
    public static HubMethod? FindMethod(HubKind hub, string? name) =>
        name is not null && Methods(hub).TryGetValue(name, out var method) ? method : null;

    /// <summary>The stream a method starts or stops.</summary>
    public static HubStream StreamOf(HubMethod method) =>
        Streams.First(s => s.Subscribe == method || s.Unsubscribe == method);

    private static Dictionary<string, HubMethod> Methods(HubKind hub) => hub == HubKind.User ? UserMethods : MarketMethods;

    private static HubStream Stream(HubKind hub, string what, HubArgument argument, string @event) =>
        new(new HubMethod("Subscribe" + what, hub, argument, IsSubscribe: true), new HubMethod("Unsubscribe" + what, hub, argument, IsSubscribe: false), @event);

    private static Dictionary<string, HubMethod> MethodTable(HubKind hub) =>
        Streams.Where(s => s.Hub == hub).SelectMany(s => new[] { s.Subscribe, s.Unsubscribe })
            .ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
}
