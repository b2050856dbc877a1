using ProjectX.Client.Indicators.Calculators;
using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>Wilder's average true range (TA-Lib ATR), seeded with the SMA of the first period true ranges. Lookback period.</summary>
public sealed class Atr : Indicator
{
    private readonly AtrCalc _atr;

    public Atr(int period = 14)
        : base($"ATR({period})", Period(period, 1))
    {
        _atr = new AtrCalc(period);
    }

    protected override void Compute(in Bar bar, bool commit) =>
        SetOutput(0, _atr.Next((double)bar.High, (double)bar.Low, (double)bar.Close, commit));

    protected override void ResetState() => _atr.Reset();
}

/// <summary>Normalized ATR (TA-Lib NATR): 100·ATR/close, 0 when the close is 0. Lookback period.</summary>
public sealed class Natr : Indicator
{
    private readonly AtrCalc _atr;

    public Natr(int period = 14)
        : base($"NATR({period})", Period(period, 1))
    {
        _atr = new AtrCalc(period);
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var close = (double)bar.Close;
        var atr = _atr.Next((double)bar.High, (double)bar.Low, close, commit);
        SetOutput(0, double.IsNaN(atr) ? double.NaN : TaMath.IsZero(close) ? 0.0 : (atr / close) * 100.0);
    }

    protected override void ResetState() => _atr.Reset();
}

/// <summary>
/// Population standard deviation (TA-Lib STDDEV, divisor N): √(mean(x²) − mean(x)²) from running sums, 0 when that
/// is not positive. Lookback period−1.
/// </summary>
public sealed class StdDev : Indicator
{
    private readonly Ring _window;
    private readonly int _period;
    private readonly PriceSource _source;
    private double _sum, _sumSquares;
    private int _count;

    public StdDev(int period = 20, PriceSource source = PriceSource.Close)
        : base($"STDDEV({period}{Prices.Suffix(source)})", Period(period, 2) - 1)
    {
        _period = period;
        _window = new Ring(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var x = Prices.Of(bar, _source);
        var sum = _sum + x;
        var sumSquares = _sumSquares + (x * x);
        var value = double.NaN;
        if (_count + 1 >= _period)
        {
            var mean = sum / _period;
            var variance = (sumSquares / _period) - (mean * mean);
            value = TaMath.IsZeroOrNegative(variance) ? 0.0 : Math.Sqrt(variance);
        }
        SetOutput(0, value);
        if (!commit)
            return;
        _window.Add(x);
        if (_count + 1 >= _period)
        {
            var trailing = _window.Ago(_period - 1);
            sum -= trailing;
            sumSquares -= trailing * trailing;
        }
        _sum = sum;
        _sumSquares = sumSquares;
        if (_count < _period)
            _count++;
    }

    protected override void ResetState()
    {
        _window.Clear();
        _sum = _sumSquares = 0;
        _count = 0;
    }
}

/// <summary>
/// Bollinger Bands (TA-Lib BBANDS with SMA): middle = SMA(period), bands = middle ± multiplier · population
/// standard deviation. Lookback period−1.
/// </summary>
public sealed class BollingerBands : Indicator
{
    private readonly SmaCalc _sma;
    private readonly Ring _window;
    private readonly int _period;
    private readonly double _multiplier;
    private readonly PriceSource _source;
    private double _sumSquares; // TA-Lib periodTotal2: the previous period-1 squares
    private int _count;

