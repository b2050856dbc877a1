using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// The gateway's JSON dialect: the client's source-generated metadata (camelCase, explicit nulls,
/// case-insensitive reads) plus decimals written with 9 fractional digits like the live server
/// (<c>6335.250000000</c>).
/// </summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(GatewayJsonContext.Default.Options)
        {
            // Messages read as plain text ('filter', not \u0027filter\u0027); the bodies are never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new NineDigitDecimalConverter());
        options.MakeReadOnly();
        return options;
    }

    private sealed class NineDigitDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
                : reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.000000000", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
