using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>
/// A streaming technical indicator over OHLCV bars, defined as TA-Lib defines it (same smoothing, seeding and
/// lookback). Feed closed bars with <see cref="Close"/>; feed the bar still forming with <see cref="Update"/> as
/// often as it changes. <see cref="Update"/> computes the values the forming bar would give without committing
/// anything, so calling it again replaces the forming value; only <see cref="Close"/> moves the indicator on.
/// Both are O(1) (CCI: O(period)) and allocate nothing: every buffer is allocated by the constructor.
/// </summary>
/// <remarks>
/// Prices come in as <c>decimal</c> and values go out as <c>double</c>, the type TA-Lib computes in, so values match
/// TA-Lib to the last bits rather than to a rounding of them (docs/indicators.md). A value is <see cref="double.NaN"/>
/// until the indicator has seen <see cref="Lookback"/> closed bars (the first value is on bar index Lookback).
/// Not thread-safe: one writer (the live binding serializes its own updates).
/// </remarks>
public abstract class Indicator
{
    private readonly double[] _values;
    private readonly string[] _outputs;
    private DateTimeOffset _lastClosedStart;

    protected Indicator(string name, int lookback, params string[] outputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(outputs);
        Name = name;
        Lookback = lookback;
        _outputs = outputs.Length == 0 ? ["Value"] : outputs;
        _values = new double[_outputs.Length];
        Array.Fill(_values, double.NaN);
    }

    /// <summary>The indicator and its parameters, e.g. <c>RSI(14)</c>.</summary>
    public string Name { get; }

    /// <summary>The names of the values, the primary one first (e.g. <c>Macd, Signal, Histogram</c>).</summary>
    public IReadOnlyList<string> Outputs => _outputs;

    /// <summary>Closed bars needed before the first value, as TA-Lib's <c>TA_*_Lookback</c> gives it.</summary>
    public int Lookback { get; }

    /// <summary>Closed bars fed so far.</summary>
    public long ClosedCount { get; private set; }

    /// <summary>True when the values describe a forming bar (the last call was <see cref="Update"/>).</summary>
    public bool IsForming { get; private set; }

    /// <summary>True when the primary value exists for the last bar fed.</summary>
    public bool IsReady => !double.IsNaN(_values[0]);

    /// <summary>The primary value for the last bar fed (closed or forming); NaN during the lookback.</summary>
    public double Value => _values[0];

    /// <summary>All values for the last bar fed, in the order of <see cref="Outputs"/>.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The value named <paramref name="output"/> (case-insensitive).</summary>
    public double this[string output] => _values[IndexOf(output)];

    /// <summary>Computes the values of the forming <paramref name="bar"/> without committing it; a later call replaces them.</summary>
    /// <exception cref="ArgumentException">The bar starts before the last closed bar's end.</exception>
    public void Update(in Bar bar)
    {
        CheckOrder(bar);
        Compute(bar, commit: false);
        IsForming = true;
    }

    /// <summary>Commits the closed <paramref name="bar"/> and computes its values.</summary>
    /// <exception cref="ArgumentException">The bar does not start after the last closed bar.</exception>
    public void Close(in Bar bar)
    {
        CheckOrder(bar);
        Compute(bar, commit: true);
        _lastClosedStart = bar.Start;
        ClosedCount++;
        IsForming = false;
    }

    /// <summary>Forgets every bar: the indicator is as new.</summary>
    public void Reset()
    {
        ResetState();
        Array.Fill(_values, double.NaN);
        ClosedCount = 0;
        IsForming = false;
        _lastClosedStart = default;
    }

