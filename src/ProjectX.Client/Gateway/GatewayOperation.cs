namespace ProjectX.Client.Gateway;

/// <summary>How an operation may be retried. Money-moving calls are sent exactly once (see the architecture doc).</summary>
public enum OperationKind
{
    /// <summary>Reads: retried on transient faults and after a 401 refresh.</summary>
    Read,
    /// <summary>Session calls (login, validate, logout): never retried after a 401.</summary>
    Session,
    /// <summary>Place, modify, cancel, close, partial close: sent once, never retried.</summary>
    Mutation,
}

/// <summary>One Gateway REST operation: its path, verb and retry class (spec §4.15).</summary>
public sealed record GatewayOperation(string Name, string Path, OperationKind Kind, bool IsGet = false)
{
    public bool IsBars => ReferenceEquals(this, RetrieveBars);
    public override string ToString() => Name;

    public static readonly GatewayOperation LoginKey = new("Auth/loginKey", "/api/Auth/loginKey", OperationKind.Session);
    public static readonly GatewayOperation LoginApp = new("Auth/loginApp", "/api/Auth/loginApp", OperationKind.Session);
    public static readonly GatewayOperation Validate = new("Auth/validate", "/api/Auth/validate", OperationKind.Session);
    public static readonly GatewayOperation Logout = new("Auth/logout", "/api/Auth/logout", OperationKind.Session);
    public static readonly GatewayOperation Ping = new("Status/ping", "/api/Status/ping", OperationKind.Read, IsGet: true);
    public static readonly GatewayOperation SearchAccounts = new("Account/search", "/api/Account/search", OperationKind.Read);
    public static readonly GatewayOperation SearchContracts = new("Contract/search", "/api/Contract/search", OperationKind.Read);
    public static readonly GatewayOperation SearchContractById = new("Contract/searchById", "/api/Contract/searchById", OperationKind.Read);
    public static readonly GatewayOperation AvailableContracts = new("Contract/available", "/api/Contract/available", OperationKind.Read);
    public static readonly GatewayOperation RetrieveBars = new("History/retrieveBars", "/api/History/retrieveBars", OperationKind.Read);
    public static readonly GatewayOperation SearchOrders = new("Order/search", "/api/Order/search", OperationKind.Read);
    public static readonly GatewayOperation SearchOpenOrders = new("Order/searchOpen", "/api/Order/searchOpen", OperationKind.Read);
    public static readonly GatewayOperation SearchOrderById = new("Order/searchById", "/api/Order/searchById", OperationKind.Read);
    public static readonly GatewayOperation QueryOrders = new("Order/v2/query", "/api/Order/v2/query", OperationKind.Read);
    public static readonly GatewayOperation PlaceOrder = new("Order/place", "/api/Order/place", OperationKind.Mutation);
    public static readonly GatewayOperation CancelOrder = new("Order/cancel", "/api/Order/cancel", OperationKind.Mutation);
    public static readonly GatewayOperation ModifyOrder = new("Order/modify", "/api/Order/modify", OperationKind.Mutation);
    public static readonly GatewayOperation SearchPositions = new("Position/searchOpen", "/api/Position/searchOpen", OperationKind.Read);
    public static readonly GatewayOperation ClosePosition = new("Position/closeContract", "/api/Position/closeContract", OperationKind.Mutation);
    public static readonly GatewayOperation PartialClosePosition = new("Position/partialCloseContract", "/api/Position/partialCloseContract", OperationKind.Mutation);
    public static readonly GatewayOperation SearchTrades = new("Trade/search", "/api/Trade/search", OperationKind.Read);

    /// <summary>All 21 operations of spec §4.</summary>
    public static IReadOnlyList<GatewayOperation> All { get; } =
    [
        LoginKey, LoginApp, Validate, Logout, Ping, SearchAccounts, SearchContracts, SearchContractById,
        AvailableContracts, RetrieveBars, SearchOrders, SearchOpenOrders, SearchOrderById, QueryOrders,
        PlaceOrder, CancelOrder, ModifyOrder, SearchPositions, ClosePosition, PartialClosePosition, SearchTrades,
    ];
}
