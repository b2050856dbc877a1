using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// Reads an enum from a number or a name; a value this client does not know becomes its raw number
/// (or the default for an unknown name) instead of failing the response. Writes numbers, as the wire does.
/// </summary>
public sealed class TolerantEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly bool IsInt32Based = Unsafe.SizeOf<TEnum>() == sizeof(int) && typeof(TEnum).GetEnumUnderlyingType() == typeof(int);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The enum at the reader's current token (a number, a numeric string or a name).</summary>
    internal static TEnum ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return FromNumber(number);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                    return FromNumber(parsed);
                return Enum.TryParse<TEnum>(text, ignoreCase: true, out var named) ? named : default;
            default:
                throw new JsonException($"Expected a number or string for {typeof(TEnum).Name}, got {reader.TokenType}.");
        }
    }

    /// <summary>The wire's enums are all int-based: reinterpret without boxing (Enum.ToObject boxes on every value).</summary>
    private static TEnum FromNumber(long number)
    {
        if (IsInt32Based && number is >= int.MinValue and <= int.MaxValue)
        {
            var value = (int)number;
            return Unsafe.As<int, TEnum>(ref value);
        }
        return (TEnum)Enum.ToObject(typeof(TEnum), number);
    }
}
