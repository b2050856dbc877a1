using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Realtime;

/// <summary>Serializer options for hub payloads: the gateway's tolerant source-generated context first.</summary>
internal static class RealtimeJson
{
    /// <summary>
    /// Gateway context (tolerant dates, enums, unknown members) and its hot-model readers, with reflection only as a
    /// fallback for hub arguments.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(GatewayReadJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(GatewayJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static JsonTypeInfo<OrderModel> Order => GatewayJsonContext.Default.OrderModel;
    public static JsonTypeInfo<PositionModel> Position => GatewayJsonContext.Default.PositionModel;
    public static JsonTypeInfo<HalfTradeModel> Trade => GatewayJsonContext.Default.HalfTradeModel;
    public static JsonTypeInfo<TradingAccountModel> Account => GatewayJsonContext.Default.TradingAccountModel;
}
