using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.State;

namespace ProjectX.Client.Journal;

/// <summary>
/// Records MAE/MFE while the live engine runs: from the moment a position opens until it is flat (or reverses), the
/// lowest and highest price the quotes showed (last price, else the bid/ask mid). Finished ranges wait in
/// <see cref="TakeFinished"/> until written to a journal (<see cref="FlushAsync"/>), where the round trip they overlap
/// takes them as <see cref="ExcursionSource.Quotes"/>. Quotes arrive only for watched instruments
/// (<see cref="LiveAccount.WatchAsync"/>). Thread-safe; dispose to stop listening.
/// </summary>
public sealed class ExcursionRecorder : IDisposable
{
    private readonly LiveAccount _live;
    private readonly TimeProvider _time;
    private readonly object _sync = new();
    private readonly Dictionary<string, Window> _open = new(StringComparer.Ordinal);
    private readonly List<PriceExcursion> _finished = [];

    public ExcursionRecorder(LiveAccount live, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        _live = live;
        _time = time ?? TimeProvider.System;
        foreach (var position in live.Positions.Snapshot().Select(s => s.Position))
            OnPosition(position);
        live.PositionChanged += OnPositionChanged;
        live.QuoteChanged += OnQuoteChanged;
    }

    public void Dispose()
    {
        _live.PositionChanged -= OnPositionChanged;
        _live.QuoteChanged -= OnQuoteChanged;
    }

    /// <summary>Ranges of closed positions waiting for <see cref="TakeFinished"/> or <see cref="FlushAsync"/>.</summary>
    public int PendingCount
    {
        get
        {
            lock (_sync) return _finished.Count;
        }
    }

    /// <summary>The ranges of positions that have closed since the last call.</summary>
    public IReadOnlyList<PriceExcursion> TakeFinished()
    {
        lock (_sync)
        {
            var taken = _finished.ToList();
            _finished.Clear();
            return taken;
        }
    }

    /// <summary>Writes the finished ranges to <paramref name="journal"/>.</summary>
    public async Task FlushAsync(TradeJournal journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var taken = TakeFinished();
        if (taken.Count > 0)
            await journal.AddExcursionsAsync(taken, cancellationToken).ConfigureAwait(false);
    }

    private void OnPositionChanged(object? sender, LiveChange<PositionModel> change) => OnPosition(change.Item);

    private void OnPosition(PositionModel position)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            if (_open.TryGetValue(position.ContractId, out var window) && (position.Size == 0 || position.Type != window.Type))
            {
                _open.Remove(position.ContractId);
                if (window.Low is { } low && window.High is { } high)
                    _finished.Add(new PriceExcursion(position.AccountId, position.ContractId, window.From, now, low, high, ExcursionSource.Quotes));
                window = null;
            }
            if (position.Size > 0 && window is null)
            {
                var opened = new Window(position.Type, position.CreationTimestamp == default ? now : position.CreationTimestamp);
                // The position's own price is one the market traded at.
                opened.See(position.AveragePrice);
                _open[position.ContractId] = opened;
            }
        }
    }

    private void OnQuoteChanged(object? sender, MarketChange<Quote> change)
    {
        var quote = change.Data;
        if ((quote.LastPrice ?? quote.Mid) is not { } price)
            return;
        lock (_sync)
        {
            if (_open.TryGetValue(quote.ContractId, out var window))
                window.See(price);
        }
    }

    private sealed class Window(PositionType type, DateTimeOffset from)
    {
        public PositionType Type { get; } = type;
        public DateTimeOffset From { get; } = from;
        public decimal? Low { get; private set; }
        public decimal? High { get; private set; }

        public void See(decimal price)
        {
            if (Low is not { } low || price < low) Low = price;
            if (High is not { } high || price > high) High = price;
        }
    }
}
