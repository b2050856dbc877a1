using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// Reads request bodies strictly, as a server must (the client's reader is tolerant on purpose, for responses):
/// required members present (the Swagger's <c>required</c> lists), numbers as JSON numbers only, enums as integers,
/// decimals exact and finite, strings no longer than <see cref="SimulatorLimits.MaxStringLength"/>, nesting shallow.
/// Anything else is a <see cref="JsonException"/>, which the gateway answers with HTTP 400 ProblemDetails.
/// Whether an enum's integer is one of its values is the operation's own check (errorCode 2 on Order/place).
/// </summary>
internal sealed class RequestReader
{
    /// <summary>Required members per request type: the Swagger's <c>required</c> lists (checked against it by a test).</summary>
    internal static readonly IReadOnlyDictionary<Type, string[]> RequiredMembers = new Dictionary<Type, string[]>
    {
        [typeof(LoginApiKeyRequest)] = ["userName", "apiKey"],
        [typeof(LoginAppRequest)] = ["userName", "password", "deviceId", "appId", "verifyKey"],
        [typeof(SearchAccountRequest)] = ["onlyActiveAccounts"],
        [typeof(SearchContractRequest)] = ["live"],
        [typeof(SearchContractByIdRequest)] = ["contractId"],
        [typeof(ListAvailableContractRequest)] = ["live"],
        [typeof(RetrieveBarRequest)] = ["contractId", "live", "startTime", "endTime", "unit", "unitNumber", "limit", "includePartialBar"],
        [typeof(SearchOrderRequest)] = ["accountId", "startTimestamp"],
        [typeof(SearchOpenOrderRequest)] = ["accountId"],
        [typeof(SearchOrderByIdRequest)] = ["accountId", "orderId"],
        [typeof(SearchOrdersQueryRequest)] = ["filter"],
        [typeof(GatewayOrderFilter)] = ["accountId"],
        [typeof(PlaceOrderRequest)] = ["accountId", "contractId", "type", "side", "size"],
        [typeof(PlaceOrderBracket)] = ["ticks", "type"],
        [typeof(CancelOrderRequest)] = ["accountId", "orderId"],
        [typeof(ModifyOrderRequest)] = ["accountId", "orderId"],
        [typeof(SearchPositionRequest)] = ["accountId"],
        [typeof(CloseContractPositionRequest)] = ["accountId", "contractId"],
        [typeof(PartialCloseContractPositionRequest)] = ["accountId", "contractId", "size"],
        [typeof(SearchTradeRequest)] = ["accountId"],
    };

    private const string MissingRequired = "was missing required properties";
    private readonly JsonSerializerOptions _options;

    public RequestReader(SimulatorLimits limits)
    {
        var options = new JsonSerializerOptions(GatewayJsonContext.Default.Options)
        {
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 8,
            TypeInfoResolver = GatewayJsonContext.Default.WithAddedModifier(MarkRequired),
        };
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new ExactDecimalConverter());
        options.Converters.Add(new BoundedStringConverter(Math.Max(1, limits.MaxStringLength)));
        options.MakeReadOnly();
        _options = options;
    }

    /// <summary>Reads a body; a JSON <c>null</c> body is null.</summary>
    /// <exception cref="JsonException">Malformed, missing a required member, or a value out of its type.</exception>
    public T? Read<T>(ReadOnlySpan<byte> body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)));
        }
        catch (JsonException e) when (e.Message.Contains(MissingRequired, StringComparison.Ordinal))
        {
            // "JSON deserialization for type 'ProjectX.Client.Gateway.X' was missing ..." → the spec's "X was missing ...".
            var tail = e.Message[e.Message.IndexOf(MissingRequired, StringComparison.Ordinal)..];
            throw new JsonException($"{typeof(T).Name} {tail}", e.Path, e.LineNumber, e.BytePositionInLine);
        }
    }

    private static void MarkRequired(JsonTypeInfo info)
    {
        if (!RequiredMembers.TryGetValue(info.Type, out var required)) return;
        foreach (var property in info.Properties)
        {
            if (required.Contains(property.Name, StringComparer.Ordinal)) property.IsRequired = true;
        }
    }

    /// <summary>Enums as JSON integers only (the Swagger's <c>type: integer</c>); names and strings are malformed.</summary>
    private sealed class StrictEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
                ? (TEnum)Enum.ToObject(typeof(TEnum), value)
                : throw new JsonException($"{typeof(TEnum).Name} must be an integer.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Decimals as JSON numbers whose value a decimal holds exactly: no strings ("NaN", "Infinity", "abc"), nothing
    /// beyond ±7.9e28, and no digits a decimal would silently round away (1.00000000000000000000000000001).
    /// </summary>
    private sealed class ExactDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
                throw new JsonException("A price must be a JSON number.");
            var text = reader.HasValueSequence ? System.Text.Encoding.UTF8.GetString(reader.ValueSequence.ToArray()) : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !IsExact(text, value))
                throw new JsonException($"The number {(text.Length > 40 ? text[..40] + "…" : text)} cannot be represented exactly.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

        /// <summary>True when the JSON number's exact value (mantissa × 10^-scale) equals the parsed decimal.</summary>
        private static bool IsExact(string text, decimal value)
        {
            var exponentAt = text.IndexOfAny(['e', 'E']);
            var mantissa = exponentAt < 0 ? text : text[..exponentAt];
            long exponent = 0;
            if (exponentAt >= 0 && (!long.TryParse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > 1000))
                return false;
            var point = mantissa.IndexOf('.', StringComparison.Ordinal);
            var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
            long scale = (point < 0 ? 0 : mantissa.Length - point - 1) - exponent;
            var exact = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var bits = decimal.GetBits(value);
            var parsed = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
            if (value < 0) parsed = -parsed;
            long parsedScale = (bits[3] >> 16) & 0xFF;
            // Compare exact × 10^-scale with parsed × 10^-parsedScale on a common scale.
            var common = Math.Max(scale, parsedScale);
            if (common - Math.Min(scale, parsedScale) > 20_000) return false;
            return exact * BigInteger.Pow(10, (int)(common - scale)) == parsed * BigInteger.Pow(10, (int)(common - parsedScale));
        }
    }

    /// <summary>Strings as JSON strings only, at most the configured length.</summary>
    private sealed class BoundedStringConverter(int maxLength) : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected a JSON string.");
            // A UTF-8 byte count can only overstate the characters, so most strings pass without being decoded twice.
            var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            var value = reader.GetString()!;
            if (bytes > maxLength && value.Length > maxLength)
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"A string is longer than {maxLength} characters."));
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
