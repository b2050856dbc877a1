using ProjectX.Client.Indicators.Calculators;
using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>Wilder's relative strength index (TA-Lib RSI), 0..100. Lookback period.</summary>
public sealed class Rsi : Indicator
{
    private readonly RsiCalc _rsi;
    private readonly PriceSource _source;

    public Rsi(int period = 14, PriceSource source = PriceSource.Close)
        : base($"RSI({period}{Prices.Suffix(source)})", Period(period, 2))
    {
        _rsi = new RsiCalc(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit) => SetOutput(0, _rsi.Next(Prices.Of(bar, _source), commit));

    protected override void ResetState() => _rsi.Reset();
}

/// <summary>
/// MACD (TA-Lib MACD): fast EMA − slow EMA, a signal EMA of that, and their difference. As in TA-Lib, both EMAs
/// start on the same bar (slow−1): the fast EMA is seeded there with the SMA of the last <c>fast</c> prices, not
/// at bar fast−1. All three values start at bar (slow−1)+(signal−1).
/// </summary>
public sealed class Macd : Indicator
{
    private readonly SmaCalc _fastSeed;
    private readonly EmaCalc _fast;
    private readonly EmaCalc _slow;
    private readonly EmaCalc _signal;
    private readonly PriceSource _source;

    public Macd(int fast = 12, int slow = 26, int signal = 9, PriceSource source = PriceSource.Close)
        : base($"MACD({fast},{slow},{signal}{Prices.Suffix(source)})", Period(slow, 2, nameof(slow)) - 1 + Period(signal, 1, nameof(signal)) - 1, "Macd", "Signal", "Histogram")
    {
        Period(fast, 2, nameof(fast));
        if (fast >= slow)
            throw new ArgumentOutOfRangeException(nameof(fast), fast, "The fast period must be shorter than the slow period.");
        _fastSeed = new SmaCalc(fast);
        _fast = new EmaCalc(fast);
        _slow = new EmaCalc(slow);
        _signal = new EmaCalc(signal);
        _source = source;
    }

    public double MacdLine => Values[0];
    public double Signal => Values[1];
    public double Histogram => Values[2];

    protected override void Compute(in Bar bar, bool commit)
    {
        var x = Prices.Of(bar, _source);
        var slow = _slow.Next(x, commit);
        double fast;
        if (_fast.IsSeeded)
            fast = _fast.Next(x, commit);
        else
        {
            var seed = _fastSeed.Next(x, commit);
            fast = double.IsNaN(slow) ? double.NaN : _fast.NextFromSeed(x, seed, commit);
        }
        double macd = double.NaN, signal = double.NaN;
        if (!double.IsNaN(slow))
        {
            macd = fast - slow;
            signal = _signal.Next(macd, commit);
        }
        var ready = !double.IsNaN(signal);
        SetOutput(0, ready ? macd : double.NaN);
        SetOutput(1, signal);
        SetOutput(2, ready ? macd - signal : double.NaN);
    }

    protected override void ResetState()
    {
        _fastSeed.Reset();
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
    }
}

/// <summary>
/// Slow stochastic (TA-Lib STOCH with SMA smoothing): fast %K = 100·(close − lowest low)/(highest high − lowest
/// low) over kPeriod (0 when the range is 0), %K = SMA(fast %K, kSmoothing), %D = SMA(%K, dPeriod). Both values
/// start at bar (kPeriod−1)+(kSmoothing−1)+(dPeriod−1). kSmoothing 1 gives the fast stochastic.
/// </summary>
public sealed class Stochastic : Indicator
{
    private readonly ExtremeWindow _highest;
    private readonly ExtremeWindow _lowest;
    private readonly SmaCalc _k;
    private readonly SmaCalc _d;

    public Stochastic(int kPeriod = 5, int kSmoothing = 3, int dPeriod = 3)
        : base($"STOCH({kPeriod},{kSmoothing},{dPeriod})", Period(kPeriod, 1, nameof(kPeriod)) - 1 + Period(kSmoothing, 1, nameof(kSmoothing)) - 1 + Period(dPeriod, 1, nameof(dPeriod)) - 1, "K", "D")
    {
        _highest = new ExtremeWindow(kPeriod, highest: true);
        _lowest = new ExtremeWindow(kPeriod, highest: false);
        _k = new SmaCalc(kSmoothing);
        _d = new SmaCalc(dPeriod);
    }

