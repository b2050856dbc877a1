namespace ProjectX.Client.Indicators.Calculators;

/// <summary>
/// Simple moving average as TA_INT_SMA sums it: the total of the previous period-1 values plus the new one,
/// divided by the period; the trailing value is subtracted after the output. Lookback period-1.
/// </summary>
internal sealed class SmaCalc(int period)
{
    private readonly Ring _window = new(period);
    private double _partial; // the previous period-1 values' total, as TA-Lib carries it
    private int _count;

    public int Period { get; } = period;

    public double Next(double x, bool commit)
    {
        var total = _partial + x;
        var value = _count + 1 >= Period ? total / Period : double.NaN;
        if (commit)
        {
            _window.Add(x);
            if (_count < Period)
                _count++;
            _partial = _count >= Period ? total - _window.Ago(Period - 1) : total;
        }
        return value;
    }

    public void Reset()
    {
        _window.Clear();
        _partial = 0;
        _count = 0;
    }
}
