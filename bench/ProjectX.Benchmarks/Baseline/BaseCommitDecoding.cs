using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProjectX.Client.Gateway;

namespace ProjectX.Benchmarks.Baseline;

// The decoding of the hot models as it was at the base commit of the decoding work (602a501), kept here so the decode
// benchmarks compare before and after in one run: the same members with `init` setters (System.Text.Json's constructor
// path), the timestamp converter that made a string and called DateTimeOffset.TryParse, and the enum converter that
// boxed through Enum.ToObject. Benchmark baselines only; nothing else uses them.

public sealed class BaseQuote
{
    public string? Symbol { get; init; }
    public string? SymbolName { get; init; }
    public decimal? LastPrice { get; init; }
    public decimal? BestBid { get; init; }
    public decimal? BestAsk { get; init; }
    public decimal? Change { get; init; }
    public decimal? ChangePercent { get; init; }
    public decimal? Open { get; init; }
    public decimal? High { get; init; }
    public decimal? Low { get; init; }
    public long? Volume { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
}

public sealed class BaseTrade
{
    public string? SymbolId { get; init; }
    public decimal Price { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    [JsonConverter(typeof(BaseEnumConverter<TradeLogType>))] public TradeLogType Type { get; init; }
    public long Volume { get; init; }
}

public sealed class BaseDepthRow
{
    public DateTimeOffset Timestamp { get; init; }
    [JsonConverter(typeof(BaseEnumConverter<DomType>))] public DomType Type { get; init; }
    public decimal Price { get; init; }
    public long Volume { get; init; }
    public long CurrentVolume { get; init; }
}

public sealed class BaseBar
{
    [JsonPropertyName("t")] public DateTimeOffset T { get; init; }
    [JsonPropertyName("o")] public decimal O { get; init; }
    [JsonPropertyName("h")] public decimal H { get; init; }
    [JsonPropertyName("l")] public decimal L { get; init; }
    [JsonPropertyName("c")] public decimal C { get; init; }
    [JsonPropertyName("v")] public long V { get; init; }
}

public sealed class BaseBarsResponse
{
    public IReadOnlyList<BaseBar>? Bars { get; init; }
    public bool Success { get; init; }
    public int ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed class BaseTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected an ISO-8601 string for a timestamp, got {reader.TokenType}.");
        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var value) ? value : throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => throw new NotSupportedException();
}

public sealed class BaseEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var number) => (TEnum)Enum.ToObject(typeof(TEnum), number),
        JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => (TEnum)Enum.ToObject(typeof(TEnum), parsed),
        JsonTokenType.String => Enum.TryParse<TEnum>(reader.GetString(), ignoreCase: true, out var named) ? named : default,
        _ => throw new JsonException($"Expected a number or string for {typeof(TEnum).Name}, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => throw new NotSupportedException();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = [typeof(BaseTimestampConverter)])]
[JsonSerializable(typeof(BaseQuote))]
[JsonSerializable(typeof(BaseTrade[]))]
[JsonSerializable(typeof(BaseDepthRow[]))]
[JsonSerializable(typeof(BaseBarsResponse))]
[JsonSerializable(typeof(string))]
public sealed partial class BaseCommitJsonContext : JsonSerializerContext
{
}
