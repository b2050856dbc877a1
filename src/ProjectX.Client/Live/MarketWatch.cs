using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ProjectX.Client.Continuous;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Live;

/// <summary>
/// The market half of the live engine: the symbols it watches (added and removed while it runs), their quotes, order
/// books and bars, and the repairs a gap needs (bars re-read over REST, depth re-subscribed). Watching resolves the
/// contract and reads bar history on the caller's task; the event path only reads what is already here.
/// </summary>
internal sealed class MarketWatch : IAsyncDisposable
{
    /// <summary>How long after a period's end its bar is re-read (late prints settle on the server).</summary>
    private static readonly TimeSpan BackfillSettle = TimeSpan.FromSeconds(2);

    /// <summary>How long a repair waits for the market hub to come back before it repairs what it can.</summary>
    private static readonly TimeSpan ResumeWait = TimeSpan.FromMinutes(1);

    private readonly ProjectXClient _client;
    private readonly ProjectXRealtime _realtime;
    private readonly ContractDirectory _contracts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _lifetime;
    private readonly Action<LiveInstrument, BarClosedEventArgs> _onBarClosed;
    private readonly ConcurrentDictionary<string, LiveInstrument> _byContract = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly List<Task> _repairs = [];
    private TaskCompletionSource _marketBack = NewSignal(); // completed when the market hub next reports Connected
    private long _backfills;

    public MarketWatch(ProjectXClient client, ProjectXRealtime realtime, ContractDirectory contracts,
        TimeProvider time, ILogger logger, CancellationToken lifetime, Action<LiveInstrument, BarClosedEventArgs> onBarClosed)
    {
        _client = client;
        _realtime = realtime;
        _contracts = contracts;
        _time = time;
        _logger = logger;
        _lifetime = lifetime;
        _onBarClosed = onBarClosed;
    }

    public QuoteBook Quotes { get; } = new();

