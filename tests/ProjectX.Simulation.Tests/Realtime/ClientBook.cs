using System.Text.Json;
using ProjectX.Simulation.Realtime;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>A client's Level-2 book rebuilt from GatewayDepth rows with the DomType rules of spec §8.3.</summary>
internal sealed class ClientBook
{
    private readonly SortedDictionary<decimal, long> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, long> _asks = new();

    public int Resets { get; private set; }
    public int Removals { get; private set; }
    public int Updates { get; private set; }

    public static ClientBook Replay(IEnumerable<JsonElement> messages)
    {
        var book = new ClientBook();
        foreach (var rows in messages)
        {
            Assert.Equal(JsonValueKind.Array, rows.ValueKind);
            foreach (var row in rows.EnumerateArray()) book.Apply(row);
        }
        return book;
    }

    public void Apply(JsonElement row)
    {
        var type = row.GetProperty("type").GetInt32();
        var price = row.GetProperty("price").GetDecimal();
        var volume = row.GetProperty("volume").GetInt64();
        SortedDictionary<decimal, long>? side = type switch
        {
            1 or 3 or 10 => _asks,
            2 or 4 or 9 => _bids,
            _ => null,
        };
        if (type == 6)
        {
            _bids.Clear();
            _asks.Clear();
            Resets++;
            return;
        }
        if (side is null) return;
        if (volume == 0)
        {
            side.Remove(price);
            Removals++;
        }
        else
        {
            side[price] = volume;
            Updates++;
        }
    }

    public bool SameAs(DepthBookSnapshot book) =>
        book.Bids.Select(l => (l.Price, l.Volume)).SequenceEqual(_bids.Select(l => (l.Key, l.Value)))
        && book.Asks.Select(l => (l.Price, l.Volume)).SequenceEqual(_asks.Select(l => (l.Key, l.Value)));

    public int Levels => _bids.Count + _asks.Count;
}
