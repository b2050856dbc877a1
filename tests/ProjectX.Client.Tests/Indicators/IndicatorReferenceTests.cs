using ProjectX.Client.Indicators;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.Indicators;

/// <summary>Every indicator against TA-Lib's values (relative tolerance 1e-9), on history, on the forming bar and allocation-free.</summary>
public class IndicatorReferenceTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases() => ReferenceVectors.CaseIds();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Closed_bars_match_TA_Lib_including_the_first_bar_with_a_value(string id)
    {
        var reference = ReferenceVectors.Case(id);
        var indicator = reference.Create();
        var series = indicator.Calculate(ReferenceVectors.Bars);

        foreach (var (output, expected) in reference.Outputs)
            AssertMatches(expected, series[output].ToArray(), $"{id} {output}");
        var first = Array.FindIndex(reference.Outputs.First().Value, v => !double.IsNaN(v));
        Assert.Equal(first, indicator.Lookback);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Updates_of_the_forming_bar_replace_its_value_and_only_the_close_commits(string id)
    {
        var reference = ReferenceVectors.Case(id);
        var bars = ReferenceVectors.Bars;
        var live = reference.Create();
        for (int i = 0; i < bars.Length; i++)
        {
            var bar = bars[i];
            // The bar forms: a first print, a spike beyond the final range, then the final values.
            var first = bar with { High = bar.Open, Low = bar.Open, Close = bar.Open, Volume = 1 };
            var spike = bar with { High = bar.High + 40m, Low = bar.Low - 25m, Close = bar.High + 10m, Volume = bar.Volume * 3 + 7 };
            live.Update(first);
            live.Update(spike);
            if (i % 37 == 5)
            {
                // The forming value is what the same bar would give had it closed.
                var replay = reference.Create();
                for (int j = 0; j < i; j++)
                    replay.Close(bars[j]);
                replay.Close(spike);
                AssertSame(replay.Values.ToArray(), live.Values.ToArray(), $"{id} forming bar {i}");
                Assert.True(live.IsForming);
            }
            live.Update(bar);
            live.Close(bar);
            foreach (var (output, expected) in reference.Outputs)
                AssertMatches([expected[i]], [live[output]], $"{id} {output} bar {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_update_allocates_nothing(string id)
    {
        var reference = ReferenceVectors.Case(id);
        var bars = ReferenceVectors.Bars;
        var indicator = reference.Create();
        for (int i = 0; i < 100; i++)
        {
            indicator.Update(bars[i]);
            indicator.Close(bars[i]);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 100; i < bars.Length; i++)
        {
            indicator.Update(bars[i]);
            indicator.Close(bars[i]);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Every_catalog_indicator_has_reference_vectors()
    {
        var covered = ReferenceVectors.Cases.Select(c => IndicatorCatalog.Find(c.Indicator).Name).ToHashSet();
        Assert.Equal(IndicatorCatalog.All.Select(d => d.Name).Order(), covered.Order());
    }

    [Fact]
    public void Bars_out_of_order_are_refused_and_change_nothing()
    {
        var bars = ReferenceVectors.Bars;
        var sma = new Sma(3);
        sma.Close(bars[0]);
        sma.Close(bars[1]);
        var error = Assert.Throws<ArgumentException>(() => sma.Close(bars[1]));
        Assert.Contains("oldest first", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => sma.Update(bars[0]));
        sma.Close(bars[2]);
        Assert.Equal(((double)bars[0].Close + (double)bars[1].Close + (double)bars[2].Close) / 3, sma.Value, 1e-9);
    }

    [Fact]
    public void Reset_starts_over()
    {
        var bars = ReferenceVectors.Bars;
        var rsi = new Rsi(14);
        var first = rsi.Calculate(bars)["Value"].ToArray();
        rsi.Reset();
        Assert.False(rsi.IsReady);
        Assert.Equal(first, rsi.Calculate(bars)["Value"].ToArray());
    }

    [Fact]
    public void Catalog_rejects_unknown_names_parameters_and_bad_values_clearly()
    {
        Assert.Contains("Known:", Assert.Throws<ArgumentException>(() => IndicatorCatalog.Create("RSX")).Message, StringComparison.Ordinal);
        Assert.Contains("Period=14", Assert.Throws<ArgumentException>(() => IndicatorCatalog.Create("RSI", new Dictionary<string, object?> { ["Length"] = 3 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorCatalog.Create("RSI", new Dictionary<string, object?> { ["Period"] = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(26, 12, 9));
        Assert.Throws<ArgumentException>(() => IndicatorCatalog.Create("VWAP"));
        Assert.Equal("RSI(14)", IndicatorCatalog.Create("rsi").Name);
        Assert.Equal("Stochastic", IndicatorCatalog.Find("STOCH").Name);
        Assert.Equal("SMA(5,Typical)", IndicatorCatalog.Create("SMA", new Dictionary<string, object?> { ["period"] = "5", ["source"] = "typical" }).Name);
    }

    private static void AssertMatches(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e) || double.IsNaN(a))
            {
                Assert.True(double.IsNaN(e) && double.IsNaN(a), $"{what} [{i}]: expected {e:R}, got {a:R}");
                continue;
            }
            var scale = Math.Max(Math.Abs(e), Math.Abs(a));
            Assert.True(Math.Abs(e - a) <= Tolerance * scale, $"{what} [{i}]: expected {e:R}, got {a:R} (relative error {Math.Abs(e - a) / scale:E2})");
        }
    }

    private static void AssertSame(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"{what} output {i}: closed {expected[i]:R}, forming {actual[i]:R}");
    }
}
