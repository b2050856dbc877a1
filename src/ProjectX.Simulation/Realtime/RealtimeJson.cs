using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulation.Realtime;

/// <summary>
/// The hub payload dialect: the REST wire JSON (camelCase, explicit nulls, 9-digit decimals) plus sparse quotes,
/// whose missing members are left out instead of written as null. Reflection is the fallback for the few
/// types the source-generated context does not know (hub arguments are serialized by runtime type).
/// </summary>
internal static class RealtimeJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(WireJson.Options);
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(WireJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver());
        options.Converters.Add(new SparseQuoteConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Writes only the members that are set: a sparse GatewayQuote carries just what changed.</summary>
    private sealed class SparseQuoteConverter : JsonConverter<GatewayQuoteModel>
    {
        public override GatewayQuoteModel? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The simulator only writes quotes.");

        public override void Write(Utf8JsonWriter writer, GatewayQuoteModel value, JsonSerializerOptions options)
        {
            var price = (JsonConverter<decimal>)options.GetConverter(typeof(decimal));
            var time = (JsonConverter<DateTimeOffset>)options.GetConverter(typeof(DateTimeOffset));
            writer.WriteStartObject();
            if (value.Symbol is not null) writer.WriteString("symbol", value.Symbol);
            if (value.SymbolName is not null) writer.WriteString("symbolName", value.SymbolName);
            Decimal("lastPrice", value.LastPrice);
            Decimal("bestBid", value.BestBid);
            Decimal("bestAsk", value.BestAsk);
            Decimal("change", value.Change);
            Decimal("changePercent", value.ChangePercent);
            Decimal("open", value.Open);
            Decimal("high", value.High);
            Decimal("low", value.Low);
            if (value.Volume is { } volume) writer.WriteNumber("volume", volume);
            Time("lastUpdated", value.LastUpdated);
            Time("timestamp", value.Timestamp);
            writer.WriteEndObject();

            void Decimal(string name, decimal? v)
            {
                if (v is null) return;
                writer.WritePropertyName(name);
                price.Write(writer, v.Value, options);
            }

            void Time(string name, DateTimeOffset? v)
            {
                if (v is null) return;
                writer.WritePropertyName(name);
                time.Write(writer, v.Value, options);
            }
        }
    }
}