    public BollingerBands(int period = 20, double multiplier = 2.0, PriceSource source = PriceSource.Close)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"BBANDS({period},{multiplier}{Prices.Suffix(source)})"), Period(period, 2) - 1, "Middle", "Upper", "Lower")
    {
        _period = period;
        _multiplier = Positive(multiplier, nameof(multiplier));
        _sma = new SmaCalc(period);
        _window = new Ring(period);
        _source = source;
    }

    public double Middle => Values[0];
    public double Upper => Values[1];
    public double Lower => Values[2];

    protected override void Compute(in Bar bar, bool commit)
    {
        var x = Prices.Of(bar, _source);
        var middle = _sma.Next(x, commit);
        var sumSquares = _sumSquares + (x * x);
        double upper = double.NaN, lower = double.NaN;
        if (!double.IsNaN(middle))
        {
            var variance = (sumSquares / _period) - (middle * middle);
            var deviation = TaMath.IsZeroOrNegative(variance) ? 0.0 : Math.Sqrt(variance);
            var width = deviation * _multiplier;
            upper = middle + width;
            lower = middle - width;
        }
        SetOutput(0, middle);
        SetOutput(1, upper);
        SetOutput(2, lower);
        if (!commit)
            return;
        _window.Add(x);
        if (_count + 1 >= _period)
        {
            var trailing = _window.Ago(_period - 1);
            sumSquares -= trailing * trailing;
        }
        _sumSquares = sumSquares;
        if (_count < _period)
            _count++;
    }

    protected override void ResetState()
    {
        _sma.Reset();
        _window.Clear();
        _sumSquares = 0;
        _count = 0;
    }
}

/// <summary>
/// Keltner Channels (not in TA-Lib; the modern form most platforms default to): middle = EMA(period) of the close,
/// bands = middle ± multiplier · ATR(atrPeriod), both as TA-Lib defines them. Values once both exist:
/// lookback max(period−1, atrPeriod).
/// </summary>
public sealed class KeltnerChannels : Indicator
{
    private readonly EmaCalc _ema;
    private readonly AtrCalc _atr;
    private readonly double _multiplier;

    public KeltnerChannels(int period = 20, int atrPeriod = 10, double multiplier = 2.0)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"KELTNER({period},{atrPeriod},{multiplier})"), Math.Max(Period(period, 1) - 1, Period(atrPeriod, 1, nameof(atrPeriod))), "Middle", "Upper", "Lower")
    {
        _ema = new EmaCalc(period);
        _atr = new AtrCalc(atrPeriod);
        _multiplier = Positive(multiplier, nameof(multiplier));
    }

    public double Middle => Values[0];
    public double Upper => Values[1];
    public double Lower => Values[2];

    protected override void Compute(in Bar bar, bool commit)
    {
        var close = (double)bar.Close;
        var ema = _ema.Next(close, commit);
        var atr = _atr.Next((double)bar.High, (double)bar.Low, close, commit);
        var ready = !double.IsNaN(ema) && !double.IsNaN(atr);
        SetOutput(0, ready ? ema : double.NaN);
        SetOutput(1, ready ? ema + (_multiplier * atr) : double.NaN);
        SetOutput(2, ready ? ema - (_multiplier * atr) : double.NaN);
    }

    protected override void ResetState()
    {
        _ema.Reset();
        _atr.Reset();
    }
}

/// <summary>
/// Donchian Channels: upper = highest high and lower = lowest low of the last period bars including the current
/// one (TA-Lib MAX/MIN windows; the Turtle rule's "previous period bars" is the previous bar's value), middle their
/// mean. Lookback period−1.
/// </summary>
public sealed class DonchianChannels : Indicator
{
    private readonly ExtremeWindow _highest;
    private readonly ExtremeWindow _lowest;

    public DonchianChannels(int period = 20)
        : base($"DONCHIAN({period})", Period(period, 1) - 1, "Middle", "Upper", "Lower")
    {
        _highest = new ExtremeWindow(period, highest: true);
        _lowest = new ExtremeWindow(period, highest: false);
    }

    public double Middle => Values[0];
    public double Upper => Values[1];
    public double Lower => Values[2];

    protected override void Compute(in Bar bar, bool commit)
    {
        var upper = _highest.Next((double)bar.High, commit);
        var lower = _lowest.Next((double)bar.Low, commit);
        SetOutput(0, double.IsNaN(upper) ? double.NaN : (upper + lower) / 2);
        SetOutput(1, upper);
        SetOutput(2, lower);
    }

    protected override void ResetState()
    {
        _highest.Reset();
        _lowest.Reset();
    }
}
