using BenchmarkDotNet.Attributes;
using ProjectX.Client.Indicators;
using ProjectX.Client.State;

namespace ProjectX.Benchmarks;

/// <summary>
/// One indicator update per operation, for every indicator in the catalog, next to the baseline of one print applied
/// by a one-timeframe <see cref="BarAggregator"/> (the bar update an indicator follows). "Close" commits a closed bar;
/// "Update" recomputes the forming bar (nothing committed). Bytes per operation come from the memory diagnoser and
/// must read 0 for the indicators (the tests assert it with GC.GetAllocatedBytesForCurrentThread too).
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    public const int Operations = 20_000;
    private Bar[] _bars = null!;
    private (decimal Price, long Volume, DateTimeOffset Time)[] _prints = null!;
    private Indicator _indicator = null!;
    private BarAggregator _aggregator = null!;

    public static IEnumerable<string> Indicators() => IndicatorCatalog.All.Select(d => d.Name);

    [ParamsSource(nameof(Indicators))]
    public string Indicator { get; set; } = "SMA";

    [GlobalSetup]
    public void Setup()
    {
        (_bars, _prints) = IndicatorBars.Generate(Operations);
        _indicator = IndicatorBars.Create(Indicator);
        _aggregator = new BarAggregator("CON.F.US.MNQ.Z26", [Timeframe.FiveMinutes], new BarAggregatorOptions { AutoAdvance = false, Capacity = 1000 });
    }

    [GlobalCleanup]
    public void Cleanup() => _aggregator.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public void Aggregator_AddTrade()
    {
        // Replaying the same prints only updates the forming bar after the first pass: the steady per-print cost.
        var prints = _prints;
        for (int i = 0; i < prints.Length; i++)
            _aggregator.AddTrade(prints[i].Price, prints[i].Volume, prints[i].Time);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public double Indicator_Close()
    {
        _indicator.Reset();
        var bars = _bars;
        for (int i = 0; i < bars.Length; i++)
            _indicator.Close(bars[i]);
        return _indicator.Value;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public double Indicator_Update()
    {
        // A warmed-up indicator and a forming bar that changes with every print.
        var bars = _bars;
        double sum = 0;
        for (int i = 0; i < bars.Length; i++)
        {
            _indicator.Update(bars[i]);
            sum += _indicator.Value;
        }
        return sum;
    }

    [IterationSetup(Target = nameof(Indicator_Update))]
    public void WarmIndicator()
    {
        _indicator.Reset();
        for (int i = 0; i < 200; i++)
            _indicator.Close(_bars[i] with { Start = _bars[i].Start.AddYears(-1) });
    }
}

/// <summary>
/// The choice of <c>double</c> out: the same SMA-seeded EMA and SMA computed in <c>decimal</c> arithmetic, per
/// closed bar, against the library's <c>double</c> ones.
/// </summary>
[MemoryDiagnoser]
public class IndicatorNumericBenchmarks
{
    private Bar[] _bars = null!;
    private readonly Ema _ema = new(20);
    private readonly Sma _sma = new(20);

    [GlobalSetup]
    public void Setup() => _bars = IndicatorBars.Generate(IndicatorBenchmarks.Operations).Bars;

    [Benchmark(Baseline = true, OperationsPerInvoke = IndicatorBenchmarks.Operations)]
    public double Ema_Double()
    {
        _ema.Reset();
        foreach (var bar in _bars)
            _ema.Close(bar);
        return _ema.Value;
    }

    [Benchmark(OperationsPerInvoke = IndicatorBenchmarks.Operations)]
    public decimal Ema_Decimal()
    {
        var ema = new DecimalEma(20);
        decimal value = 0;
        foreach (var bar in _bars)
            value = ema.Close(bar.Close);
        return value;
    }

    [Benchmark(OperationsPerInvoke = IndicatorBenchmarks.Operations)]
    public double Sma_Double()
    {
        _sma.Reset();
        foreach (var bar in _bars)
            _sma.Close(bar);
        return _sma.Value;
    }

    [Benchmark(OperationsPerInvoke = IndicatorBenchmarks.Operations)]
    public decimal Sma_Decimal()
    {
        var sma = new DecimalSma(20);
        decimal value = 0;
        foreach (var bar in _bars)
            value = sma.Close(bar.Close);
        return value;
    }

    private sealed class DecimalEma(int period)
    {
        private readonly decimal _k = 2m / (period + 1);
        private decimal _sum, _ema;
        private int _count;

        public decimal Close(decimal x)
        {
            if (_count >= period)
                return _ema = ((x - _ema) * _k) + _ema;
            _sum += x;
            if (++_count == period)
                _ema = _sum / period;
            return _ema;
        }
    }

    private sealed class DecimalSma(int period)
    {
        private readonly decimal[] _ring = new decimal[period];
        private decimal _sum;
        private int _count, _next;

        public decimal Close(decimal x)
        {
            if (_count == period)
                _sum -= _ring[_next];
            else
                _count++;
            _ring[_next] = x;
            _next = (_next + 1) % period;
            _sum += x;
            return _sum / _count;
        }
    }
}

/// <summary>Deterministic MNQ-like 5-minute bars and the prints of one forming bar.</summary>
internal static class IndicatorBars
{
    public static (Bar[] Bars, (decimal, long, DateTimeOffset)[] Prints) Generate(int count)
    {
        var random = new Random(20261123);
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var bars = new Bar[count];
        var prints = new (decimal, long, DateTimeOffset)[count];
        decimal last = 21000m;
        for (int i = 0; i < count; i++)
        {
            var open = last + (0.25m * random.Next(-2, 3));
            var close = open + (0.25m * random.Next(-40, 41));
            var high = Math.Max(open, close) + (0.25m * random.Next(0, 13));
            var low = Math.Min(open, close) - (0.25m * random.Next(0, 13));
            bars[i] = new Bar(start.AddMinutes(5 * i), open, high, low, close, random.Next(1, 900));
            prints[i] = (close, random.Next(1, 5), start.AddMilliseconds(i % 299_000));
            last = close;
        }
        return (bars, prints);
    }

    public static Indicator Create(string name) =>
        name == "VWAP"
            ? IndicatorCatalog.Create(name, new Dictionary<string, object?> { ["Product"] = "MNQ" })
            : IndicatorCatalog.Create(name);
}
