using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;
using ProjectX.Client.State;

namespace ProjectX.Benchmarks;

/// <summary>
/// Market messages per second into live state. Each benchmark applies <see cref="Messages"/> messages, so the
/// reported time is per message (messages/s = 1 s / Mean). The baseline of each category is reading the same messages
/// from their hub JSON as the market hub does (the hand-written readers), a cost every message pays anyway; "Naive" is
/// a dictionary/LINQ implementation.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LiveStateBenchmarks
{
    public const int Messages = 100_000;
    private static readonly Timeframe[] SixTimeframes =
        [Timeframe.OneSecond, new(AggregateBarUnit.Second, 5), Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour];

    private MarketMessages _m = null!;
    private OrderBook _book = null!;
    private BarAggregator _bars = null!;
    private QuoteBook _quotes = null!;
    private readonly WireStringCache _strings = new();

    [GlobalSetup]
    public void Setup()
    {
        _m = new MarketMessages(Messages);
        _book = new OrderBook(MarketMessages.ContractId);
        _bars = new BarAggregator(MarketMessages.ContractId, SixTimeframes, new BarAggregatorOptions { AutoAdvance = false, Capacity = 1000 });
        _quotes = new QuoteBook();
    }

    /// <summary>Each invocation replays the same minutes, so it starts on a fresh aggregator (outside the measurement).</summary>
    [IterationSetup(Target = nameof(Trades_BarAggregator6))]
    public void FreshAggregator()
    {
        _bars.Dispose();
        _bars = new BarAggregator(MarketMessages.ContractId, SixTimeframes, new BarAggregatorOptions { AutoAdvance = false, Capacity = 1000 });
    }

    [GlobalCleanup]
    public void Cleanup() => _bars.Dispose();

    // ---- Depth rows → OrderBook ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("Depth")]
    public int Depth_JsonOnly()
    {
        int rows = 0;
        foreach (var json in _m.DepthJson)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            rows += HotModels.ReadDepth(ref reader)!.Length;
        }
        return rows;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Depth")]
    public long Depth_OrderBook()
    {
        foreach (var e in _m.Depth)
            _book.OnDepth(e);
        return _book.DepthRowsApplied;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Depth")]
    public decimal Depth_Naive()
    {
        var naive = new NaiveOrderBook();
        foreach (var e in _m.Depth)
            naive.OnDepth(e);
        return naive.BestBid;
    }

    // ---- Market trades → BarAggregator (6 timeframes) ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("Trades")]
    public int Trades_JsonOnly()
    {
        int rows = 0;
        foreach (var json in _m.TradeJson)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            rows += HotModels.ReadTrades(ref reader, _strings)!.Length;
        }
        return rows;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Trades")]
    public long Trades_BarAggregator6()
    {
        foreach (var e in _m.Trades)
            _bars.OnMarketTrade(e);
        return _bars.LateTrades;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Trades")]
    public int Trades_Naive6()
    {
        var naive = new NaiveBars(SixTimeframes);
        foreach (var e in _m.Trades)
            naive.OnMarketTrade(e);
        return 0;
    }

    // ---- Sparse quotes → QuoteBook ----

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages), BenchmarkCategory("Quotes")]
    public int Quotes_JsonOnly()
    {
        int n = 0;
        foreach (var json in _m.QuoteJson)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            n += HotModels.ReadQuote(ref reader, _strings)!.LastPrice is null ? 0 : 1;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Quotes")]
    public int Quotes_QuoteBook()
    {
        foreach (var e in _m.Quotes)
            _quotes.Apply(e);
        return _quotes.Count;
    }

    [Benchmark(OperationsPerInvoke = Messages), BenchmarkCategory("Quotes")]
    public int Quotes_Naive()
    {
        var naive = new NaiveQuoteBook();
        foreach (var e in _m.Quotes)
            naive.Apply(e);
        return 0;
    }
}
