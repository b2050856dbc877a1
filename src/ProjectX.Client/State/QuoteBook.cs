using System.Runtime.InteropServices;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.State;

/// <summary>
/// Sparse GatewayQuote updates merged into one full <see cref="Quote"/> per contract (a null member keeps the
/// previous value). Thread-safe; applying an update allocates nothing. <see cref="Updated"/> is raised after the
/// merge, outside the lock, with the merged quote.
/// </summary>
public sealed class QuoteBook
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Quote> _quotes = new(StringComparer.Ordinal);

    /// <summary>The merged quote after each update.</summary>
    public event EventHandler<Quote>? Updated;

    public int Count { get { lock (_gate) return _quotes.Count; } }

    public IReadOnlyCollection<string> ContractIds { get { lock (_gate) return [.. _quotes.Keys]; } }

    public bool TryGet(string contractId, out Quote quote)
    {
        lock (_gate)
            return _quotes.TryGetValue(contractId, out quote);
    }

    /// <summary>The merged quote of <paramref name="contractId"/>, or null when none arrived yet.</summary>
    public Quote? this[string contractId] => TryGet(contractId, out var q) ? q : null;

    public void Apply(QuoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Apply(e.ContractId, e.Quote, e.ReceivedAt);
    }

    public Quote Apply(string contractId, GatewayQuoteModel update, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(update);
        Quote merged;
        lock (_gate)
        {
            ref var q = ref CollectionsMarshal.GetValueRefOrAddDefault(_quotes, contractId, out _);
            merged = new Quote(
                contractId,
                update.Symbol ?? q.SymbolId,
                update.BestBid ?? q.BestBid,
                update.BestAsk ?? q.BestAsk,
                update.LastPrice ?? q.LastPrice,
                update.Volume ?? q.Volume,
                update.Open ?? q.Open,
                update.High ?? q.High,
                update.Low ?? q.Low,
                update.Change ?? q.Change,
                update.ChangePercent ?? q.ChangePercent,
                update.Timestamp ?? q.Timestamp,
                update.LastUpdated ?? q.LastUpdated,
                receivedAt,
                q.UpdateCount + 1);
            q = merged;
        }
        Updated?.Invoke(this, merged);
        return merged;
    }

    /// <summary>Forgets a contract (e.g. after unsubscribing).</summary>
    public bool Remove(string contractId)
    {
        lock (_gate)
            return _quotes.Remove(contractId);
    }

    public IReadOnlyList<Quote> Snapshot()
    {
        lock (_gate)
            return [.. _quotes.Values];
    }
}
