namespace ProjectX.Client.Indicators.Calculators;

/// <summary>
/// Exponential moving average as TA_INT_EMA computes it in TA-Lib's default compatibility: k = 2/(period+1),
/// seeded with the simple average of the first period values (the first value, at index period-1), then
/// ema = (x - ema) * k + ema.
/// </summary>
internal sealed class EmaCalc(int period)
{
    private readonly double _k = 2.0 / (period + 1);
    private double _sum;
    private double _ema;
    private int _count;

    public int Period { get; } = period;
    public bool IsSeeded => _count >= Period;

    public double Next(double x, bool commit)
    {
        double value;
        if (_count >= Period)
        {
            value = ((x - _ema) * _k) + _ema;
            if (commit)
                _ema = value;
            return value;
        }
        var sum = _sum + x;
        value = _count + 1 == Period ? sum / Period : double.NaN;
        if (commit)
        {
            _sum = sum;
            _ema = value;
            _count++;
        }
        return value;
    }

    /// <summary>Continues from <paramref name="seed"/> (MACD seeds its fast average late; see <see cref="Macd"/>).</summary>
    public double NextFromSeed(double x, double seed, bool commit)
    {
        if (_count >= Period)
            return Next(x, commit);
        if (commit)
        {
            _ema = seed;
            _count = Period;
        }
        return seed;
    }

    public void Reset()
    {
        _sum = 0;
        _ema = 0;
        _count = 0;
    }
}
