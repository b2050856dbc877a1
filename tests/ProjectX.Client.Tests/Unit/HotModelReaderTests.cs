using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Tests.Unit;

/// <summary>
/// The hand-written readers of the hot models and the ISO-8601 fast path must read exactly what the general path
/// reads: System.Text.Json's source-generated context and <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>
/// are the references, over generated inputs in every shape the tolerance rules allow.
/// </summary>
public sealed class HotModelReaderTests
{
    private const DateTimeStyles Tolerant = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
    private static GatewayJsonContext Context => GatewayJsonContext.Default;

    [Theory]
    [InlineData("2026-12-04T17:18:52+00:00")]
    [InlineData("2026-12-04T17:18:52.1Z")]
    [InlineData("2026-12-04T17:18:52.1234567+00:00")]
    [InlineData("2026-12-04T17:18:52.16776")]
    [InlineData("2026-12-04T23:59:59.9999999-05:30")]
    [InlineData("2024-02-29T00:00:00+14:00")]
    public void The_gateways_timestamps_take_the_fast_path_and_equal_the_tolerant_parse(string text)
    {
        Assert.True(Iso8601.TryParseUtc(Encoding.UTF8.GetBytes(text), out var fast));
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Tolerant, out var reference));
        Assert.Equal(reference.UtcTicks, fast.UtcTicks);
        Assert.Equal(TimeSpan.Zero, fast.Offset);
    }

    [Theory]
    [InlineData("2026-12-04 17:18:52Z")]        // a space: left to the tolerant parser
    [InlineData(" 2026-12-04T17:18:52Z")]
    [InlineData("2026-12-04T17:18:52.12345678Z")]
    [InlineData("2026-12-04T17:18:52+0000")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-12-04T24:00:00Z")]
    [InlineData("2026-12-04T17:18:52z")]
    [InlineData("0001-01-01T00:00:00+01:00")]   // before DateTime.MinValue in UTC
    public void Other_shapes_are_left_to_the_tolerant_parser(string text) =>
        Assert.False(Iso8601.TryParseUtc(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Whatever_the_fast_path_accepts_equals_the_tolerant_parse()
    {
        var random = new Random(20261204);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomTimestamp(random);
            if (!Iso8601.TryParseUtc(Encoding.UTF8.GetBytes(text), out var fast))
                continue;
            accepted++;
            Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Tolerant, out var reference), text);
            Assert.True(reference.UtcTicks == fast.UtcTicks && fast.Offset == TimeSpan.Zero, $"{text}: {fast:O} vs {reference:O}");
        }
        Assert.True(accepted > 5_000, $"only {accepted} accepted");
    }

    [Fact]
    public void Quotes_read_like_the_context_in_every_tolerated_shape()
    {
        var random = new Random(1);
        for (var i = 0; i < 2_000; i++)
        {
            var json = Vary(random, RandomQuote(random));
            AssertSameAsContext(json, Context.GatewayQuoteModel, (ref Utf8JsonReader r) => HotModels.ReadQuote(ref r, i % 2 == 0 ? new WireStringCache() : null));
        }
    }

    [Fact]
    public void Prints_and_depth_rows_read_like_the_context_in_every_tolerated_shape()
    {
        var random = new Random(2);
        for (var i = 0; i < 2_000; i++)
        {
            var trades = new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Vary(random, RandomTrade(random)))]);
            AssertSameAsContext(trades, Context.GatewayTradeModelArray, (ref Utf8JsonReader r) => HotModels.ReadTrades(ref r, new WireStringCache()));
            var rows = new JsonArray([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => Vary(random, RandomDepthRow(random)))]);
            AssertSameAsContext(rows, Context.GatewayDepthModelArray, HotModels.ReadDepth);
        }
    }

    [Fact]
    public void Bars_read_like_the_context_and_a_whole_response_through_the_read_options()
    {
        var random = new Random(3);
        for (var i = 0; i < 2_000; i++)
            AssertSameAsContext(Vary(random, RandomBar(random)), Context.AggregateBarModel, HotModels.ReadBar);

        var response = new JsonObject
        {
            ["bars"] = new JsonArray([.. Enumerable.Range(0, 500).Select(_ => Vary(random, RandomBar(random)))]),
            ["success"] = true,
            ["errorCode"] = 0,
            ["errorMessage"] = null,
            ["somethingNew"] = new JsonObject { ["x"] = 1 },
        }.ToJsonString();
        var expected = JsonSerializer.Deserialize(response, Context.RetrieveBarResponse)!;
        var actual = JsonSerializer.Deserialize(response, GatewayReadJson.RetrieveBarResponse)!;
        Assert.Equal(JsonSerializer.Serialize(expected, Context.RetrieveBarResponse), JsonSerializer.Serialize(actual, Context.RetrieveBarResponse));
        Assert.Null(JsonSerializer.Deserialize("""{"bars":null,"success":true,"errorCode":0}""", GatewayReadJson.RetrieveBarResponse)!.Bars);
    }

    [Theory]
    [InlineData("""{"timestamp":"2026-12-04T17:18:52Z","type":1,"price":null,"volume":1,"currentVolume":1}""")]
    [InlineData("""{"timestamp":"2026-12-04T17:18:52Z","type":1,"price":"abc","volume":1,"currentVolume":1}""")]
    [InlineData("""{"timestamp":"yesterday","type":1,"price":1,"volume":1,"currentVolume":1}""")]
    [InlineData("""{"timestamp":null,"type":1,"price":1,"volume":1,"currentVolume":1}""")]
    [InlineData("""{"timestamp":"2026-12-04T17:18:52Z","type":{},"price":1,"volume":1,"currentVolume":1}""")]
    [InlineData("""{"timestamp":"2026-12-04T17:18:52Z","type":1,"price":1,"volume":1.5,"currentVolume":1}""")]
    [InlineData("""{"timestamp":"2026-12-04T17:18:52Z","type":1,"price":1,"volume":99999999999999999999,"currentVolume":1}""")]
    [InlineData("""[1]""")]
    public void What_the_context_refuses_the_hot_reader_refuses(string row)
    {
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(row, Context.GatewayDepthModel));
        Assert.ThrowsAny<Exception>(() => ReadWith(row, HotModels.ReadDepthRow));
    }

    [Fact]
    public void A_feeds_repeated_ids_are_one_string()
    {
        var cache = new WireStringCache();
        var first = ReadWith("""{"symbolId":"F.US.MNQ","price":1,"timestamp":"2026-12-04T17:18:52Z","type":0,"volume":1}""", (ref Utf8JsonReader r) => HotModels.ReadTrade(ref r, cache))!;
        var second = ReadWith("""{"symbolId":"F.US.MNQ","price":2,"timestamp":"2026-12-04T17:18:53Z","type":1,"volume":2}""", (ref Utf8JsonReader r) => HotModels.ReadTrade(ref r, cache))!;
        Assert.Same(first.SymbolId, second.SymbolId);
    }

    [Fact]
    public void Reading_a_market_message_allocates_its_models_and_nothing_else()
    {
        var row = """{"timestamp":"2026-11-24T14:30:00.0123456+00:00","type":2,"price":21000.25,"volume":5,"currentVolume":5}""";
        var depth = Encoding.UTF8.GetBytes("[" + row + "," + row + "," + row + "]");
        var quote = Encoding.UTF8.GetBytes("""{"symbol":"F.US.MNQ","symbolName":null,"lastPrice":21000.25,"bestBid":null,"volume":100005,"lastUpdated":"2026-11-24T14:30:00.012Z","timestamp":"2026-11-24T14:30:00.012+00:00"}""");
        var strings = new WireStringCache();
        var stamp = new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

        // The reference: the same objects made by hand.
        var models = BytesPer(() => new GatewayDepthModel[] { new() { Timestamp = stamp, Price = 1m }, new() { Timestamp = stamp }, new() { Timestamp = stamp } }.Length
            + (new GatewayQuoteModel { Symbol = "F.US.MNQ", LastPrice = 1m, Volume = 1, LastUpdated = stamp, Timestamp = stamp }.LastPrice is null ? 0 : 1));
        var read = BytesPer(() => ReadWith(depth, HotModels.ReadDepth)!.Length + (ReadWith(quote, (ref Utf8JsonReader r) => HotModels.ReadQuote(ref r, strings))!.LastPrice is null ? 0 : 1));

        Assert.Equal(models, read);
    }

    private static long BytesPer(Func<int> work)
    {
        for (var i = 0; i < 100; i++)
            work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
            work();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000;
    }

    // ---- helpers ----

    private delegate T HotReader<T>(ref Utf8JsonReader reader);

    private static T ReadWith<T>(string json, HotReader<T> read) => ReadWith(Encoding.UTF8.GetBytes(json), read);

    private static T ReadWith<T>(byte[] json, HotReader<T> read)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return read(ref reader);
    }

    private static void AssertSameAsContext<T>(JsonNode node, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> context, HotReader<T?> read) where T : class
    {
        // Escaped member names are still the same members.
        var json = node.ToJsonString()
            .Replace("\"price\":", "\"\\u0070rice\":", StringComparison.Ordinal)
            .Replace("\"t\":", "\"\\u0074\":", StringComparison.Ordinal);
        var expected = JsonSerializer.Deserialize(json, context);
        var actual = ReadWith(json, read);
        Assert.True(JsonSerializer.Serialize(expected!, context) == JsonSerializer.Serialize(actual!, context), json);
    }

    /// <summary>The same value in another tolerated shape: member order, name case, escaped names, numbers as strings, unknown members.</summary>
    private static JsonObject Vary(Random random, JsonObject model)
    {
        var members = model.Select(m => (m.Key, Value: m.Value?.DeepClone())).OrderBy(_ => random.Next()).ToList();
        var varied = new JsonObject();
        foreach (var (key, value) in members)
        {
            var name = random.Next(4) switch
            {
                0 => key.ToUpperInvariant(),
                1 => char.ToUpperInvariant(key[0]) + key[1..],
                _ => key,
            };
            var shaped = value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && random.Next(5) == 0
                ? JsonValue.Create(number.ToJsonString())
                : value;
            varied[name] = shaped;
            if (random.Next(6) == 0)
                varied["unknown" + random.Next(1000)] = random.Next(3) switch { 0 => new JsonArray(1, "x", null), 1 => new JsonObject { ["nested"] = new JsonObject { ["deep"] = 1 } }, _ => "text" };
        }
        return varied;
    }

    private static JsonObject RandomQuote(Random r)
    {
        var quote = new JsonObject();
        if (r.Next(2) == 0) quote["symbol"] = "F.US.MNQ";
        if (r.Next(4) == 0) quote["symbolName"] = r.Next(2) == 0 ? "/MNQ" : null;
        foreach (var name in new[] { "lastPrice", "bestBid", "bestAsk", "change", "changePercent", "open", "high", "low" })
        {
            if (r.Next(3) == 0) quote[name] = r.Next(8) == 0 ? null : Price(r);
        }
        if (r.Next(2) == 0) quote["volume"] = r.Next(8) == 0 ? null : r.NextInt64(0, 10_000_000_000);
        if (r.Next(2) == 0) quote["lastUpdated"] = r.Next(8) == 0 ? null : RandomWireTimestamp(r);
        if (r.Next(2) == 0) quote["timestamp"] = RandomWireTimestamp(r);
        return quote;
    }

    private static JsonObject RandomTrade(Random r) => new()
    {
        ["symbolId"] = r.Next(6) == 0 ? null : "F.US.EP",
        ["price"] = Price(r),
        ["timestamp"] = RandomWireTimestamp(r),
        ["type"] = r.Next(5) == 0 ? (r.Next(2) == 0 ? "Sell" : "7") : r.Next(0, 3),
        ["volume"] = r.NextInt64(1, 500),
    };

    private static JsonObject RandomDepthRow(Random r) => new()
    {
        ["timestamp"] = RandomWireTimestamp(r),
        ["type"] = r.Next(0, 13),
        ["price"] = Price(r),
        ["volume"] = r.NextInt64(0, 5_000),
        ["currentVolume"] = r.NextInt64(0, 5_000),
    };

    private static JsonObject RandomBar(Random r) => new()
    {
        ["t"] = RandomWireTimestamp(r),
        ["o"] = Price(r),
        ["h"] = Price(r),
        ["l"] = Price(r),
        ["c"] = Price(r),
        ["v"] = r.NextInt64(0, 1_000_000),
    };

    private static JsonNode Price(Random r) =>
        JsonNode.Parse((r.Next(1, 2_000_000) * 0.25m).ToString(r.Next(2) == 0 ? "0.000000000" : "0.##", CultureInfo.InvariantCulture))!;

    /// <summary>What the gateway sends (the fast path's shapes) and, now and then, a shape only the tolerant parser reads.</summary>
    private static string RandomWireTimestamp(Random r) => r.Next(10) == 0
        ? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(r.Next(0, 31_000_000)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : RandomTimestamp(r, wellFormed: true);

    private static string RandomTimestamp(Random r, bool wellFormed = false)
    {
        var instant = new DateTime(r.Next(1, 9_999), 1, 1).AddDays(r.Next(0, 365)).AddSeconds(r.Next(0, 86_400));
        var text = new StringBuilder(instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var digits = wellFormed ? r.Next(0, 8) : r.Next(0, 10);
        if (digits > 0)
            text.Append('.').Append(r.NextInt64(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)[..digits]);
        var offsetMinutes = r.Next(-14 * 60, (14 * 60) + 1);
        var sign = offsetMinutes < 0 ? '-' : '+';
        var offset = string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(offsetMinutes) / 60:D2}:{Math.Abs(offsetMinutes) % 60:D2}");
        text.Append((wellFormed ? r.Next(3) : r.Next(6)) switch { 0 => "Z", 1 => offset, 2 => "", 3 => "z", 4 => offset.Replace(":", "", StringComparison.Ordinal), _ => "+15:00" });
        if (!wellFormed && r.Next(4) == 0)
        {
            var position = r.Next(text.Length);
            text[position] = "0123456789-:T.Z+ x"[r.Next(18)];
        }
        return text.ToString();
    }
}
