using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// The gateway sends 0–7 fractional digits, with or without an offset (spec §2). A timestamp with no
/// offset is UTC, never local time. The usual shapes are read straight from the UTF-8 bytes (<see cref="Iso8601"/>);
/// anything else goes through <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
/// Writes ISO-8601 with an explicit offset.
/// </summary>
public sealed class TolerantDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>UTC, up to 7 fractional digits, <c>+00:00</c> offset (the form the gateway returns).</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>The timestamp at the reader's current (string) token, as UTC.</summary>
    internal static DateTimeOffset ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected an ISO-8601 string for a timestamp, got {reader.TokenType}.");
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && Iso8601.TryParseUtc(reader.ValueSpan, out var fast))
            return fast;
        var text = reader.GetString();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var value))
            return value;
        throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }
}
