using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Realtime;

/// <summary>
/// Reads what the feed publishes from the market path: full quotes (as GetSnapshot and History/retrieveBars see the
/// day) and the trade prints of each second, so everything on the hub agrees with REST.
/// </summary>
internal static class MarketSource
{
    public static GatewayQuoteModel FullQuote(IMarketData market, ContractSpec spec, DateTimeOffset now, GatewayQuoteModel? previous)
    {
        var snapshot = market.GetSnapshot(spec.ContractId, now);
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var bars = market.RetrieveBars(new RetrieveBarRequest
        {
            ContractId = spec.ContractId,
            StartTime = dayStart.AddDays(-7),
            EndTime = now.AddSeconds(1),
            Unit = AggregateBarUnit.Day,
            UnitNumber = 1,
            Limit = 2,
            IncludePartialBar = true,
        }, now).Bars ?? [];
        var today = bars.FirstOrDefault(b => b.T == dayStart);
        var before = bars.FirstOrDefault(b => b.T < dayStart);
        var last = snapshot.Last;
        var reference = before?.C ?? today?.O ?? last;
        var change = last - reference;
        var quote = new GatewayQuoteModel
        {
            Symbol = spec.SymbolId,
            SymbolName = "/" + spec.Root,
            LastPrice = last,
            BestBid = snapshot.Bid,
            BestAsk = snapshot.Ask,
            Change = change,
            ChangePercent = reference == 0 ? 0 : Math.Round(change / reference * 100m, 4),
            Open = today?.O ?? last,
            High = Math.Max(today?.H ?? last, last),
            Low = Math.Min(today?.L ?? last, last),
            Volume = snapshot.VolumeToday,
            Timestamp = now,
        };
        var changed = previous is null || !QuoteDiff.SameValues(previous, quote);
        return With(quote, lastUpdated: changed ? now : previous!.LastUpdated);
    }

    /// <summary>
    /// The prints with a timestamp in (<paramref name="from"/>, <paramref name="to"/>]: second s with n prints has
    /// them at s + i/n, the first exactly at the second's start (when the path makes the second visible).
    /// </summary>
    public static List<GatewayTradeModel> Prints(IMarketData market, ContractFeed feed, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = new List<GatewayTradeModel>();
        if (to <= from) return rows;
        var first = FloorSecond(from);
        var last = FloorSecond(to);
        for (var second = first; second <= last; second++)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(second);
            var prints = PrintsOf(market, feed.Spec.ContractId, start);
            for (var i = 0; i < prints.Count; i++)
            {
                var at = start.AddTicks(i * TimeSpan.TicksPerSecond / prints.Count);
                if (at <= from || at > to) continue;
                var (price, volume) = prints[i];
                // Aggressor by tick rule: an uptick lifted the offer, a downtick hit the bid, unchanged keeps the side.
                var side = feed.LastPrintPrice is not { } previous ? TradeLogType.Buy
                    : price > previous ? TradeLogType.Buy
                    : price < previous ? TradeLogType.Sell
                    : feed.LastAggressor;
                feed.LastPrintPrice = price;
                feed.LastAggressor = side;
                rows.Add(new GatewayTradeModel { SymbolId = feed.Spec.SymbolId, Price = price, Timestamp = at, Type = side, Volume = volume });
            }
        }
        return rows;
    }

    private static IReadOnlyList<(decimal Price, long Volume)> PrintsOf(IMarketData market, string contractId, DateTimeOffset second)
    {
        if (second < SimulatedMarket.FirstSecond || second >= SimulatedMarket.EndOfData) return [];
        if (market is SimulatedMarket simulated) return simulated.GetPrints(contractId, second);
        // Other markets (scripted ones in tests) only know OHLCV: print open, high, low, close.
        foreach (var bar in market.GetSeconds(contractId, second.AddSeconds(-1), second))
        {
            if (bar.Volume <= 0) return [];
            if (bar.Volume < 4) return [(bar.Close, bar.Volume)];
            var quarter = bar.Volume / 4;
            return [(bar.Open, quarter), (bar.High, quarter), (bar.Low, quarter), (bar.Close, bar.Volume - (3 * quarter))];
        }
        return [];
    }

    private static long FloorSecond(DateTimeOffset t)
    {
        var ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var second = ticks / TimeSpan.TicksPerSecond;
        return ticks % TimeSpan.TicksPerSecond < 0 ? second - 1 : second;
    }

    private static GatewayQuoteModel With(GatewayQuoteModel q, DateTimeOffset? lastUpdated) => new()
    {
        Symbol = q.Symbol, SymbolName = q.SymbolName, LastPrice = q.LastPrice, BestBid = q.BestBid, BestAsk = q.BestAsk,
        Change = q.Change, ChangePercent = q.ChangePercent, Open = q.Open, High = q.High, Low = q.Low, Volume = q.Volume,
        LastUpdated = lastUpdated, Timestamp = q.Timestamp,
    };
}

/// <summary>Sparse quotes: after the first full quote a client gets only the members that changed.</summary>
internal static class QuoteDiff
{
    /// <summary>True when every market value (not the timestamps) is equal.</summary>
    public static bool SameValues(GatewayQuoteModel a, GatewayQuoteModel b) =>
        a.LastPrice == b.LastPrice && a.BestBid == b.BestBid && a.BestAsk == b.BestAsk && a.Change == b.Change
        && a.ChangePercent == b.ChangePercent && a.Open == b.Open && a.High == b.High && a.Low == b.Low && a.Volume == b.Volume;

    /// <summary>
    /// What to send a client that holds <paramref name="held"/>: null when no market value changed; otherwise the
    /// changed members plus <c>symbol</c>, <c>lastUpdated</c> and <c>timestamp</c> (which identify and date the update).
    /// </summary>
    public static GatewayQuoteModel? Sparse(GatewayQuoteModel held, GatewayQuoteModel current)
    {
        if (SameValues(held, current)) return null;
        return new GatewayQuoteModel
        {
            Symbol = current.Symbol,
            LastPrice = Changed(held.LastPrice, current.LastPrice),
            BestBid = Changed(held.BestBid, current.BestBid),
            BestAsk = Changed(held.BestAsk, current.BestAsk),
            Change = Changed(held.Change, current.Change),
            ChangePercent = Changed(held.ChangePercent, current.ChangePercent),
            Open = Changed(held.Open, current.Open),
            High = Changed(held.High, current.High),
            Low = Changed(held.Low, current.Low),
            Volume = held.Volume == current.Volume ? null : current.Volume,
            LastUpdated = current.LastUpdated,
            Timestamp = current.Timestamp,
        };
    }

    private static decimal? Changed(decimal? held, decimal? current) => held == current ? null : current;
}