    /// <summary>
    /// Closes each of <paramref name="bars"/> (oldest first) and returns the values of every bar, one column per output.
    /// Continues from the current state; call <see cref="Reset"/> first to start over.
    /// </summary>
    public IndicatorSeries Calculate(ReadOnlySpan<Bar> bars)
    {
        var columns = new double[_outputs.Length][];
        for (int o = 0; o < columns.Length; o++)
            columns[o] = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            Close(bars[i]);
            for (int o = 0; o < columns.Length; o++)
                columns[o][i] = _values[o];
        }
        return new IndicatorSeries(Name, _outputs, columns);
    }

    public override string ToString() => IsReady ? $"{Name} = {Value:G10}" : $"{Name} (warming up: {ClosedCount}/{Lookback})";

    /// <summary>Computes the values of <paramref name="bar"/> into the outputs; commits the state only when <paramref name="commit"/>.</summary>
    protected abstract void Compute(in Bar bar, bool commit);

    /// <summary>Clears the state the subclass keeps.</summary>
    protected abstract void ResetState();

    /// <summary>Writes output <paramref name="index"/>.</summary>
    protected void SetOutput(int index, double value) => _values[index] = value;

    internal int IndexOf(string output)
    {
        for (int i = 0; i < _outputs.Length; i++)
            if (string.Equals(_outputs[i], output, StringComparison.OrdinalIgnoreCase))
                return i;
        throw new ArgumentException($"{Name} has no output '{output}'; it has {string.Join(", ", _outputs)}.", nameof(output));
    }

    private void CheckOrder(in Bar bar)
    {
        if (ClosedCount > 0 && bar.Start <= _lastClosedStart)
            throw new ArgumentException($"{Name}: the bar at {bar.Start:u} does not start after the last closed bar ({_lastClosedStart:u}); feed bars oldest first.", nameof(bar));
    }

    // Shared parameter checks (TA-Lib's ranges).
    private protected static int Period(int value, int minimum, string name = "period")
    {
        if (value < minimum || value > 100_000)
            throw new ArgumentOutOfRangeException(name, value, $"The {name} must be between {minimum} and 100000.");
        return value;
    }

    private protected static double Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"The {name} must be a positive number.");
        return value;
    }
}

/// <summary>The values of an indicator over a run of bars: one column per output, NaN during the lookback.</summary>
public sealed class IndicatorSeries
{
    private readonly string[] _outputs;
    private readonly double[][] _columns;

    internal IndicatorSeries(string name, string[] outputs, double[][] columns)
    {
        Name = name;
        _outputs = outputs;
        _columns = columns;
    }

    public string Name { get; }
    public IReadOnlyList<string> Outputs => _outputs;
    public int Length => _columns[0].Length;

    /// <summary>The values of output <paramref name="output"/> (case-insensitive), one per bar.</summary>
    public IReadOnlyList<double> this[string output]
    {
        get
        {
            for (int i = 0; i < _outputs.Length; i++)
                if (string.Equals(_outputs[i], output, StringComparison.OrdinalIgnoreCase))
                    return _columns[i];
            throw new ArgumentException($"{Name} has no output '{output}'; it has {string.Join(", ", _outputs)}.", nameof(output));
        }
    }

    /// <summary>The values of the output at <paramref name="index"/> in <see cref="Outputs"/>.</summary>
    public IReadOnlyList<double> this[int index] => _columns[index];
}

/// <summary>Which price of a bar a single-input indicator reads.</summary>
public enum PriceSource
{
    Close,
    Open,
    High,
    Low,
    /// <summary>(High + Low) / 2 (TA-Lib MEDPRICE).</summary>
    Median,
    /// <summary>(High + Low + Close) / 3 (TA-Lib TYPPRICE).</summary>
    Typical,
    /// <summary>(Open + High + Low + Close) / 4 (TA-Lib AVGPRICE).</summary>
    Average,
}

internal static class Prices
{
    public static double Of(in Bar bar, PriceSource source) => source switch
    {
        PriceSource.Open => (double)bar.Open,
        PriceSource.High => (double)bar.High,
        PriceSource.Low => (double)bar.Low,
        PriceSource.Median => ((double)bar.High + (double)bar.Low) / 2.0,
        PriceSource.Typical => ((double)bar.High + (double)bar.Low + (double)bar.Close) / 3.0,
        PriceSource.Average => ((double)bar.Open + (double)bar.High + (double)bar.Low + (double)bar.Close) / 4.0,
        _ => (double)bar.Close,
    };

    public static string Suffix(PriceSource source) => source == PriceSource.Close ? "" : "," + source;
}
