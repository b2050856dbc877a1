using System.Text.Json.Serialization;

namespace ProjectX.Client.Gateway;

/// <summary>The envelope every Gateway response carries (spec §2). HTTP 200 with <see cref="Success"/> false is a business error.</summary>
public abstract class GatewayResponse
{
    public bool Success { get; init; }
    public string? ErrorMessage { get; init; }
    /// <summary>The endpoint-specific error code as a number.</summary>
    [JsonIgnore] public abstract int ErrorCodeValue { get; }
    /// <summary>The endpoint-specific error code's name, or its number when the gateway sent a value this client does not know.</summary>
    [JsonIgnore] public abstract string ErrorCodeName { get; }
}

public abstract class GatewayResponse<TCode> : GatewayResponse where TCode : struct, Enum
{
    public TCode ErrorCode { get; init; }
    [JsonIgnore] public override int ErrorCodeValue => Convert.ToInt32(ErrorCode, System.Globalization.CultureInfo.InvariantCulture);
    [JsonIgnore] public override string ErrorCodeName => Enum.IsDefined(ErrorCode) ? ErrorCode.ToString() : ErrorCodeValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class LoginResponse : GatewayResponse<LoginErrorCode>
{
    public string? Token { get; init; }
    public override string ToString() => $"LoginResponse {{ Success = {Success}, ErrorCode = {ErrorCode} }}";
}

public sealed class ValidateResponse : GatewayResponse<ValidateErrorCode>
{
    public string? NewToken { get; init; }
    public override string ToString() => $"ValidateResponse {{ Success = {Success}, ErrorCode = {ErrorCode} }}";
}

public sealed class LogoutResponse : GatewayResponse<LogoutErrorCode> { }

public sealed class SearchAccountResponse : GatewayResponse<SearchAccountErrorCode>
{
    public IReadOnlyList<TradingAccountModel>? Accounts { get; init; }
}

public sealed class SearchContractResponse : GatewayResponse<SearchContractErrorCode>
{
    public IReadOnlyList<ContractModel>? Contracts { get; init; }
}

/// <summary>Contract/searchById. Older docs showed a <c>contracts</c> array; both shapes are read.</summary>
public sealed class SearchContractByIdResponse : GatewayResponse<SearchContractByIdErrorCode>
{
    public ContractModel? Contract { get; init; }
    /// <summary>Read-only tolerance for the old shape; never written, so the simulator matches the current Swagger.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ContractModel>? Contracts { get; init; }
}

public sealed class ListAvailableContractResponse : GatewayResponse<ListAvailableContractErrorCode>
{
    public IReadOnlyList<ContractModel>? Contracts { get; init; }
}

public sealed class RetrieveBarResponse : GatewayResponse<RetrieveBarErrorCode>
{
    public IReadOnlyList<AggregateBarModel>? Bars { get; init; }
}

public sealed class SearchOrderResponse : GatewayResponse<SearchOrderErrorCode>
{
    public IReadOnlyList<OrderModel>? Orders { get; init; }
}

public sealed class SearchOrderByIdResponse : GatewayResponse<SearchOrderByIdErrorCode>
{
    public OrderModel? Order { get; init; }
}

public sealed class SearchOrdersQueryResponse : GatewayResponse<SearchOrderErrorCode>
{
    public IReadOnlyList<OrderModel>? Orders { get; init; }
    public int? TotalCount { get; init; }
}

/// <summary>Order/place. A rejected order still carries an <see cref="OrderId"/>: only <see cref="GatewayResponse.Success"/> says it was accepted.</summary>
public sealed class PlaceOrderResponse : GatewayResponse<PlaceOrderErrorCode>
{
    public long? OrderId { get; init; }
}

public sealed class CancelOrderResponse : GatewayResponse<CancelOrderErrorCode> { }

public sealed class ModifyOrderResponse : GatewayResponse<ModifyOrderErrorCode> { }

public sealed class SearchPositionResponse : GatewayResponse<SearchPositionErrorCode>
{
    public IReadOnlyList<PositionModel>? Positions { get; init; }
}

public sealed class ClosePositionResponse : GatewayResponse<ClosePositionErrorCode> { }

public sealed class PartialClosePositionResponse : GatewayResponse<PartialClosePositionErrorCode> { }

public sealed class SearchHalfTradeResponse : GatewayResponse<SearchTradeErrorCode>
{
    public IReadOnlyList<HalfTradeModel>? Trades { get; init; }
}

/// <summary>RFC 7807 body the gateway returns with HTTP 400 (malformed login, Order/v2/query validation).</summary>
public sealed class ProblemDetailsModel
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