    public double K => Values[0];
    public double D => Values[1];

    protected override void Compute(in Bar bar, bool commit)
    {
        var hh = _highest.Next((double)bar.High, commit);
        var ll = _lowest.Next((double)bar.Low, commit);
        double k = double.NaN, d = double.NaN;
        if (!double.IsNaN(hh))
        {
            var diff = (hh - ll) / 100.0;
            var fastK = diff != 0.0 ? ((double)bar.Close - ll) / diff : 0.0;
            k = _k.Next(fastK, commit);
            if (!double.IsNaN(k))
                d = _d.Next(k, commit);
        }
        SetOutput(0, double.IsNaN(d) ? double.NaN : k);
        SetOutput(1, d);
    }

    protected override void ResetState()
    {
        _highest.Reset();
        _lowest.Reset();
        _k.Reset();
        _d.Reset();
    }
}

/// <summary>
/// Stochastic RSI (TA-Lib STOCHRSI with SMA): the fast stochastic of RSI(period) over kPeriod RSI values, %D its
/// SMA over dPeriod. Lookback period+(kPeriod−1)+(dPeriod−1).
/// </summary>
public sealed class StochasticRsi : Indicator
{
    private readonly RsiCalc _rsi;
    private readonly ExtremeWindow _highest;
    private readonly ExtremeWindow _lowest;
    private readonly SmaCalc _d;
    private readonly PriceSource _source;

    public StochasticRsi(int period = 14, int kPeriod = 5, int dPeriod = 3, PriceSource source = PriceSource.Close)
        : base($"STOCHRSI({period},{kPeriod},{dPeriod}{Prices.Suffix(source)})", Period(period, 2) + Period(kPeriod, 1, nameof(kPeriod)) - 1 + Period(dPeriod, 1, nameof(dPeriod)) - 1, "K", "D")
    {
        _rsi = new RsiCalc(period);
        _highest = new ExtremeWindow(kPeriod, highest: true);
        _lowest = new ExtremeWindow(kPeriod, highest: false);
        _d = new SmaCalc(dPeriod);
        _source = source;
    }

    public double K => Values[0];
    public double D => Values[1];

    protected override void Compute(in Bar bar, bool commit)
    {
        var rsi = _rsi.Next(Prices.Of(bar, _source), commit);
        double k = double.NaN, d = double.NaN;
        if (!double.IsNaN(rsi))
        {
            var hh = _highest.Next(rsi, commit);
            var ll = _lowest.Next(rsi, commit);
            if (!double.IsNaN(hh))
            {
                var diff = (hh - ll) / 100.0;
                k = diff != 0.0 ? (rsi - ll) / diff : 0.0;
                d = _d.Next(k, commit);
            }
        }
        SetOutput(0, double.IsNaN(d) ? double.NaN : k);
        SetOutput(1, d);
    }

    protected override void ResetState()
    {
        _rsi.Reset();
        _highest.Reset();
        _lowest.Reset();
        _d.Reset();
    }
}

/// <summary>
/// Wilder's ADX with +DI and −DI (TA-Lib ADX, PLUS_DI, MINUS_DI). DM and TR are summed over the first period−1
/// changes, then smoothed s = s − s/period + new; DI = 100·DM/TR from bar period; DX = 100·|−DI − +DI|/(−DI + +DI);
/// ADX = mean of the first period DX values (bar 2·period−1), then (ADX·(period−1) + DX)/period.
/// </summary>
public sealed class Adx : Indicator
{
    private readonly int _period;
    private double _prevHigh, _prevLow, _prevClose;
    private double _plusDm, _minusDm, _tr, _sumDx, _adx;
    private int _count;

    public Adx(int period = 14)
        : base($"ADX({period})", (2 * Period(period, 2)) - 1, "Adx", "PlusDi", "MinusDi")
    {
        _period = period;
    }

