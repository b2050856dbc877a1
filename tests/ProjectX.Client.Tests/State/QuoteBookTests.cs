using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.State;

public class QuoteBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private const string Mnq = "CON.F.US.MNQ.Z26";

    [Fact]
    public void Sparse_updates_merge_into_a_full_quote()
    {
        var book = new QuoteBook();
        book.Apply(new QuoteEvent(Mnq, new GatewayQuoteModel
        {
            Symbol = "F.US.MNQ", LastPrice = 21000.25m, BestBid = 21000m, BestAsk = 21000.25m, Volume = 100,
            Open = 20900m, High = 21010m, Low = 20880m, Change = 100.25m, ChangePercent = 0.48m, Timestamp = T0,
        }, T0));
        var merged = book.Apply(Mnq, new GatewayQuoteModel { BestBid = 21000.25m, BestAsk = 21000.5m }, T0.AddSeconds(1));

        Assert.Equal(21000.25m, merged.BestBid);
        Assert.Equal(21000.5m, merged.BestAsk);
        Assert.Equal(21000.25m, merged.LastPrice); // kept
        Assert.Equal(100, merged.Volume);
        Assert.Equal(20900m, merged.Open);
        Assert.Equal(21010m, merged.High);
        Assert.Equal(20880m, merged.Low);
        Assert.Equal(100.25m, merged.Change);
        Assert.Equal("F.US.MNQ", merged.SymbolId);
        Assert.Equal(T0, merged.Timestamp);
        Assert.Equal(T0.AddSeconds(1), merged.ReceivedAt);
        Assert.Equal(2, merged.UpdateCount);
        Assert.Equal(0.25m, merged.Spread);
        Assert.Equal(21000.375m, merged.Mid);
        Assert.Equal(merged, book[Mnq]);
    }

    [Fact]
    public void Contracts_are_kept_apart_and_unknown_ones_are_null()
    {
        var book = new QuoteBook();
        book.Apply(Mnq, new GatewayQuoteModel { LastPrice = 1m }, T0);
        book.Apply("CON.F.US.EP.Z26", new GatewayQuoteModel { LastPrice = 2m }, T0);
        Assert.Equal(1m, book[Mnq]!.Value.LastPrice);
        Assert.Equal(2m, book["CON.F.US.EP.Z26"]!.Value.LastPrice);
        Assert.Null(book["CON.F.US.ENQ.Z26"]);
        Assert.Equal(2, book.Count);
        Assert.True(book.Remove(Mnq));
        Assert.Null(book[Mnq]);
    }

    [Fact]
    public void Updated_carries_the_merged_quote()
    {
        var book = new QuoteBook();
        var seen = new List<Quote>();
        book.Updated += (_, q) => seen.Add(q);
        book.Apply(Mnq, new GatewayQuoteModel { BestBid = 10m }, T0);
        book.Apply(Mnq, new GatewayQuoteModel { BestAsk = 11m }, T0);
        Assert.Equal(2, seen.Count);
        Assert.Equal(10m, seen[1].BestBid);
        Assert.Equal(11m, seen[1].BestAsk);
        Assert.Null(seen[0].BestAsk);
    }

    [Fact]
    public void Merging_an_update_allocates_nothing()
    {
        var book = new QuoteBook();
        var update = new GatewayQuoteModel { BestBid = 10m, LastPrice = 10.25m, Volume = 5 };
        book.Apply(Mnq, update, T0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
            book.Apply(Mnq, update, T0);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(10_001, book[Mnq]!.Value.UpdateCount);
    }
}
