using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Realtime;

/// <summary>One price level of a Level-2 book.</summary>
public sealed record DepthLevel(decimal Price, long Volume);

/// <summary>A Level-2 book at one instant: bids best (highest) first, asks best (lowest) first.</summary>
public sealed record DepthBookSnapshot(string ContractId, IReadOnlyList<DepthLevel> Bids, IReadOnlyList<DepthLevel> Asks)
{
    public static DepthBookSnapshot Empty(string contractId) => new(contractId, [], []);
}

/// <summary>
/// The simulator's own Level-2 book for one contract, and the GatewayDepth rows that move a client's copy of it:
/// Reset (6) then every level on subscribe; afterwards per-level rows (Bid/Ask, BestBid/BestAsk for the touch,
/// NewBestBid/NewBestAsk when the touch moved; volume 0 removes a level). Not thread-safe (the server's lock).
/// </summary>
internal sealed class DepthBook(string contractId)
{
    private readonly SortedDictionary<decimal, long> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, long> _asks = new();

    public bool IsEmpty => _bids.Count == 0 && _asks.Count == 0;

    /// <summary>Replaces the book with <paramref name="target"/> (no rows: a new subscriber gets <see cref="SnapshotRows"/>).</summary>
    public void Reset(DepthTarget target)
    {
        _bids.Clear();
        _asks.Clear();
        foreach (var level in target.Bids) _bids[level.Price] = level.Volume;
        foreach (var level in target.Asks) _asks[level.Price] = level.Volume;
    }

    /// <summary>The whole book as GatewayDepth rows: Reset (6), then every level (the touch as BestBid/BestAsk).</summary>
    public GatewayDepthModel[] SnapshotRows(DateTimeOffset now)
    {
        var rows = new List<GatewayDepthModel>(1 + _bids.Count + _asks.Count) { Row(now, DomType.Reset, 0m, 0) };
        var bestBid = BestBid;
        var bestAsk = BestAsk;
        foreach (var (price, volume) in _bids) rows.Add(Row(now, price == bestBid ? DomType.BestBid : DomType.Bid, price, volume));
        foreach (var (price, volume) in _asks) rows.Add(Row(now, price == bestAsk ? DomType.BestAsk : DomType.Ask, price, volume));
        return [.. rows];
    }

    /// <summary>Moves the book to <paramref name="target"/> and returns the rows of the difference (removals first).</summary>
    public List<GatewayDepthModel> MoveTo(DepthTarget target, DateTimeOffset now)
    {
        var rows = new List<GatewayDepthModel>();
        var (oldBestBid, oldBestAsk) = (BestBid, BestAsk);
        Remove(_bids, target.Bids, DomType.Bid, now, rows);
        Remove(_asks, target.Asks, DomType.Ask, now, rows);
        var newBestBid = target.Bids.Count > 0 ? target.Bids[0].Price : (decimal?)null;
        var newBestAsk = target.Asks.Count > 0 ? target.Asks[0].Price : (decimal?)null;
        Update(_bids, target.Bids, newBestBid, newBestBid != oldBestBid ? DomType.NewBestBid : DomType.BestBid, DomType.Bid, now, rows);
        Update(_asks, target.Asks, newBestAsk, newBestAsk != oldBestAsk ? DomType.NewBestAsk : DomType.BestAsk, DomType.Ask, now, rows);
        return rows;
    }

    /// <summary>Load mode: changes the volume of one existing level (chosen by <paramref name="sequence"/>) and returns its row.</summary>
    public GatewayDepthModel? Churn(long sequence, DateTimeOffset now)
    {
        var bid = (sequence & 1) == 0;
        var side = bid ? _bids : _asks;
        if (side.Count == 0) return null;
        var index = (int)((ulong)(sequence >> 1) % (ulong)side.Count);
        var (price, volume) = side.ElementAt(index);
        var next = DepthTarget.VolumeFor(Market.Paths.Seeds.Mix((ulong)sequence), index);
        if (next == volume) next++;
        side[price] = next;
        var type = index == 0 ? (bid ? DomType.BestBid : DomType.BestAsk) : bid ? DomType.Bid : DomType.Ask;
        return Row(now, type, price, next);
    }

