namespace ProjectX.Client.State;

/// <summary>
/// One side of the book: sorted parallel arrays (best first), bounded. Insert and remove shift in place,
/// so updates allocate nothing. Not thread-safe; <see cref="OrderBook"/> locks.
/// </summary>
internal sealed class BookSide(bool descending, int capacity)
{
    private readonly decimal[] _prices = new decimal[capacity];
    private readonly long[] _volumes = new long[capacity];

    public int Count { get; private set; }

    public decimal PriceAt(int i) => _prices[i];
    public long VolumeAt(int i) => _volumes[i];

    public void Clear() => Count = 0;

    /// <summary>Sets the volume at <paramref name="price"/>; 0 (or less) removes the level.</summary>
    public void Set(decimal price, long volume)
    {
        int i = Find(price, out bool found);
        if (volume <= 0)
        {
            if (found)
            {
                Array.Copy(_prices, i + 1, _prices, i, Count - i - 1);
                Array.Copy(_volumes, i + 1, _volumes, i, Count - i - 1);
                Count--;
            }
            return;
        }
        if (found)
        {
            _volumes[i] = volume;
            return;
        }
        if (i >= _prices.Length)
            return; // worse than every kept level of a full side
        int keep = Math.Min(Count, _prices.Length - 1);
        Array.Copy(_prices, i, _prices, i + 1, keep - i);
        Array.Copy(_volumes, i, _volumes, i + 1, keep - i);
        _prices[i] = price;
        _volumes[i] = volume;
        Count = keep + 1;
    }

    /// <summary>Sum of the volumes of the best <paramref name="levels"/> levels.</summary>
    public long Volume(int levels)
    {
        long sum = 0;
        int n = Math.Min(levels, Count);
        for (int i = 0; i < n; i++)
            sum += _volumes[i];
        return sum;
    }

    public BookLevel[] Top(int levels)
    {
        int n = Math.Min(Math.Max(levels, 0), Count);
        var result = new BookLevel[n];
        for (int i = 0; i < n; i++)
            result[i] = new BookLevel(_prices[i], _volumes[i]);
        return result;
    }

    /// <summary>Binary search in best-first order: the index of <paramref name="price"/>, or where it would go.</summary>
    private int Find(decimal price, out bool found)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int cmp = _prices[mid].CompareTo(price);
            if (descending)
                cmp = -cmp;
            if (cmp == 0)
            {
                found = true;
                return mid;
            }
            if (cmp < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        found = false;
        return lo;
    }
}
