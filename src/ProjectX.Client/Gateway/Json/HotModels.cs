using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// Hand-written readers of the models a client reads by the thousand: market-hub quotes, prints and depth rows, and
/// bars. They read straight into the (immutable) models, where System.Text.Json's source generator has to buffer
/// <c>init</c> members through its constructor path. Tolerance is the context's: members match case-insensitively,
/// unknown ones are skipped, values go through <see cref="WireValue"/>. Each reader starts on the value's first token
/// and ends on its last.
/// </summary>
internal static class HotModels
{
    public static GatewayQuoteModel? ReadQuote(ref Utf8JsonReader reader, WireStringCache? strings)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        WireValue.Expect(ref reader, JsonTokenType.StartObject, nameof(GatewayQuoteModel));
        string? symbol = null, symbolName = null;
        decimal? last = null, bid = null, ask = null, change = null, changePercent = null, open = null, high = null, low = null;
        long? volume = null;
        DateTimeOffset? lastUpdated = null, timestamp = null;
        Span<byte> scratch = stackalloc byte[WireValue.MaxNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = WireValue.Name(in reader, scratch);
            reader.Read();
            switch (name.Length)
            {
                case 3 when WireValue.Is(name, "low"u8): low = WireValue.NullableDecimal(ref reader); break;
                case 4 when WireValue.Is(name, "open"u8): open = WireValue.NullableDecimal(ref reader); break;
                case 4 when WireValue.Is(name, "high"u8): high = WireValue.NullableDecimal(ref reader); break;
                case 6 when WireValue.Is(name, "symbol"u8): symbol = WireValue.String(ref reader, strings); break;
                case 6 when WireValue.Is(name, "change"u8): change = WireValue.NullableDecimal(ref reader); break;
                case 6 when WireValue.Is(name, "volume"u8): volume = WireValue.NullableInt64(ref reader); break;
                case 7 when WireValue.Is(name, "bestBid"u8): bid = WireValue.NullableDecimal(ref reader); break;
                case 7 when WireValue.Is(name, "bestAsk"u8): ask = WireValue.NullableDecimal(ref reader); break;
                case 9 when WireValue.Is(name, "lastPrice"u8): last = WireValue.NullableDecimal(ref reader); break;
                case 9 when WireValue.Is(name, "timestamp"u8): timestamp = WireValue.NullableTimestamp(ref reader); break;
                case 10 when WireValue.Is(name, "symbolName"u8): symbolName = WireValue.String(ref reader, strings); break;
                case 11 when WireValue.Is(name, "lastUpdated"u8): lastUpdated = WireValue.NullableTimestamp(ref reader); break;
                case 13 when WireValue.Is(name, "changePercent"u8): changePercent = WireValue.NullableDecimal(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new GatewayQuoteModel
        {
            Symbol = symbol, SymbolName = symbolName, LastPrice = last, BestBid = bid, BestAsk = ask, Change = change, ChangePercent = changePercent,
            Open = open, High = high, Low = low, Volume = volume, LastUpdated = lastUpdated, Timestamp = timestamp,
        };
    }

    public static GatewayTradeModel[]? ReadTrades(ref Utf8JsonReader reader, WireStringCache? strings) =>
        ReadArray(ref reader, "GatewayTrade rows", strings, static (ref Utf8JsonReader r, WireStringCache? cache) => ReadTrade(ref r, cache));

    public static GatewayTradeModel? ReadTrade(ref Utf8JsonReader reader, WireStringCache? strings)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        WireValue.Expect(ref reader, JsonTokenType.StartObject, nameof(GatewayTradeModel));
        string? symbolId = null;
        decimal price = default;
        DateTimeOffset timestamp = default;
        TradeLogType type = default;
        long volume = default;
        Span<byte> scratch = stackalloc byte[WireValue.MaxNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = WireValue.Name(in reader, scratch);
            reader.Read();
            switch (name.Length)
            {
                case 4 when WireValue.Is(name, "type"u8): type = WireValue.Enum<TradeLogType>(ref reader); break;
                case 5 when WireValue.Is(name, "price"u8): price = WireValue.Decimal(ref reader); break;
                case 6 when WireValue.Is(name, "volume"u8): volume = WireValue.Int64(ref reader); break;
                case 8 when WireValue.Is(name, "symbolId"u8): symbolId = WireValue.String(ref reader, strings); break;
                case 9 when WireValue.Is(name, "timestamp"u8): timestamp = WireValue.Timestamp(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new GatewayTradeModel { SymbolId = symbolId, Price = price, Timestamp = timestamp, Type = type, Volume = volume };
    }

    public static GatewayDepthModel[]? ReadDepth(ref Utf8JsonReader reader) =>
        ReadArray(ref reader, "GatewayDepth rows", 0, static (ref Utf8JsonReader r, int _) => ReadDepthRow(ref r));

    public static GatewayDepthModel? ReadDepthRow(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        WireValue.Expect(ref reader, JsonTokenType.StartObject, nameof(GatewayDepthModel));
        DateTimeOffset timestamp = default;
        DomType type = default;
        decimal price = default;
        long volume = default, currentVolume = default;
        Span<byte> scratch = stackalloc byte[WireValue.MaxNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = WireValue.Name(in reader, scratch);
            reader.Read();
            switch (name.Length)
            {
                case 4 when WireValue.Is(name, "type"u8): type = WireValue.Enum<DomType>(ref reader); break;
                case 5 when WireValue.Is(name, "price"u8): price = WireValue.Decimal(ref reader); break;
                case 6 when WireValue.Is(name, "volume"u8): volume = WireValue.Int64(ref reader); break;
                case 9 when WireValue.Is(name, "timestamp"u8): timestamp = WireValue.Timestamp(ref reader); break;
                case 13 when WireValue.Is(name, "currentVolume"u8): currentVolume = WireValue.Int64(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new GatewayDepthModel { Timestamp = timestamp, Type = type, Price = price, Volume = volume, CurrentVolume = currentVolume };
    }

    public static AggregateBarModel? ReadBar(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        WireValue.Expect(ref reader, JsonTokenType.StartObject, nameof(AggregateBarModel));
        DateTimeOffset t = default;
        decimal o = default, h = default, l = default, c = default;
        long v = default;
        Span<byte> scratch = stackalloc byte[WireValue.MaxNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = WireValue.Name(in reader, scratch);
            reader.Read();
            switch (name.Length == 1 ? (char)(name[0] | 0x20) : '\0') // single-letter wire names, any case
            {
                case 't': t = WireValue.Timestamp(ref reader); break;
                case 'o': o = WireValue.Decimal(ref reader); break;
                case 'h': h = WireValue.Decimal(ref reader); break;
                case 'l': l = WireValue.Decimal(ref reader); break;
                case 'c': c = WireValue.Decimal(ref reader); break;
                case 'v': v = WireValue.Int64(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new AggregateBarModel { T = t, O = o, H = h, L = l, C = c, V = v };
    }

    /// <summary>A bars array, exactly sized (a 20,000-bar page is read without a growing list).</summary>
    public static AggregateBarModel[]? ReadBars(ref Utf8JsonReader reader) =>
        ReadArray(ref reader, "bars", 0, static (ref Utf8JsonReader r, int _) => ReadBar(ref r));

    private delegate T? ElementReader<T, TState>(ref Utf8JsonReader reader, TState state);

    /// <summary>A JSON array (or null) of one model, exactly sized; a null element stays null, as System.Text.Json reads it.</summary>
    private static T[]? ReadArray<T, TState>(ref Utf8JsonReader reader, string what, TState state, ElementReader<T, TState> element)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        WireValue.Expect(ref reader, JsonTokenType.StartArray, what);
        var items = new ArrayCollector<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            items.Add(element(ref reader, state)!);
        return items.ToArray();
    }
}

/// <summary>
/// Serializer options for what the client reads: the gateway's context plus the hot readers as converters (REST bars,
/// the hub protocol's generic path). Read-only on purpose: the context alone defines what is written, so nothing that
/// serializes with it (requests, the simulator) changes.
/// </summary>
internal static class GatewayReadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<RetrieveBarResponse> RetrieveBarResponse { get; } = (JsonTypeInfo<RetrieveBarResponse>)Options.GetTypeInfo(typeof(RetrieveBarResponse));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(GatewayJsonContext.Default.Options);
        options.Converters.Add(new ReadOnly<GatewayQuoteModel?>((ref Utf8JsonReader r) => HotModels.ReadQuote(ref r, null)));
        options.Converters.Add(new ReadOnly<GatewayTradeModel[]?>((ref Utf8JsonReader r) => HotModels.ReadTrades(ref r, null)));
        options.Converters.Add(new ReadOnly<GatewayTradeModel?>((ref Utf8JsonReader r) => HotModels.ReadTrade(ref r, null)));
        options.Converters.Add(new ReadOnly<GatewayDepthModel[]?>(HotModels.ReadDepth));
        options.Converters.Add(new ReadOnly<GatewayDepthModel?>(HotModels.ReadDepthRow));
        options.Converters.Add(new ReadOnly<AggregateBarModel?>(HotModels.ReadBar));
        options.Converters.Add(new ReadOnly<IReadOnlyList<AggregateBarModel>?>((ref Utf8JsonReader r) => HotModels.ReadBars(ref r)));
        options.MakeReadOnly();
        return options;
    }

    private delegate T Reader<T>(ref Utf8JsonReader reader);

    /// <summary>A hot reader as a converter; writing goes through the context, unchanged.</summary>
    private sealed class ReadOnly<T>(Reader<T> read) : JsonConverter<T>
    {
        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => read(ref reader);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, GatewayJsonContext.Default.GetTypeInfo(typeof(T))!);
    }
}