    public IReadOnlyCollection<LiveInstrument> All => [.. _byContract.Values.OrderBy(i => i.Symbol, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Completed bar repairs over REST after gaps.</summary>
    public long BarBackfillCount => Interlocked.Read(ref _backfills);

    /// <summary>The watched instrument, by contract id or by the symbol it was watched as (case-insensitive).</summary>
    public LiveInstrument? Find(string symbolOrContractId) =>
        _byContract.TryGetValue(symbolOrContractId, out var byId) ? byId
        : _byContract.Values.FirstOrDefault(i => string.Equals(i.Symbol, symbolOrContractId, StringComparison.OrdinalIgnoreCase));

    public async Task<LiveInstrument> WatchAsync(string symbol, WatchOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        options.Validate();
        var contract = await _client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        _contracts.Remember(contract);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var instrument = _byContract.GetOrAdd(contract.Id, _ => new LiveInstrument(symbol.Trim(), contract));
            var bars = options.Timeframes.Count > 0;
            if ((options.Quotes || bars) && !instrument.HasQuotes)
            {
                await _realtime.SubscribeQuotesAsync(contract.Id, cancellationToken).ConfigureAwait(false);
                instrument.HasQuotes = true;
            }
            if ((options.Trades || bars) && !instrument.HasTrades)
            {
                await _realtime.SubscribeMarketTradesAsync(contract.Id, cancellationToken).ConfigureAwait(false);
                instrument.HasTrades = true;
            }
            if (options.Depth && instrument.OrderBook is null)
            {
                // The book exists before the subscription, so the server's first rows (a reset and the levels) land in it.
                instrument.OrderBook = new OrderBook(contract.Id, options.OrderBook);
                try
                {
                    await _realtime.SubscribeDepthAsync(contract.Id, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    instrument.OrderBook = null;
                    throw;
                }
            }
            if (bars && !options.Timeframes.All(instrument.Timeframes.Contains))
                await StartBarsAsync(instrument, options, cancellationToken).ConfigureAwait(false);
            return instrument;
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<bool> UnwatchAsync(string symbolOrContractId, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(symbolOrContractId) is not { } instrument || !_byContract.TryRemove(instrument.ContractId, out _))
                return false;
            if (instrument.HasQuotes)
                await _realtime.UnsubscribeQuotesAsync(instrument.ContractId, cancellationToken).ConfigureAwait(false);
            if (instrument.HasTrades)
                await _realtime.UnsubscribeMarketTradesAsync(instrument.ContractId, cancellationToken).ConfigureAwait(false);
            if (instrument.OrderBook is not null)
                await _realtime.UnsubscribeDepthAsync(instrument.ContractId, cancellationToken).ConfigureAwait(false);
            instrument.Bars?.Dispose();
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops building bars for a watched symbol; its quotes, prints and book stay. False when it had none.</summary>
    public async Task<bool> StopBarsAsync(string symbolOrContractId, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(symbolOrContractId) is not { Bars: { } bars } instrument)
                return false;
            instrument.Bars = null;
            instrument.HistoryBars = 0;
            bars.Dispose();
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    // ---- the event path ----

    public Quote OnQuote(QuoteEvent e)
    {
        var merged = Quotes.Apply(e.ContractId, e.Quote, e.ReceivedAt);
        if (_byContract.TryGetValue(e.ContractId, out var instrument))
            instrument.Bars?.OnQuote(merged);
        return merged;
    }

    public LiveInstrument? OnMarketTrades(MarketTradeEvent e)
    {
        if (!_byContract.TryGetValue(e.ContractId, out var instrument))
            return null;
        instrument.Bars?.OnMarketTrade(e);
        instrument.OrderBook?.OnMarketTrade(e);
        return instrument;
    }

    public LiveInstrument? OnDepth(DepthEvent e)
    {
        if (!_byContract.TryGetValue(e.ContractId, out var instrument) || instrument.OrderBook is not { } book)
            return null;
        book.OnDepth(e);
        return instrument;
    }

    /// <summary>
    /// Market prints lost in a gap are gone from the hub: closed bars are re-read over REST, and after an overflow each
    /// book is cleared and its depth re-subscribed so the server sends it whole. (A reconnect replays the depth
    /// subscriptions by itself.)
    /// </summary>
    public void OnGap(GapEvent gap)
    {
        if (gap.Hub == HubKind.User)
            return;
        if (_byContract.Values.Any(i => i.Bars is not null && i.HistoryBars > 0))
        {
            // After a reconnect the feed comes back only once the subscriptions are replayed, which the hub reports as
            // Connected after this gap: the repair waits for that, so the period in which the feed resumed is repaired too.
            var resumed = gap.Reason == GapReason.Reconnect ? _marketBack.Task : Task.CompletedTask;
            StartRepair(() => BackfillBarsAsync(resumed, _lifetime), countsAsBackfill: true);
        }
        if (gap.Reason != GapReason.Overflow)
            return;
        foreach (var instrument in _byContract.Values.Where(i => i.OrderBook is not null))
        {
            instrument.OrderBook!.Clear();
            StartRepair(() => _realtime.RenewDepthAsync(instrument.ContractId, _lifetime), countsAsBackfill: false);
        }
    }

    /// <summary>The market hub is connected again (its subscriptions replayed). Called on the engine's task, after the gap.</summary>
    public void OnMarketConnected()
    {
        var back = _marketBack;
        _marketBack = NewSignal();
        back.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Task[] repairs;
        lock (_repairs)
            repairs = [.. _repairs];
        try
        {
            await Task.WhenAll(repairs).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var instrument in _byContract.Values)
            instrument.Bars?.Dispose();
    }

    private async Task StartBarsAsync(LiveInstrument instrument, WatchOptions options, CancellationToken cancellationToken)
    {
        var frames = instrument.Timeframes.Union(options.Timeframes).ToArray();
        var capacity = Math.Max(options.BarCapacity, options.HistoryBars);
        var calendar = CalendarOf(instrument.Contract);
        var bars = new BarAggregator(instrument.ContractId, frames, new BarAggregatorOptions { Capacity = capacity, CloseDelay = options.BarCloseDelay, TimeProvider = _time, Calendar = calendar });
        bars.BarClosed += (_, e) => _onBarClosed(instrument, e);
        // Attached before the history is read, so no print is missed; Seed keeps what was built live meanwhile.
        var replaced = instrument.Bars;
        instrument.Bars = bars;
        instrument.HistoryBars = Math.Max(instrument.HistoryBars, Math.Min(options.HistoryBars, capacity));
        replaced?.Dispose();
        if (options.HistoryBars <= 0)
            return;
        foreach (var tf in frames)
        {
            // Across a roll the warm-up reads the earlier months too, moved onto this contract's level (difference
            // back-adjustment), so indicators start right after a roll; a product without a roll rule reads its contract,
            // and so does one whose earlier month the gateway does not know (a history floor).
            var request = new BarsRequest
            {
                Contract = instrument.Contract,
                Unit = tf.Unit,
                UnitNumber = tf.Count,
                Count = Math.Min(options.HistoryBars, capacity),
                IncludePartialBar = false,
                Continuous = RollRules.Covers(instrument.Contract.Id),
                Adjustment = BackAdjustment.Difference,
                Session = TradeDateSession(calendar, tf),
            };
            IReadOnlyList<AggregateBarModel> history;
            try
            {
                history = await _client.GetBarsAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectXNotFoundException) when (request.Continuous)
            {
                request.Continuous = false;
                history = await _client.GetBarsAsync(request, cancellationToken).ConfigureAwait(false);
            }
            bars.Seed(tf, history);
        }
    }

    private void StartRepair(Func<Task> repair, bool countsAsBackfill)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await repair().ConfigureAwait(false);
                if (countsAsBackfill)
                    Interlocked.Increment(ref _backfills);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
            }
            catch (ProjectXException e)
            {
                // Best effort: the next gap repairs again.
                LiveLog.RepairFailed(_logger, e);
            }
#pragma warning disable CA1031 // A failed re-subscription is replayed by the next reconnect; it must not end the engine.
            catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.AspNetCore.SignalR.HubException)
#pragma warning restore CA1031
            {
                LiveLog.RepairFailed(_logger, e);
            }
        }, CancellationToken.None);
        lock (_repairs)
        {
            _repairs.RemoveAll(t => t.IsCompleted);
            _repairs.Add(task);
        }
    }

    private async Task BackfillBarsAsync(Task resumed, CancellationToken cancellationToken)
    {
        try
        {
            await resumed.WaitAsync(ResumeWait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still reconnecting: repair what has closed; the next reconnect's gap repairs again.
        }
        var now = _time.GetUtcNow();
        var withBars = _byContract.Values.Where(i => i.Bars is not null && i.HistoryBars > 0).ToList();
        foreach (var instrument in withBars)
        {
            foreach (var tf in instrument.Timeframes)
                await BackfillAsync(instrument, tf, instrument.HistoryBars, cancellationToken).ConfigureAwait(false);
        }
        // The period holding the gap closes later; repair it then, shortest timeframes first.
        foreach (var tf in withBars.SelectMany(i => i.Timeframes).Distinct().OrderBy(t => t.EndOf(t.Floor(now))))
        {
            var due = tf.EndOf(tf.Floor(now)) + BackfillSettle - _time.GetUtcNow();
            if (due > TimeSpan.Zero)
                await Task.Delay(due, _time, cancellationToken).ConfigureAwait(false);
            foreach (var instrument in withBars.Where(i => i.Timeframes.Contains(tf)))
                await BackfillAsync(instrument, tf, 2, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BackfillAsync(LiveInstrument instrument, Timeframe tf, int count, CancellationToken cancellationToken)
    {
        if (instrument.Bars is not { } bars)
            return;
        var history = await _client.GetBarsAsync(new BarsRequest
        {
            Contract = instrument.Contract,
            Unit = tf.Unit,
            UnitNumber = tf.Count,
            Count = count,
            IncludePartialBar = false,
            Session = TradeDateSession(CalendarOf(instrument.Contract), tf),
        }, cancellationToken).ConfigureAwait(false);
        bars.Backfill(tf, history.Select(Bar.From));
    }

    /// <summary>The calendar day/week/month bars of a contract follow, or null (UTC days) for a product it does not cover.</summary>
    private static Sessions.TradingCalendar? CalendarOf(ContractModel contract)
    {
        try
        {
            return Sessions.TradingCalendar.For(contract);
        }
        catch (Sessions.UnknownProductException)
        {
            return null;
        }
    }

    /// <summary>History for a trade-date timeframe is built on the trade date too (the gateway's day bars are UTC), so live and history agree.</summary>
    private static Sessions.BarSession? TradeDateSession(Sessions.TradingCalendar? calendar, Timeframe tf) =>
        calendar is not null && Sessions.TradeDateBars.IsTradeDateUnit(tf.Unit) ? Sessions.BarSession.Eth : null;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