    public double AdxValue => Values[0];
    public double PlusDi => Values[1];
    public double MinusDi => Values[2];

    protected override void Compute(in Bar bar, bool commit)
    {
        double high = (double)bar.High, low = (double)bar.Low, close = (double)bar.Close;
        double plusDm = _plusDm, minusDm = _minusDm, tr = _tr, sumDx = _sumDx, adx = double.NaN;
        double plusDi = double.NaN, minusDi = double.NaN;
        if (_count > 0)
        {
            var diffP = high - _prevHigh;
            var diffM = _prevLow - low;
            var range = AtrCalc.TrueRange(high, low, _prevClose);
            if (_count < _period)
            {
                if (diffM > 0 && diffP < diffM)
                    minusDm += diffM;
                else if (diffP > 0 && diffP > diffM)
                    plusDm += diffP;
                tr += range;
            }
            else
            {
                minusDm -= minusDm / _period;
                plusDm -= plusDm / _period;
                if (diffM > 0 && diffP < diffM)
                    minusDm += diffM;
                else if (diffP > 0 && diffP > diffM)
                    plusDm += diffP;
                tr = tr - (tr / _period) + range;
                var dx = double.NaN;
                if (!TaMath.IsZero(tr))
                {
                    minusDi = 100.0 * (minusDm / tr);
                    plusDi = 100.0 * (plusDm / tr);
                    var total = minusDi + plusDi;
                    if (!TaMath.IsZero(total))
                        dx = 100.0 * (Math.Abs(minusDi - plusDi) / total);
                }
                else
                {
                    minusDi = plusDi = 0.0;
                }
                var last = (2 * _period) - 1;
                if (_count < last)
                {
                    if (!double.IsNaN(dx))
                        sumDx += dx;
                }
                else if (_count == last)
                {
                    if (!double.IsNaN(dx))
                        sumDx += dx;
                    adx = sumDx / _period;
                }
                else
                {
                    adx = double.IsNaN(dx) ? _adx : ((_adx * (_period - 1)) + dx) / _period;
                }
            }
        }
        SetOutput(0, adx);
        SetOutput(1, plusDi);
        SetOutput(2, minusDi);
        if (!commit)
            return;
        _plusDm = plusDm;
        _minusDm = minusDm;
        _tr = tr;
        _sumDx = sumDx;
        if (!double.IsNaN(adx))
            _adx = adx;
        _prevHigh = high;
        _prevLow = low;
        _prevClose = close;
        if (_count < 2 * _period)
            _count++;
    }

    protected override void ResetState()
    {
        _prevHigh = _prevLow = _prevClose = 0;
        _plusDm = _minusDm = _tr = _sumDx = _adx = 0;
        _count = 0;
    }
}

/// <summary>
/// Commodity channel index (TA-Lib CCI): (TP − SMA(TP)) / (0.015 · mean |TP − SMA(TP)|) with TP = (H+L+C)/3;
/// 0 when either part is 0. The mean deviation needs the whole window, so an update is O(period). Lookback period−1.
/// </summary>
public sealed class Cci : Indicator
{
    private readonly double[] _window; // circular, in TA-Lib's slot order
    private int _next;
    private int _count;

    public Cci(int period = 14)
        : base($"CCI({period})", Period(period, 2) - 1)
    {
        _window = new double[period];
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var tp = ((double)bar.High + (double)bar.Low + (double)bar.Close) / 3;
        // The slot of the value that leaves the window is free: the forming value may sit there until the close.
        _window[_next] = tp;
        var value = double.NaN;
        var period = _window.Length;
        if (_count + 1 >= period)
        {
            double average = 0;
            for (int j = 0; j < period; j++)
                average += _window[j];
            average /= period;
            double deviation = 0;
            for (int j = 0; j < period; j++)
                deviation += Math.Abs(_window[j] - average);
            var distance = tp - average;
            value = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / period)) : 0.0;
        }
        SetOutput(0, value);
        if (!commit)
            return;
        _next = _next + 1 == period ? 0 : _next + 1;
        if (_count < period)
            _count++;
    }

    protected override void ResetState()
    {
        Array.Clear(_window);
        _next = 0;
        _count = 0;
    }
}

