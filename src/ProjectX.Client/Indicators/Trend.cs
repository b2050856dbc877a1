using ProjectX.Client.Indicators.Calculators;
using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>
/// Wilder's parabolic SAR (TA-Lib SAR). The first trend is short when bar 1's minus-DM is positive (its low fell
/// further than its high rose), long otherwise; the first SAR is bar 0's low (long) or high (short). On a reversal
/// the SAR is the extreme point, kept beyond the last two bars' range. Lookback 1.
/// </summary>
public sealed class ParabolicSar : Indicator
{
    private readonly double _acceleration;
    private readonly double _maximum;
    private State _state;
    private int _count;

    public ParabolicSar(double acceleration = 0.02, double maximum = 0.2)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SAR({acceleration},{maximum})"), 1)
    {
        _maximum = Positive(maximum, nameof(maximum));
        _acceleration = Math.Min(Positive(acceleration, nameof(acceleration)), maximum);
    }

    private struct State
    {
        public bool IsLong;
        public double Sar, Ep, Af;
        public double PrevHigh, PrevLow; // the last bar's range (bar 1 sees itself, as in TA-Lib)
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        double high = (double)bar.High, low = (double)bar.Low;
        var s = _state;
        var value = double.NaN;
        if (_count == 0)
        {
            s.PrevHigh = high;
            s.PrevLow = low;
        }
        else
        {
            if (_count == 1)
            {
                var diffP = high - s.PrevHigh;
                var diffM = s.PrevLow - low;
                s.IsLong = !(diffM > 0 && diffP < diffM);
                s.Sar = s.IsLong ? s.PrevLow : s.PrevHigh;
                s.Ep = s.IsLong ? high : low;
                s.Af = _acceleration;
                s.PrevHigh = high;
                s.PrevLow = low;
            }
            value = Step(ref s, high, low);
        }
        SetOutput(0, value);
        if (!commit)
            return;
        _state = s;
        if (_count < 2)
            _count++;
    }

    private double Step(ref State s, double high, double low)
    {
        double output;
        if (s.IsLong)
        {
            if (low <= s.Sar)
            {
                s.IsLong = false;
                s.Sar = Math.Max(Math.Max(s.Ep, s.PrevHigh), high);
                output = s.Sar;
                s.Af = _acceleration;
                s.Ep = low;
                s.Sar += s.Af * (s.Ep - s.Sar);
                s.Sar = Math.Max(Math.Max(s.Sar, s.PrevHigh), high);
            }
            else
            {
                output = s.Sar;
                if (high > s.Ep)
                {
                    s.Ep = high;
                    s.Af = Math.Min(s.Af + _acceleration, _maximum);
                }
                s.Sar += s.Af * (s.Ep - s.Sar);
                s.Sar = Math.Min(Math.Min(s.Sar, s.PrevLow), low);
            }
        }
        else if (high >= s.Sar)
        {
            s.IsLong = true;
            s.Sar = Math.Min(Math.Min(s.Ep, s.PrevLow), low);
            output = s.Sar;
            s.Af = _acceleration;
            s.Ep = high;
            s.Sar += s.Af * (s.Ep - s.Sar);
            s.Sar = Math.Min(Math.Min(s.Sar, s.PrevLow), low);
        }
        else
        {
            output = s.Sar;
            if (low < s.Ep)
            {
                s.Ep = low;
                s.Af = Math.Min(s.Af + _acceleration, _maximum);
            }
            s.Sar += s.Af * (s.Ep - s.Sar);
            s.Sar = Math.Max(Math.Max(s.Sar, s.PrevHigh), high);
        }
        s.PrevHigh = high;
        s.PrevLow = low;
        return output;
    }

    protected override void ResetState()
    {
        _state = default;
        _count = 0;
    }
}

/// <summary>
/// SuperTrend (not in TA-Lib; the rule of TradingView's ta.supertrend) on TA-Lib's ATR: basic bands
/// (H+L)/2 ± multiplier·ATR; the upper band only falls (and the lower only rises) unless the previous close broke
/// it; the trend turns up when the close exceeds the upper band and down when it falls below the lower band. The
/// first value is down unless the close is above the upper band. Value = the lower band in an up trend, the upper
/// band in a down trend; Direction = +1 up, −1 down. Lookback atrPeriod.
/// </summary>
public sealed class SuperTrend : Indicator
{
    private readonly AtrCalc _atr;
    private readonly double _multiplier;
    private double _prevUpper, _prevLower, _prevClose;
    private int _prevTrend; // 0 until the first value

    public SuperTrend(int period = 10, double multiplier = 3.0)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SUPERTREND({period},{multiplier})"), Period(period, 1), "Value", "Direction")
    {
        _atr = new AtrCalc(period);
        _multiplier = Positive(multiplier, nameof(multiplier));
    }

    public double Direction => Values[1];

    protected override void Compute(in Bar bar, bool commit)
    {
        double high = (double)bar.High, low = (double)bar.Low, close = (double)bar.Close;
        var atr = _atr.Next(high, low, close, commit);
        double value = double.NaN, direction = double.NaN;
        double upper = 0, lower = 0;
        var trend = 0;
        if (!double.IsNaN(atr))
        {
            var mid = (high + low) / 2;
            upper = mid + (_multiplier * atr);
            lower = mid - (_multiplier * atr);
            if (_prevTrend != 0)
            {
                if (!(upper < _prevUpper || _prevClose > _prevUpper))
                    upper = _prevUpper;
                if (!(lower > _prevLower || _prevClose < _prevLower))
                    lower = _prevLower;
            }
            trend = _prevTrend == 1 ? (close < lower ? -1 : 1) : (close > upper ? 1 : -1);
            value = trend == 1 ? lower : upper;
            direction = trend;
        }
        SetOutput(0, value);
        SetOutput(1, direction);
        if (!commit)
            return;
        if (trend != 0)
        {
            _prevUpper = upper;
            _prevLower = lower;
            _prevTrend = trend;
        }
        _prevClose = close;
    }

    protected override void ResetState()
    {
        _atr.Reset();
        _prevUpper = _prevLower = _prevClose = 0;
        _prevTrend = 0;
    }
}