    public DepthBookSnapshot Snapshot() =>
        new(contractId, [.. _bids.Select(l => new DepthLevel(l.Key, l.Value))], [.. _asks.Select(l => new DepthLevel(l.Key, l.Value))]);

    private decimal? BestBid => _bids.Count > 0 ? _bids.First().Key : null;
    private decimal? BestAsk => _asks.Count > 0 ? _asks.First().Key : null;

    private static void Remove(SortedDictionary<decimal, long> side, IReadOnlyList<DepthLevel> target, DomType type, DateTimeOffset now, List<GatewayDepthModel> rows)
    {
        List<decimal>? gone = null;
        foreach (var price in side.Keys)
        {
            if (!Contains(target, price)) (gone ??= []).Add(price);
        }
        if (gone is null) return;
        foreach (var price in gone)
        {
            side.Remove(price);
            rows.Add(Row(now, type, price, 0));
        }
    }

    private static void Update(SortedDictionary<decimal, long> side, IReadOnlyList<DepthLevel> target, decimal? best, DomType bestType, DomType type,
        DateTimeOffset now, List<GatewayDepthModel> rows)
    {
        foreach (var level in target)
        {
            var isBest = level.Price == best;
            // The touch is re-announced whenever it moved, even if its volume happens to be the same.
            if (side.TryGetValue(level.Price, out var volume) && volume == level.Volume && !(isBest && bestType is DomType.NewBestBid or DomType.NewBestAsk))
                continue;
            side[level.Price] = level.Volume;
            rows.Add(Row(now, isBest ? bestType : type, level.Price, level.Volume));
        }
    }

    private static bool Contains(IReadOnlyList<DepthLevel> levels, decimal price)
    {
        foreach (var level in levels)
        {
            if (level.Price == price) return true;
        }
        return false;
    }

    // volume and currentVolume differ only in undocumented ways (spec §8.3); both carry the resting size here.
    private static GatewayDepthModel Row(DateTimeOffset now, DomType type, decimal price, long volume) =>
        new() { Timestamp = now, Type = type, Price = price, Volume = volume, CurrentVolume = volume };
}

/// <summary>
/// Where the book should be at an instant: <c>levels</c> prices each side from the touch of the market path, with
/// deterministic volumes (a function of seed, contract, price and time) that change every volume interval,
/// each level on its own phase so the book churns steadily rather than all at once.
/// </summary>
internal sealed record DepthTarget(IReadOnlyList<DepthLevel> Bids, IReadOnlyList<DepthLevel> Asks)
{
    public static DepthTarget At(ulong key, decimal tickSize, decimal bid, decimal ask, int levels, TimeSpan volumeInterval, DateTimeOffset now)
    {
        var intervalMs = Math.Max(1L, (long)volumeInterval.TotalMilliseconds);
        var nowMs = now.ToUnixTimeMilliseconds();
        var bids = new DepthLevel[levels];
        var asks = new DepthLevel[levels];
        for (var i = 0; i < levels; i++)
        {
            bids[i] = Level(bid - (i * tickSize), i);
            asks[i] = Level(ask + (i * tickSize), i);
        }
        return new DepthTarget(bids, asks);

        DepthLevel Level(decimal price, int distance)
        {
            var ticks = (ulong)(long)Math.Round(price / tickSize);
            var phase = (long)(Market.Paths.Seeds.Mix(key ^ ticks) % (ulong)intervalMs);
            var bucket = (ulong)((nowMs + phase) / intervalMs);
            return new DepthLevel(price, VolumeFor(Market.Paths.Seeds.Mix(key ^ Market.Paths.Seeds.Mix(ticks ^ Market.Paths.Seeds.Mix(bucket))), distance));
        }
    }

    /// <summary>Resting size: thin at the touch, deeper further out (1..10 at the touch, up to 5 more per level).</summary>
    public static long VolumeFor(ulong hash, int distance) => 1 + (long)(hash % (ulong)(10 + (5 * distance)));
}
