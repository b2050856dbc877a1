namespace ProjectX.Client.Indicators.Calculators;

/// <summary>The last <see cref="Capacity"/> committed values; adding to a full ring drops the oldest.</summary>
internal sealed class Ring
{
    private readonly double[] _items;
    private int _next;

    public Ring(int capacity) => _items = new double[Math.Max(1, capacity)];

    public int Capacity => _items.Length;
    public int Count { get; private set; }

    /// <summary>The value <paramref name="ago"/> additions back (0: the newest).</summary>
    public double Ago(int ago)
    {
        var i = _next - 1 - ago;
        return _items[i < 0 ? i + _items.Length : i];
    }

    public void Add(double value)
    {
        _items[_next] = value;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (Count < _items.Length)
            Count++;
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
    }
}
