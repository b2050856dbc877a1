namespace ProjectX.Client.Indicators.Calculators;

/// <summary>
/// Wilder's RSI as TA_RSI computes it (default compatibility): the first average gain and loss are the simple
/// averages of the first period changes (value at index period), then avg = (avg * (period-1) + change) / period;
/// RSI = 100 * gain / (gain + loss), 0 when both are (near) zero.
/// </summary>
internal sealed class RsiCalc(int period)
{
    private double _prev;
    private double _gain;
    private double _loss;
    private int _count;

    public int Period { get; } = period;

    public double Next(double x, bool commit)
    {
        if (_count == 0)
        {
            if (commit)
            {
                _prev = x;
                _count = 1;
            }
            return double.NaN;
        }
        var change = x - _prev;
        double gain = _gain, loss = _loss, value = double.NaN;
        if (_count < Period)
        {
            if (change < 0) loss -= change; else gain += change;
        }
        else if (_count == Period)
        {
            if (change < 0) loss -= change; else gain += change;
            loss /= Period;
            gain /= Period;
            value = Ratio(gain, loss);
        }
        else
        {
            loss *= Period - 1;
            gain *= Period - 1;
            if (change < 0) loss -= change; else gain += change;
            loss /= Period;
            gain /= Period;
            value = Ratio(gain, loss);
        }
        if (commit)
        {
            _gain = gain;
            _loss = loss;
            _prev = x;
            if (_count <= Period)
                _count++;
        }
        return value;
    }

    private static double Ratio(double gain, double loss)
    {
        var total = gain + loss;
        return TaMath.IsZero(total) ? 0.0 : 100.0 * (gain / total);
    }

    public void Reset()
    {
        _prev = 0;
        _gain = 0;
        _loss = 0;
        _count = 0;
    }
}