/// <summary>Williams %R (TA-Lib WILLR): −100·(highest high − close)/(highest high − lowest low), −100..0. Lookback period−1.</summary>
public sealed class WilliamsR : Indicator
{
    private readonly ExtremeWindow _highest;
    private readonly ExtremeWindow _lowest;

    public WilliamsR(int period = 14)
        : base($"WILLR({period})", Period(period, 2) - 1)
    {
        _highest = new ExtremeWindow(period, highest: true);
        _lowest = new ExtremeWindow(period, highest: false);
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var hh = _highest.Next((double)bar.High, commit);
        var ll = _lowest.Next((double)bar.Low, commit);
        var value = double.NaN;
        if (!double.IsNaN(hh))
        {
            var diff = (hh - ll) / -100.0;
            value = diff != 0.0 ? (hh - (double)bar.Close) / diff : 0.0;
        }
        SetOutput(0, value);
    }

    protected override void ResetState()
    {
        _highest.Reset();
        _lowest.Reset();
    }
}

/// <summary>Rate of change (TA-Lib ROC): 100·(price/price[period] − 1), 0 when the old price is 0. Lookback period.</summary>
public sealed class Roc : Indicator
{
    private readonly Ring _window;
    private readonly int _period;
    private readonly PriceSource _source;

    public Roc(int period = 10, PriceSource source = PriceSource.Close)
        : base($"ROC({period}{Prices.Suffix(source)})", Period(period, 1))
    {
        _period = period;
        _window = new Ring(period);
        _source = source;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var x = Prices.Of(bar, _source);
        var value = double.NaN;
        if (_window.Count == _period)
        {
            var old = _window.Ago(_period - 1);
            value = old != 0.0 ? ((x / old) - 1.0) * 100.0 : 0.0;
        }
        SetOutput(0, value);
        if (commit)
            _window.Add(x);
    }

    protected override void ResetState() => _window.Clear();
}

/// <summary>
/// Money flow index (TA-Lib MFI): TP = (H+L+C)/3, flow = TP·volume, positive when TP rose, negative when it fell,
/// neither when unchanged; MFI = 100·Σpositive/(Σpositive + Σnegative) over period flows, 0 when that total is
/// below 1. Lookback period.
/// </summary>
public sealed class Mfi : Indicator
{
    private readonly int _period;
    private readonly Ring _positive;
    private readonly Ring _negative;
    private double _prevTp, _posSum, _negSum;
    private int _count;

    public Mfi(int period = 14)
        : base($"MFI({period})", Period(period, 2))
    {
        _period = period;
        _positive = new Ring(period);
        _negative = new Ring(period);
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var tp = ((double)bar.High + (double)bar.Low + (double)bar.Close) / 3.0;
        double pos = 0, neg = 0, posSum = _posSum, negSum = _negSum, value = double.NaN;
        if (_count > 0)
        {
            if (_count > _period)
            {
                posSum -= _positive.Ago(_period - 1);
                negSum -= _negative.Ago(_period - 1);
            }
            var change = tp - _prevTp;
            var flow = tp * bar.Volume;
            if (change < 0)
            {
                neg = flow;
                negSum += flow;
            }
            else if (change > 0)
            {
                pos = flow;
                posSum += flow;
            }
            if (_count >= _period)
            {
                var total = posSum + negSum;
                value = total < 1.0 ? 0.0 : 100.0 * (posSum / total);
            }
        }
        SetOutput(0, value);
        if (!commit)
            return;
        if (_count > 0)
        {
            _positive.Add(pos);
            _negative.Add(neg);
        }
        _posSum = posSum;
        _negSum = negSum;
        _prevTp = tp;
        if (_count <= _period)
            _count++;
    }

    protected override void ResetState()
    {
        _positive.Clear();
        _negative.Clear();
        _prevTp = _posSum = _negSum = 0;
        _count = 0;
    }
}
