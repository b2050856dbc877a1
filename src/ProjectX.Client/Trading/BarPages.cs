using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>
/// The pages of a History/retrieveBars read, newest page first, joined into one oldest-first list. The gateway sends a
/// page newest first (spec §4.5, though the order is not promised), each page ending where the previous one began: a
/// page is put in order on its own (a reverse in the usual case) and pages are joined where they meet, where a bar an
/// older page repeats is dropped (the newer page's bar wins). One page is never copied; only a page that reaches into
/// time a newer page already covers, which a well-behaved gateway never sends, costs a full merge.
/// </summary>
internal sealed class BarPages
{
    private readonly List<ArraySegment<AggregateBarModel>> _pages = []; // each oldest first without repeats; newest page first
    private SortedDictionary<DateTimeOffset, AggregateBarModel>? _merged; // only after an overlapping page

    /// <summary>Bars kept so far.</summary>
    public int Count { get; private set; }

    /// <summary>The oldest bar's time so far (null before any bar).</summary>
    public DateTimeOffset? Oldest { get; private set; }

    /// <summary>Adds the next (older) page; returns how many of its bars were new.</summary>
    public int Add(IReadOnlyList<AggregateBarModel> page)
    {
        var ordered = InOrder(page);
        if (ordered.Length == 0)
            return 0;
        if (_merged is not null || (Oldest is { } oldest && ordered[^1].T > oldest))
            return AddMerged(ordered);
        // The usual case: the page ends at (or before) the oldest bar so far; a repeat of that bar is the newer page's.
        var keep = Oldest is { } boundary && ordered[^1].T == boundary ? ordered.Length - 1 : ordered.Length;
        if (keep == 0)
            return 0;
        _pages.Add(new ArraySegment<AggregateBarModel>(ordered, 0, keep));
        Count += keep;
        Oldest = ordered[0].T;
        return keep;
    }

    /// <summary>The most recent <paramref name="wanted"/> bars, oldest first.</summary>
    public IReadOnlyList<AggregateBarModel> ToList(int wanted)
    {
        if (_merged is not null)
            return Last([.. _merged.Values], wanted);
        if (_pages.Count == 1 && _pages[0].Count == _pages[0].Array!.Length)
            return Last(_pages[0].Array!, wanted);
        var all = new AggregateBarModel[Count];
        var at = 0;
        for (var i = _pages.Count - 1; i >= 0; i--)
        {
            _pages[i].CopyTo(all, at);
            at += _pages[i].Count;
        }
        return Last(all, wanted);
    }

    private static AggregateBarModel[] Last(AggregateBarModel[] bars, int wanted) => bars.Length > wanted ? bars[^wanted..] : bars;

    /// <summary>A page earlier pages overlap: from here on, a dictionary by time keeps the first bar seen for each time.</summary>
    private int AddMerged(AggregateBarModel[] ordered)
    {
        if (_merged is null)
        {
            _merged = [];
            foreach (var page in _pages)
            {
                foreach (var bar in page)
                    _merged.TryAdd(bar.T, bar);
            }
            _pages.Clear();
        }
        var added = 0;
        foreach (var bar in ordered)
        {
            if (_merged.TryAdd(bar.T, bar))
                added++;
        }
        Count = _merged.Count;
        Oldest = _merged.Keys.First();
        return added;
    }

    /// <summary>
    /// The page oldest first, each time once (the first bar the page gives for it). Newest first is reversed in place:
    /// the page is this read's own, never the caller's.
    /// </summary>
    private static AggregateBarModel[] InOrder(IReadOnlyList<AggregateBarModel> page)
    {
        var bars = page as AggregateBarModel[] ?? [.. page];
        if (IsStrictly(bars, descending: true))
        {
            Array.Reverse(bars);
            return bars;
        }
        if (IsStrictly(bars, descending: false))
            return bars;
        // Out of order or with repeats: a stable sort keeps the page's first bar of each time first.
        var sorted = bars.Select((bar, index) => (bar, index)).OrderBy(b => b.bar.T).ThenBy(b => b.index).Select(b => b.bar).ToList();
        var unique = new List<AggregateBarModel>(sorted.Count);
        foreach (var bar in sorted)
        {
            if (unique.Count == 0 || unique[^1].T != bar.T)
                unique.Add(bar);
        }
        return [.. unique];
    }

    private static bool IsStrictly(AggregateBarModel[] bars, bool descending)
    {
        for (var i = 1; i < bars.Length; i++)
        {
            var order = bars[i].T.CompareTo(bars[i - 1].T);
            if (descending ? order >= 0 : order <= 0)
                return false;
        }
        return true;
    }
}
