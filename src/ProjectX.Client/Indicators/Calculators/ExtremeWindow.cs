namespace ProjectX.Client.Indicators.Calculators;

/// <summary>
/// The highest (or lowest) of the last period values, including the new one, as TA-Lib's MAX/MIN/STOCH/WILLR
/// define the window. A monotonic deque makes it amortized O(1) where TA-Lib rescans; the value is the same.
/// </summary>
internal sealed class ExtremeWindow
{
    private readonly bool _highest;
    private readonly double[] _values;
    private readonly long[] _indices;
    private int _head; // deque front (the extreme)
    private int _size;
    private long _count; // committed values

    public ExtremeWindow(int period, bool highest)
    {
        Period = period;
        _highest = highest;
        _values = new double[period + 1];
        _indices = new long[period + 1];
    }

    public int Period { get; }

    /// <summary>The extreme of the window ending with <paramref name="x"/>; NaN until the window is full.</summary>
    public double Next(double x, bool commit)
    {
        var value = double.NaN;
        if (_count + 1 >= Period)
        {
            // Only the front can have left the window: earlier entries were dropped by earlier commits.
            var best = x;
            var first = _count - Period + 1;
            for (int k = 0; k < _size && k < 2; k++)
            {
                var slot = Slot(k);
                if (_indices[slot] >= first)
                {
                    if (Better(_values[slot], best))
                        best = _values[slot];
                    break;
                }
            }
            value = best;
        }
        if (commit)
            Commit(x);
        return value;
    }

    private void Commit(double x)
    {
        while (_size > 0 && !Better(_values[Slot(_size - 1)], x))
            _size--;
        var slot = Slot(_size);
        _values[slot] = x;
        _indices[slot] = _count;
        _size++;
        _count++;
        if (_indices[_head] <= _count - 1 - Period)
        {
            _head = _head + 1 == _values.Length ? 0 : _head + 1;
            _size--;
        }
    }

    private bool Better(double a, double b) => _highest ? a > b : a < b;

    private int Slot(int k)
    {
        var i = _head + k;
        return i >= _values.Length ? i - _values.Length : i;
    }

    public void Reset()
    {
        _head = 0;
        _size = 0;
        _count = 0;
    }
}
