using ProjectX.Client.Indicators.Calculators;
using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>Simple moving average (TA-Lib SMA): the mean of the last <c>period</c> prices. Lookback period-1.</summary>
public sealed class Sma : Indicator
{
    private readonly SmaCalc _sma;
    private readonly PriceSource _source;

    public Sma(int period = 20, PriceSource source = PriceSource.Close)
        : base($"SMA({period}{Prices.Suffix(source)})", Period(period, 1) - 1)
    {
        _sma = new SmaCalc(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit) => SetOutput(0, _sma.Next(Prices.Of(bar, _source), commit));

    protected override void ResetState() => _sma.Reset();
}

/// <summary>
/// Exponential moving average (TA-Lib EMA, default compatibility): k = 2/(period+1), seeded with the SMA of the
/// first period prices. Lookback period-1.
/// </summary>
public sealed class Ema : Indicator
{
    private readonly EmaCalc _ema;
    private readonly PriceSource _source;

    public Ema(int period = 20, PriceSource source = PriceSource.Close)
        : base($"EMA({period}{Prices.Suffix(source)})", Period(period, 1) - 1)
    {
        _ema = new EmaCalc(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit) => SetOutput(0, _ema.Next(Prices.Of(bar, _source), commit));

    protected override void ResetState() => _ema.Reset();
}

/// <summary>
/// Linearly weighted moving average (TA-Lib WMA): weights 1..period, newest heaviest, over period(period+1)/2.
/// Kept O(1) with TA-Lib's running sum and running weighted sum. Lookback period-1.
/// </summary>
public sealed class Wma : Indicator
{
    private readonly int _period;
    private readonly double _divider;
    private readonly Ring _window;
    private readonly PriceSource _source;
    private double _sum;      // TA-Lib periodSub
    private double _weighted; // TA-Lib periodSum
    private double _trailing;
    private int _count;

    public Wma(int period = 20, PriceSource source = PriceSource.Close)
        : base($"WMA({period}{Prices.Suffix(source)})", Period(period, 1) - 1)
    {
        _period = period;
        _divider = (period * (period + 1)) >> 1;
        _window = new Ring(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var x = Prices.Of(bar, _source);
        double sum = _sum, weighted = _weighted, value = double.NaN;
        if (_count < _period - 1)
        {
            sum += x;
            weighted += x * (_count + 1);
        }
        else
        {
            sum += x;
            sum -= _trailing;
            weighted += x * _period;
            value = weighted / _divider;
            weighted -= sum;
        }
        SetOutput(0, value);
        if (!commit)
            return;
        _window.Add(x);
        _sum = sum;
        _weighted = weighted;
        if (_count < _period - 1)
            _count++;
        else
            _trailing = _window.Ago(_period - 1);
    }

    protected override void ResetState()
    {
        _window.Clear();
        _sum = _weighted = _trailing = 0;
        _count = 0;
    }
}

/// <summary>Double EMA (TA-Lib DEMA): 2·EMA − EMA(EMA), each EMA seeded as TA-Lib seeds it. Lookback 2·(period−1).</summary>
public sealed class Dema : Indicator
{
    private readonly EmaCalc _ema1;
    private readonly EmaCalc _ema2;
    private readonly PriceSource _source;

    public Dema(int period = 20, PriceSource source = PriceSource.Close)
        : base($"DEMA({period}{Prices.Suffix(source)})", 2 * (Period(period, 1) - 1))
    {
        _ema1 = new EmaCalc(period);
        _ema2 = new EmaCalc(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var e1 = _ema1.Next(Prices.Of(bar, _source), commit);
        var e2 = double.IsNaN(e1) ? double.NaN : _ema2.Next(e1, commit);
        SetOutput(0, double.IsNaN(e2) ? double.NaN : (2.0 * e1) - e2);
    }

    protected override void ResetState()
    {
        _ema1.Reset();
        _ema2.Reset();
    }
}

/// <summary>Triple EMA (TA-Lib TEMA): 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)). Lookback 3·(period−1).</summary>
public sealed class Tema : Indicator
{
    private readonly EmaCalc _ema1;
    private readonly EmaCalc _ema2;
    private readonly EmaCalc _ema3;
    private readonly PriceSource _source;

    public Tema(int period = 20, PriceSource source = PriceSource.Close)
        : base($"TEMA({period}{Prices.Suffix(source)})", 3 * (Period(period, 1) - 1))
    {
        _ema1 = new EmaCalc(period);
        _ema2 = new EmaCalc(period);
        _ema3 = new EmaCalc(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var e1 = _ema1.Next(Prices.Of(bar, _source), commit);
        var e2 = double.IsNaN(e1) ? double.NaN : _ema2.Next(e1, commit);
        var e3 = double.IsNaN(e2) ? double.NaN : _ema3.Next(e2, commit);
        SetOutput(0, double.IsNaN(e3) ? double.NaN : e3 + ((3.0 * e1) - (3.0 * e2)));
    }

    protected override void ResetState()
    {
        _ema1.Reset();
        _ema2.Reset();
        _ema3.Reset();
    }
}

/// <summary>
/// Kaufman adaptive moving average (TA-Lib KAMA): efficiency ratio |x − x[period]| / Σ|Δx| over period changes,
/// smoothing ((ER·(2/3 − 2/31)) + 2/31)², seeded from the previous price. Fast 2 and slow 30 are fixed, as in
/// TA-Lib. Lookback period.
/// </summary>
public sealed class Kama : Indicator
{
    private const double ConstMax = 2.0 / (30.0 + 1.0);
    private const double ConstDiff = (2.0 / (2.0 + 1.0)) - ConstMax;
    private readonly int _period;
    private readonly Ring _window; // the last period+1 prices
    private readonly PriceSource _source;
    private double _sumRoc;
    private double _kama;
    private int _count;

    public Kama(int period = 30, PriceSource source = PriceSource.Close)
        : base($"KAMA({period}{Prices.Suffix(source)})", Period(period, 2))
    {
        _period = period;
        _window = new Ring(period + 1);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var x = Prices.Of(bar, _source);
        double sumRoc = _sumRoc, kama = double.NaN;
        if (_count == 0)
        {
        }
        else if (_count < _period)
        {
            sumRoc += Math.Abs(_window.Ago(0) - x);
        }
        else
        {
            double trailing;
            if (_count == _period)
            {
                sumRoc += Math.Abs(_window.Ago(0) - x);
                trailing = _window.Ago(_period - 1);
                kama = _window.Ago(0);
            }
            else
            {
                trailing = _window.Ago(_period - 1);
                sumRoc -= Math.Abs(_window.Ago(_period) - trailing);
                sumRoc += Math.Abs(x - _window.Ago(0));
                kama = _kama;
            }
            var periodRoc = x - trailing;
            var er = sumRoc <= periodRoc || TaMath.IsZero(sumRoc) ? 1.0 : Math.Abs(periodRoc / sumRoc);
            var sc = (er * ConstDiff) + ConstMax;
            sc *= sc;
            kama = ((x - kama) * sc) + kama;
        }
        SetOutput(0, kama);
        if (!commit)
            return;
        _window.Add(x);
        _sumRoc = sumRoc;
        _kama = kama;
        if (_count <= _period)
            _count++;
    }

    protected override void ResetState()
    {
        _window.Clear();
        _sumRoc = _kama = 0;
        _count = 0;
    }
}
