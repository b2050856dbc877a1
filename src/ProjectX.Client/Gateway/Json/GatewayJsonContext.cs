using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// Source-generated serializer for every wire type. camelCase, case-insensitive on read, unknown
/// members ignored, nulls written explicitly (as the gateway and its docs do).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = [typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(LoginApiKeyRequest))]
[JsonSerializable(typeof(LoginAppRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(ValidateResponse))]
[JsonSerializable(typeof(LogoutResponse))]
[JsonSerializable(typeof(SearchAccountRequest))]
[JsonSerializable(typeof(SearchAccountResponse))]
[JsonSerializable(typeof(SearchContractRequest))]
[JsonSerializable(typeof(SearchContractResponse))]
[JsonSerializable(typeof(SearchContractByIdRequest))]
[JsonSerializable(typeof(SearchContractByIdResponse))]
[JsonSerializable(typeof(ListAvailableContractRequest))]
[JsonSerializable(typeof(ListAvailableContractResponse))]
[JsonSerializable(typeof(RetrieveBarRequest))]
[JsonSerializable(typeof(RetrieveBarResponse))]
[JsonSerializable(typeof(SearchOrderRequest))]
[JsonSerializable(typeof(SearchOpenOrderRequest))]
[JsonSerializable(typeof(SearchOrderResponse))]
[JsonSerializable(typeof(SearchOrderByIdRequest))]
[JsonSerializable(typeof(SearchOrderByIdResponse))]
[JsonSerializable(typeof(SearchOrdersQueryRequest))]
[JsonSerializable(typeof(SearchOrdersQueryResponse))]
[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(PlaceOrderResponse))]
[JsonSerializable(typeof(CancelOrderRequest))]
[JsonSerializable(typeof(CancelOrderResponse))]
[JsonSerializable(typeof(ModifyOrderRequest))]
[JsonSerializable(typeof(ModifyOrderResponse))]
[JsonSerializable(typeof(SearchPositionRequest))]
[JsonSerializable(typeof(SearchPositionResponse))]
[JsonSerializable(typeof(CloseContractPositionRequest))]
[JsonSerializable(typeof(ClosePositionResponse))]
[JsonSerializable(typeof(PartialCloseContractPositionRequest))]
[JsonSerializable(typeof(PartialClosePositionResponse))]
[JsonSerializable(typeof(SearchTradeRequest))]
[JsonSerializable(typeof(SearchHalfTradeResponse))]
[JsonSerializable(typeof(ProblemDetailsModel))]
[JsonSerializable(typeof(TradingAccountModel))]
[JsonSerializable(typeof(ContractModel))]
[JsonSerializable(typeof(AggregateBarModel))]
[JsonSerializable(typeof(OrderModel))]
[JsonSerializable(typeof(PositionModel))]
[JsonSerializable(typeof(HalfTradeModel))]
[JsonSerializable(typeof(GatewayQuoteModel))]
[JsonSerializable(typeof(GatewayTradeModel))]
[JsonSerializable(typeof(GatewayTradeModel[]))]
[JsonSerializable(typeof(GatewayDepthModel))]
[JsonSerializable(typeof(GatewayDepthModel[]))]
[JsonSerializable(typeof(GatewayUserEnvelope<OrderModel>))]
[JsonSerializable(typeof(GatewayUserEnvelope<PositionModel>))]
[JsonSerializable(typeof(GatewayUserEnvelope<HalfTradeModel>))]
[JsonSerializable(typeof(GatewayUserEnvelope<TradingAccountModel>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class GatewayJsonContext : JsonSerializerContext
{
}
