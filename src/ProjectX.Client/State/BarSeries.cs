namespace ProjectX.Client.State;

/// <summary>
/// The bars of one timeframe, oldest first: at most <see cref="Capacity"/> closed bars (a ring: the oldest drops out)
/// and the bar still forming. Reads take a consistent snapshot; the aggregator writes under the same lock.
/// </summary>
public sealed class BarSeries
{
    private readonly object _gate;
    private readonly Bar[] _ring;
    private int _head; // index of the oldest closed bar
    private int _count;
    private Bar _forming;
    private bool _hasForming;

    internal BarSeries(Timeframe timeframe, int capacity, object gate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Timeframe = timeframe;
        _ring = new Bar[capacity];
        _gate = gate;
    }

    public Timeframe Timeframe { get; }
    public int Capacity => _ring.Length;

    /// <summary>Closed bars held (at most <see cref="Capacity"/>).</summary>
    public int ClosedCount { get { lock (_gate) return _count; } }

    /// <summary>The bar of the current period, if one is forming.</summary>
    public Bar? Forming { get { lock (_gate) return _hasForming ? _forming : null; } }

    /// <summary>The most recent closed bar.</summary>
    public Bar? LastClosed { get { lock (_gate) return _count == 0 ? null : _ring[(_head + _count - 1) % _ring.Length]; } }

    /// <summary>Closed bars oldest first, then the forming bar when <paramref name="includeForming"/>.</summary>
    public Bar[] ToArray(bool includeForming = true)
    {
        lock (_gate)
        {
            var extra = includeForming && _hasForming ? 1 : 0;
            var result = new Bar[_count + extra];
            for (int i = 0; i < _count; i++)
                result[i] = _ring[(_head + i) % _ring.Length];
            if (extra == 1)
                result[_count] = _forming;
            return result;
        }
    }

    /// <summary>The last <paramref name="count"/> bars (closed, then the forming one when <paramref name="includeForming"/>).</summary>
    public Bar[] Last(int count, bool includeForming = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var all = ToArray(includeForming);
        return all.Length <= count ? all : all[^count..];
    }

    public override string ToString() => $"{Timeframe}: {ClosedCount} closed bars{(Forming is { } f ? $", forming {f}" : "")}";

    // Writers: the aggregator holds _gate.

    internal void AppendClosed(in Bar bar)
    {
        if (_count < _ring.Length)
        {
            _ring[(_head + _count) % _ring.Length] = bar;
            _count++;
        }
        else
        {
            _ring[_head] = bar;
            _head = (_head + 1) % _ring.Length;
        }
    }

    internal void SetForming(in Bar bar)
    {
        _forming = bar;
        _hasForming = true;
    }

    internal void ClearForming() => _hasForming = false;

    /// <summary>Replaces the closed bars with <paramref name="bars"/> (oldest first; only the newest fit).</summary>
    internal void ReplaceClosed(List<Bar> bars)
    {
        _head = 0;
        _count = 0;
        var skip = Math.Max(0, bars.Count - _ring.Length);
        for (int i = skip; i < bars.Count; i++)
            _ring[_count++] = bars[i];
    }

    internal void CopyClosedTo(List<Bar> target)
    {
        for (int i = 0; i < _count; i++)
            target.Add(_ring[(_head + i) % _ring.Length]);
    }
}
