namespace ProjectX.Client.Indicators.Calculators;

/// <summary>
/// Wilder's average true range as TA_ATR computes it: true range from the second bar, the first ATR (index period)
/// the simple average of the first period true ranges, then atr = (atr * (period-1) + tr) / period.
/// </summary>
internal sealed class AtrCalc(int period)
{
    private double _prevClose;
    private double _sum;
    private double _atr;
    private int _count;

    public int Period { get; } = period;

    /// <summary>TA-Lib's TRUE_RANGE: the largest of high-low, |high-previous close| and |low-previous close|.</summary>
    public static double TrueRange(double high, double low, double prevClose)
    {
        var range = high - low;
        var up = Math.Abs(high - prevClose);
        if (up > range)
            range = up;
        var down = Math.Abs(low - prevClose);
        if (down > range)
            range = down;
        return range;
    }

    public double Next(double high, double low, double close, bool commit)
    {
        var value = double.NaN;
        if (_count == 0)
        {
            if (commit)
            {
                _prevClose = close;
                _count = 1;
            }
            return value;
        }
        var tr = TrueRange(high, low, _prevClose);
        double sum = _sum;
        if (_count < Period)
            sum += tr;
        else if (_count == Period)
            value = (_sum + tr) / Period;
        else
        {
            value = _atr * (Period - 1);
            value += tr;
            value /= Period;
        }
        if (commit)
        {
            _sum = sum;
            if (_count >= Period)
                _atr = value;
            _prevClose = close;
            if (_count <= Period)
                _count++;
        }
        return value;
    }

    public void Reset()
    {
        _prevClose = 0;
        _sum = 0;
        _atr = 0;
        _count = 0;
    }
}
