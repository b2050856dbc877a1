using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using ProjectX.Benchmarks.Baseline;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;
using ProjectX.Client.Realtime;

namespace ProjectX.Benchmarks;

/// <summary>
/// Decoding the hot models, before and after, in one run (every row is per message, or per bar). "Before" is the
/// decoding of the base commit (<see cref="BaseCommitDecoding"/>: init models through System.Text.Json's constructor
/// path, a string and DateTimeOffset.TryParse per timestamp, boxed enums); "after" is what the client does now.
/// <list type="bullet">
/// <item>*_Model: the market event's data argument alone, as the hub sends it;</item>
/// <item>*_Frame: the whole SignalR frame: before, SignalR's JsonHubProtocol binding the arguments by type (what
/// HubConnection ran on every message); after, the market hub's protocol reading the frame and delivering it;</item>
/// <item>Bars: a 20,000-bar History/retrieveBars response, per bar.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DecodeBenchmarks
{
    private const int Messages = 100_000;
    private const int BarsPerResponse = 20_000;
    private const int Responses = 5;

    private MarketMessages _m = null!;
    private ReadOnlySequence<byte>[] _depthFrames = null!, _tradeFrames = null!, _quoteFrames = null!;
    private byte[] _barsResponse = null!;
    private JsonHubProtocol _signalR = null!;
    private TolerantHubProtocol _marketHub = null!;
    private readonly BaseBinder _baseBinder = new();
    private readonly CountingSink _sink = new();

    [GlobalSetup]
    public void Setup()
    {
        _m = new MarketMessages(Messages);
        _depthFrames = Frames(HubProtocol.Depth.Event, _m.DepthJson);
        _tradeFrames = Frames(HubProtocol.MarketTrades.Event, _m.TradeJson);
        _quoteFrames = Frames(HubProtocol.Quotes.Event, _m.QuoteJson);
        _barsResponse = BarsResponse(BarsPerResponse);
        var before = new JsonSerializerOptions(BaseCommitJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(BaseCommitJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        _signalR = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = before }));
        _marketHub = new TolerantHubProtocol((_, _) => throw new InvalidOperationException("malformed"), new MarketFrameReader(_sink));
    }

    // ---- depth ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("Depth")]
    public int Depth_Model_Before()
    {
        var rows = 0;
        foreach (var json in _m.DepthJson)
            rows += JsonSerializer.Deserialize(json, BaseCommitJsonContext.Default.BaseDepthRowArray)!.Length;
        return rows;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Depth")]
    public int Depth_Model_After()
    {
        var rows = 0;
        foreach (var json in _m.DepthJson)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            rows += HotModels.ReadDepth(ref reader)!.Length;
        }
        return rows;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("DepthFrame")]
    public int Depth_Frame_Before() => ParseWithSignalR(_depthFrames);

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("DepthFrame")]
    public long Depth_Frame_After() => ParseWithMarketHub(_depthFrames);

    // ---- prints ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("Trades")]
    public int Trades_Model_Before()
    {
        var rows = 0;
        foreach (var json in _m.TradeJson)
            rows += JsonSerializer.Deserialize(json, BaseCommitJsonContext.Default.BaseTradeArray)!.Length;
        return rows;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Trades")]
    public int Trades_Model_After()
    {
        var rows = 0;
        var strings = new WireStringCache();
        foreach (var json in _m.TradeJson)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            rows += HotModels.ReadTrades(ref reader, strings)!.Length;
        }
        return rows;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("TradesFrame")]
    public int Trades_Frame_Before() => ParseWithSignalR(_tradeFrames);

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("TradesFrame")]
    public long Trades_Frame_After() => ParseWithMarketHub(_tradeFrames);

    // ---- quotes ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("Quotes")]
    public int Quotes_Model_Before()
    {
        var n = 0;
        foreach (var json in _m.QuoteJson)
            n += JsonSerializer.Deserialize(json, BaseCommitJsonContext.Default.BaseQuote)!.LastPrice is null ? 0 : 1;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Quotes")]
    public int Quotes_Model_After()
    {
        var n = 0;
        var strings = new WireStringCache();
        foreach (var json in _m.QuoteJson)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            n += HotModels.ReadQuote(ref reader, strings)!.LastPrice is null ? 0 : 1;
        }
        return n;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("QuotesFrame")]
    public int Quotes_Frame_Before() => ParseWithSignalR(_quoteFrames);

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("QuotesFrame")]
    public long Quotes_Frame_After() => ParseWithMarketHub(_quoteFrames);

    // ---- bars ----

    [Benchmark(Baseline = true, OperationsPerInvoke = BarsPerResponse * Responses), BenchmarkCategory("Bars")]
    public int Bars_Before()
    {
        var bars = 0;
        for (var i = 0; i < Responses; i++)
            bars += JsonSerializer.Deserialize(_barsResponse, BaseCommitJsonContext.Default.BaseBarsResponse)!.Bars!.Count;
        return bars;
    }

    [Benchmark(OperationsPerInvoke = BarsPerResponse * Responses), BenchmarkCategory("Bars")]
    public int Bars_After()
    {
        var bars = 0;
        for (var i = 0; i < Responses; i++)
            bars += JsonSerializer.Deserialize(_barsResponse, GatewayReadJson.RetrieveBarResponse)!.Bars!.Count;
        return bars;
    }

    private int ParseWithSignalR(ReadOnlySequence<byte>[] frames)
    {
        var parsed = 0;
        foreach (var frame in frames)
        {
            var input = frame;
            if (_signalR.TryParseMessage(ref input, _baseBinder, out var message) && message is InvocationMessage)
                parsed++;
        }
        return parsed;
    }

    private long ParseWithMarketHub(ReadOnlySequence<byte>[] frames)
    {
        foreach (var frame in frames)
        {
            var input = frame;
            _marketHub.TryParseMessage(ref input, _baseBinder, out _);
        }
        return _sink.Count;
    }

    private static ReadOnlySequence<byte>[] Frames(string target, byte[][] data) =>
        [.. data.Select(d => new ReadOnlySequence<byte>(
            [.. Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"{target}\",\"arguments\":[\"{MarketMessages.ContractId}\","), .. d, .. "]}\u001e"u8]))];

    /// <summary>A History/retrieveBars response as the gateway writes it: newest first, 9-digit decimals, 7-digit timestamps.</summary>
    private static byte[] BarsResponse(int count)
    {
        var random = new Random(7);
        var json = new StringBuilder("{\"bars\":[");
        var price = 21_000m;
        var time = MarketMessages.Start;
        for (var i = 0; i < count; i++)
        {
            price += random.Next(-8, 9) * 0.25m;
            var (o, c) = (price, price + (random.Next(-4, 5) * 0.25m));
            var (h, l) = (Math.Max(o, c) + (random.Next(0, 4) * 0.25m), Math.Min(o, c) - (random.Next(0, 4) * 0.25m));
            if (i > 0) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $"{{\"t\":\"{TolerantDateTimeOffsetConverter.Format(time.AddTicks(random.Next(0, 9_999_999)))}\",\"o\":{o:0.000000000},\"h\":{h:0.000000000},\"l\":{l:0.000000000},\"c\":{c:0.000000000},\"v\":{random.Next(1, 5_000)}}}");
            time = time.AddMinutes(-1);
        }
        json.Append("],\"success\":true,\"errorCode\":0,\"errorMessage\":null}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>What HubConnection's binder answered for the market events at the base commit (their handlers' types).</summary>
    private sealed class BaseBinder : IInvocationBinder
    {
        private static readonly Type[] Quote = [typeof(string), typeof(BaseQuote)];
        private static readonly Type[] Trades = [typeof(string), typeof(BaseTrade[])];
        private static readonly Type[] Depth = [typeof(string), typeof(BaseDepthRow[])];

        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            methodName == HubProtocol.Depth.Event ? Depth : methodName == HubProtocol.MarketTrades.Event ? Trades : Quote;

        public Type GetReturnType(string invocationId) => typeof(object);
        public Type GetStreamItemType(string streamId) => typeof(object);
    }

    private sealed class CountingSink : IMarketEventSink
    {
        public long Count { get; private set; }
        public void OnQuote(string contractId, GatewayQuoteModel quote) => Count++;
        public void OnMarketTrades(string contractId, GatewayTradeModel[] trades) => Count++;
        public void OnDepth(string contractId, GatewayDepthModel[] rows) => Count++;
        public void OnMalformed(HubStream stream) => throw new InvalidOperationException(stream.Event);
    }
}
