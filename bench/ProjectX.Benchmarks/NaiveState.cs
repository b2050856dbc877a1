using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Benchmarks;

// The comparison points: how live state is commonly written without care for the hot path (dictionaries and
// LINQ per message, a new object per update). Same inputs, same results as the real components.

/// <summary>A book as two dictionaries; the touch found with LINQ after every message.</summary>
public sealed class NaiveOrderBook
{
    private readonly Dictionary<decimal, long> _bids = [];
    private readonly Dictionary<decimal, long> _asks = [];
    public decimal BestBid { get; private set; }
    public decimal BestAsk { get; private set; }

    public void OnDepth(DepthEvent e)
    {
        foreach (var row in e.Rows)
        {
            var side = row.Type is DomType.Bid or DomType.BestBid or DomType.NewBestBid ? _bids : _asks;
            if (row.Type == DomType.Reset) { _bids.Clear(); _asks.Clear(); continue; }
            if (row.Volume == 0) side.Remove(row.Price); else side[row.Price] = row.Volume;
        }
        BestBid = _bids.Count > 0 ? _bids.Keys.Max() : 0;
        BestAsk = _asks.Count > 0 ? _asks.Keys.Min() : 0;
    }
}

/// <summary>Bars as objects in a dictionary per timeframe, keyed by start time; one bar object per period.</summary>
public sealed class NaiveBars(IReadOnlyList<Timeframe> timeframes)
{
    private sealed class MutableBar { public decimal O, H, L, C; public long V; }
    private readonly Dictionary<Timeframe, Dictionary<DateTimeOffset, MutableBar>> _bars = timeframes.ToDictionary(t => t, _ => new Dictionary<DateTimeOffset, MutableBar>());

    public void OnMarketTrade(MarketTradeEvent e)
    {
        foreach (var t in e.Trades)
        {
            foreach (var (tf, bars) in _bars)
            {
                var start = tf.Floor(t.Timestamp);
                if (!bars.TryGetValue(start, out var bar))
                    bars[start] = bar = new MutableBar { O = t.Price, H = t.Price, L = t.Price };
                bar.H = Math.Max(bar.H, t.Price);
                bar.L = Math.Min(bar.L, t.Price);
                bar.C = t.Price;
                bar.V += t.Volume;
                if (bars.Count > 1000)
                    bars.Remove(bars.Keys.Min());
            }
        }
    }
}

/// <summary>Quotes as immutable records merged with <c>with</c> (a new object per update).</summary>
public sealed class NaiveQuoteBook
{
    public sealed record QuoteRecord(decimal? Bid, decimal? Ask, decimal? Last, long? Volume, decimal? Open, decimal? High, decimal? Low, decimal? Change, DateTimeOffset? Timestamp);
    private readonly Dictionary<string, QuoteRecord> _quotes = [];

    public void Apply(QuoteEvent e)
    {
        var q = e.Quote;
        _quotes.TryGetValue(e.ContractId, out var old);
        old ??= new QuoteRecord(null, null, null, null, null, null, null, null, null);
        _quotes[e.ContractId] = old with
        {
            Bid = q.BestBid ?? old.Bid, Ask = q.BestAsk ?? old.Ask, Last = q.LastPrice ?? old.Last, Volume = q.Volume ?? old.Volume,
            Open = q.Open ?? old.Open, High = q.High ?? old.High, Low = q.Low ?? old.Low, Change = q.Change ?? old.Change, Timestamp = q.Timestamp ?? old.Timestamp,
        };
    }
}
