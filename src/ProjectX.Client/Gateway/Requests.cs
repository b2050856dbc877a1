namespace ProjectX.Client.Gateway;

// Request bodies, exactly as the Swagger names them. Optional members are sent as explicit
// nulls, like the official docs' examples.

public sealed class LoginApiKeyRequest
{
    public string UserName { get; init; } = "";
    public string ApiKey { get; init; } = "";
    // Never print the key.
    public override string ToString() => $"LoginApiKeyRequest {{ UserName = {UserName} }}";
}

public sealed class LoginAppRequest
{
    public string UserName { get; init; } = "";
    public string Password { get; init; } = "";
    public string DeviceId { get; init; } = "";
    public string AppId { get; init; } = "";
    public string VerifyKey { get; init; } = "";
    public override string ToString() => $"LoginAppRequest {{ UserName = {UserName} }}";
}

public sealed class SearchAccountRequest { public bool OnlyActiveAccounts { get; init; } }

public sealed class SearchContractRequest
{
    public string? SearchText { get; init; }
    public bool Live { get; init; }
}

public sealed class SearchContractByIdRequest { public string ContractId { get; init; } = ""; }

public sealed class ListAvailableContractRequest { public bool Live { get; init; } }

public sealed class RetrieveBarRequest
{
    public string ContractId { get; init; } = "";
    public bool Live { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset EndTime { get; init; }
    public AggregateBarUnit Unit { get; init; }
    public int UnitNumber { get; init; }
    public int Limit { get; init; }
    public bool IncludePartialBar { get; init; }
}

public sealed class SearchOrderRequest
{
    public int AccountId { get; init; }
    public DateTimeOffset StartTimestamp { get; init; }
    public DateTimeOffset? EndTimestamp { get; init; }
}

public sealed class SearchOpenOrderRequest { public int AccountId { get; init; } }

public sealed class SearchOrderByIdRequest
{
    public int AccountId { get; init; }
    public long OrderId { get; init; }
}

/// <summary>Order/v2/query body. <see cref="PageOffset"/> counts rows, not pages; the server caps a page at 100 rows.</summary>
public sealed class SearchOrdersQueryRequest
{
    public GatewayOrderFilter? Filter { get; init; }
    public int? PageSize { get; init; }
    public int? PageOffset { get; init; }
    public OrderSortField? SortBy { get; init; }
    public SortDirection? SortDirection { get; init; }
    public bool? IncludeTotalCount { get; init; }
}

public sealed class GatewayOrderFilter
{
    public int AccountId { get; init; }
    public IReadOnlyList<OrderStatus>? Statuses { get; init; }
    public string? ContractId { get; init; }
    public DateTimeOffset? CreatedAfter { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }
}

public sealed class PlaceOrderRequest
{
    public int AccountId { get; init; }
    public string ContractId { get; init; } = "";
    public OrderType Type { get; init; }
    public OrderSide Side { get; init; }
    public int Size { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    /// <summary>Trailing stops only: an absolute price level, not a distance (spec §4.8).</summary>
    public decimal? TrailPrice { get; init; }
    public string? CustomTag { get; init; }
    public PlaceOrderBracket? StopLossBracket { get; init; }
    public PlaceOrderBracket? TakeProfitBracket { get; init; }
}

public sealed class PlaceOrderBracket
{
    public int Ticks { get; init; }
    public OrderType Type { get; init; }
}

public sealed class CancelOrderRequest
{
    public int AccountId { get; init; }
    public long OrderId { get; init; }
}

public sealed class ModifyOrderRequest
{
    public int AccountId { get; init; }
    public long OrderId { get; init; }
    public int? Size { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    public decimal? TrailPrice { get; init; }
}

public sealed class SearchPositionRequest { public int AccountId { get; init; } }

public sealed class CloseContractPositionRequest
{
    public int AccountId { get; init; }
    public string ContractId { get; init; } = "";
}

public sealed class PartialCloseContractPositionRequest
{
    public int AccountId { get; init; }
    public string ContractId { get; init; } = "";
    public int Size { get; init; }
}

public sealed class SearchTradeRequest
{
    public int AccountId { get; init; }
    public DateTimeOffset? StartTimestamp { get; init; }
    public DateTimeOffset? EndTimestamp { get; init; }
}
