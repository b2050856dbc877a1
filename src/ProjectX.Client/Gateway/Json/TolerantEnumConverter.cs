using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// Reads an enum from a number or a name; a value this client does not know becomes its raw number
/// (or the default for an unknown name) instead of failing the response. Writes numbers, as the wire does.
/// </summary>
public sealed class TolerantEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return (TEnum)Enum.ToObject(typeof(TEnum), number);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                    return (TEnum)Enum.ToObject(typeof(TEnum), parsed);
                return Enum.TryParse<TEnum>(text, ignoreCase: true, out var named) ? named : default;
            default:
                throw new JsonException($"Expected a number or string for {typeof(TEnum).Name}, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
}
