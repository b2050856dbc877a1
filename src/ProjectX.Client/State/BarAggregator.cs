using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.State;

/// <summary>
/// OHLCV bars of one contract for many timeframes at once, built from market trades (or from the quotes' last
/// price while the contract has printed no trade), aligned to UTC exactly like History/retrieveBars, except day, week
/// and month bars, which follow the CME trade date when <see cref="BarAggregatorOptions.Calendar"/> is set. Quiet periods
/// become empty bars (volume 0, previous close). Each timeframe keeps a bounded ring of closed bars.
/// The tick path allocates nothing: per-timeframe state is a struct array and the rings are preallocated.
/// Thread-safe. <see cref="BarClosed"/> is raised outside the lock, in bar order, on the thread that closed the bars.
/// </summary>
public sealed class BarAggregator : IDisposable
{
    private readonly object _gate = new();
    private readonly Frame[] _frames;
    private readonly BarSeries[] _series;
    private readonly List<(int Frame, Bar Bar)> _closed = [];
    private readonly BarAggregatorOptions _options;
    private readonly long _closeDelayMs;
    private readonly ITimer? _timer;
    private bool _sawTrade;
    private long _lastQuoteVolume = -1;
    private long _lateTrades;

    public BarAggregator(string contractId, IEnumerable<Timeframe> timeframes, BarAggregatorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contractId);
        ArgumentNullException.ThrowIfNull(timeframes);
        _options = options ?? new BarAggregatorOptions();
        ContractId = contractId;
        var distinct = timeframes.Distinct().ToArray();
        if (distinct.Length == 0)
            throw new ArgumentException("Give at least one timeframe.", nameof(timeframes));
        if (distinct.Any(t => t.Count < 1))
            throw new ArgumentException("A timeframe has no unit (default(Timeframe)).", nameof(timeframes));
        Timeframes = distinct;
        _frames = new Frame[distinct.Length];
        _series = new BarSeries[distinct.Length];
        for (int i = 0; i < distinct.Length; i++)
        {
            _frames[i] = new Frame(distinct[i]);
            _series[i] = new BarSeries(distinct[i], _options.Capacity, _gate);
        }
        _closeDelayMs = (long)_options.CloseDelay.TotalMilliseconds;
        if (_options.AutoAdvance)
            _timer = _options.TimeProvider.CreateTimer(static s => ((BarAggregator)s!).AdvanceTo(((BarAggregator)s!)._options.TimeProvider.GetUtcNow()),
                this, _options.AdvanceInterval, _options.AdvanceInterval);
    }

    public string ContractId { get; }
    public IReadOnlyList<Timeframe> Timeframes { get; }

    /// <summary>Prints older than the forming bar of some timeframe (they cannot change a closed bar).</summary>
    public long LateTrades => Interlocked.Read(ref _lateTrades);

    /// <summary>Raised for every bar that closes, empty ones included, oldest first.</summary>
    public event EventHandler<BarClosedEventArgs>? BarClosed;

    /// <summary>The bars of <paramref name="timeframe"/>.</summary>
    /// <exception cref="KeyNotFoundException">The aggregator does not build that timeframe.</exception>
    public BarSeries this[Timeframe timeframe] =>
        TryGetSeries(timeframe, out var s) ? s : throw new KeyNotFoundException($"No {timeframe} bars: this aggregator builds {string.Join(", ", Timeframes)}.");

    public bool TryGetSeries(Timeframe timeframe, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BarSeries? series)
    {
        for (int i = 0; i < _series.Length; i++)
        {
            if (_series[i].Timeframe == timeframe)
            {
                series = _series[i];
                return true;
            }
        }
        series = null;
        return false;
    }

    /// <summary>Applies the prints of a GatewayTrade event (ignored when it is for another contract).</summary>
    public void OnMarketTrade(MarketTradeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.Equals(e.ContractId, ContractId, StringComparison.Ordinal))
            return;
        var trades = e.Trades;
        for (int i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            AddTrade(t.Price, t.Volume, t.Timestamp);
        }
    }

    /// <summary>One print. Allocates nothing unless bars close and <see cref="BarClosed"/> has handlers.</summary>
    public void AddTrade(decimal price, long volume, DateTimeOffset time)
    {
        lock (_gate)
        {
            _sawTrade = true;
            Apply(price, volume, time.ToUnixTimeSeconds());
        }
        RaiseClosed();
    }

    /// <summary>
    /// A merged quote: used for bars only while the contract has printed no trade. Its last price is the tick and the
    /// growth of the cumulative volume is the volume.
    /// </summary>
    public void OnQuote(in Quote quote)
    {
        if (!string.Equals(quote.ContractId, ContractId, StringComparison.Ordinal) || quote.LastPrice is not { } last)
            return;
        var time = quote.Timestamp ?? quote.ReceivedAt;
        lock (_gate)
        {
            if (_sawTrade)
                return;
            long volume = 0;
            if (quote.Volume is { } cumulative)
            {
                if (_lastQuoteVolume >= 0 && cumulative > _lastQuoteVolume)
                    volume = cumulative - _lastQuoteVolume;
                _lastQuoteVolume = cumulative;
            }
            Apply(last, volume, time.ToUnixTimeSeconds());
        }
        RaiseClosed();
    }

    /// <summary>
    /// Closes every bar whose period ended at least <see cref="BarAggregatorOptions.CloseDelay"/> before
    /// <paramref name="now"/>, emitting empty bars for quiet periods, and opens the (empty) current bar.
    /// </summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        long second = (now.ToUnixTimeMilliseconds() - _closeDelayMs) / 1000;
        lock (_gate)
        {
            for (int i = 0; i < _frames.Length; i++)
            {
                ref var f = ref _frames[i];
                if (f.HasBar && second < f.End)
                    continue;
                if (f.HasBar)
                    Close(i, ref f);
                if (f.HasClose && f.LastEnd <= second)
                    OpenAt(i, ref f, second, hasTrade: false, f.LastClose, 0);
            }
        }
        RaiseClosed();
    }

    /// <summary>
    /// Seeds <paramref name="timeframe"/> with history (any order). Only bars older than the first bar built live are
    /// kept, so live data always wins. Bars of other sizes than the timeframe are the caller's mistake and are not checked.
    /// </summary>
    public void Seed(Timeframe timeframe, IEnumerable<AggregateBarModel> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Seed(timeframe, history.Select(Bar.From));
    }

    /// <inheritdoc cref="Seed(Timeframe, IEnumerable{AggregateBarModel})"/>
    public void Seed(Timeframe timeframe, IEnumerable<Bar> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        int index = Array.FindIndex(_frames, f => f.Timeframe == timeframe);
        if (index < 0)
            throw new KeyNotFoundException($"No {timeframe} bars: this aggregator builds {string.Join(", ", Timeframes)}.");
        var sorted = history.OrderBy(b => b.Start).ToList();
        lock (_gate)
        {
            ref var f = ref _frames[index];
            var live = new List<Bar>();
            _series[index].CopyClosedTo(live);
            long firstLive = live.Count > 0 ? live[0].Start.ToUnixTimeSeconds() : f.HasBar ? f.Start : long.MaxValue;
            var merged = new List<Bar>(sorted.Count + live.Count);
            foreach (var bar in sorted)
            {
                if (bar.Start.ToUnixTimeSeconds() < firstLive && (merged.Count == 0 || merged[^1].Start < bar.Start))
                    merged.Add(bar);
            }
            merged.AddRange(live);
            _series[index].ReplaceClosed(merged);
            if (!f.HasBar && merged.Count > 0)
            {
                var last = merged[^1];
                f.HasClose = true;
                f.LastClose = last.Close;
                f.LastEnd = PeriodEnd(last.Start.ToUnixTimeSeconds(), f.Timeframe.Unit, f.Timeframe.Count);
            }
        }
    }

    /// <summary>
    /// Repairs <paramref name="timeframe"/> with CLOSED history bars after a gap in the feed (e.g. a market-hub
    /// reconnect): history is authoritative for its periods, so each history bar replaces the bar held for its period
    /// (an empty bar emitted during the gap, or the forming bar the gap cut short) or is added. Live bars of later
    /// periods stay. Returns how many bars were replaced or added.
    /// </summary>
    public int Backfill(Timeframe timeframe, IEnumerable<Bar> closedHistory)
    {
        ArgumentNullException.ThrowIfNull(closedHistory);
        int index = Array.FindIndex(_frames, f => f.Timeframe == timeframe);
        if (index < 0)
            throw new KeyNotFoundException($"No {timeframe} bars: this aggregator builds {string.Join(", ", Timeframes)}.");
        var incoming = closedHistory.OrderBy(b => b.Start).ToList();
        if (incoming.Count == 0)
            return 0;
        var tf = timeframe;
        lock (_gate)
        {
            ref var f = ref _frames[index];
            var byStart = new SortedDictionary<DateTimeOffset, Bar>();
            var held = new List<Bar>();
            _series[index].CopyClosedTo(held);
            foreach (var bar in held)
                byStart[bar.Start] = bar;
            long lastHistoryStart = incoming[^1].Start.ToUnixTimeSeconds();
            if (f.HasBar && f.Start <= lastHistoryStart)
            {
                // The forming bar's period is over on the server: history (or, if history skipped it, what we have) closes it.
                byStart.TryAdd(DateTimeOffset.FromUnixTimeSeconds(f.Start), f.ToBar());
                f.HasBar = false;
                _series[index].ClearForming();
            }
            int changed = 0;
            foreach (var bar in incoming)
            {
                if (f.HasBar && bar.Start.ToUnixTimeSeconds() >= f.Start)
                    break;
                if (!byStart.TryGetValue(bar.Start, out var old) || old != bar)
                    changed++;
                byStart[bar.Start] = bar;
            }
            _series[index].ReplaceClosed([.. byStart.Values]);
            if (!f.HasBar && byStart.Count > 0)
            {
                var last = byStart.Values.Last();
                f.HasClose = true;
                f.LastClose = last.Close;
                f.LastEnd = Math.Max(f.LastEnd, PeriodEnd(last.Start.ToUnixTimeSeconds(), tf.Unit, tf.Count));
            }
            return changed;
        }
    }

    public void Dispose() => _timer?.Dispose();

    public override string ToString() => $"BarAggregator {ContractId} [{string.Join(", ", Timeframes)}]";

    // ---- under _gate ----

    private void Apply(decimal price, long volume, long second)
    {
        for (int i = 0; i < _frames.Length; i++)
        {
            ref var f = ref _frames[i];
            if (f.HasBar && second >= f.Start && second < f.End)
            {
                f.Add(price, volume);
                _series[i].SetForming(f.ToBar());
                continue;
            }
            if (f.HasBar && second < f.Start)
            {
                Interlocked.Increment(ref _lateTrades);
                continue;
            }
            if (f.HasBar)
                Close(i, ref f);
            else if (f.LastEnd > second)
            {
                Interlocked.Increment(ref _lateTrades); // older than a bar already closed
                continue;
            }
            OpenAt(i, ref f, second, hasTrade: true, price, volume);
        }
    }

    private void Close(int index, ref Frame f)
    {
        var bar = f.ToBar();
        _series[index].AppendClosed(bar);
        _series[index].ClearForming();
        _closed.Add((index, bar));
        f.HasBar = false;
        f.HasClose = true;
        f.LastClose = bar.Close;
        f.LastEnd = f.End;
    }

    /// <summary>Emits empty bars from the last closed bar up to the period of <paramref name="second"/>, then opens that period.</summary>
    private void OpenAt(int index, ref Frame f, long second, bool hasTrade, decimal price, long volume)
    {
        var tf = f.Timeframe;
        long start = PeriodFloor(second, tf.Unit, tf.Count);
        if (f.HasClose && f.LastEnd > 0 && f.LastEnd < start)
        {
            long p = f.LastEnd;
            // A gap longer than the ring: only the newest empty bars could be kept anyway.
            long span = (long)tf.ApproximateLength.TotalSeconds * (_series[index].Capacity + 1);
            if (start - p > span)
            {
                // Trade-date periods cannot be counted back blindly (the calendar's window has a start): skip the empties.
                p = _options.Calendar is not null && TradeDateBars.IsTradeDateUnit(tf.Unit) ? start : PeriodFloor(start - span, tf.Unit, tf.Count);
            }
            while (p < start)
            {
                var empty = new Bar(DateTimeOffset.FromUnixTimeSeconds(p), f.LastClose, f.LastClose, f.LastClose, f.LastClose, 0);
                _series[index].AppendClosed(empty);
                _closed.Add((index, empty));
                p = PeriodEnd(p, tf.Unit, tf.Count);
            }
            f.LastEnd = start;
        }
        f.Begin(start, PeriodEnd(start, tf.Unit, tf.Count), hasTrade, price, volume);
        _series[index].SetForming(f.ToBar());
    }

    /// <summary>The start (Unix seconds) of the bar holding <paramref name="second"/>: on the trade date for day/week/month bars with a calendar, else UTC.</summary>
    private long PeriodFloor(long second, AggregateBarUnit unit, int n) =>
        _options.Calendar is { } calendar && TradeDateBars.IsTradeDateUnit(unit)
            ? TradeDateBars.PeriodAt(calendar, DateTimeOffset.FromUnixTimeSeconds(second), unit, n).Start.ToUnixTimeSeconds()
            : UtcBarCalendar.Floor(second, unit, n);

    /// <summary>The exclusive end (Unix seconds) of the bar that starts at <paramref name="start"/>.</summary>
    private long PeriodEnd(long start, AggregateBarUnit unit, int n) =>
        _options.Calendar is { } calendar && TradeDateBars.IsTradeDateUnit(unit)
            ? TradeDateBars.PeriodAt(calendar, DateTimeOffset.FromUnixTimeSeconds(start), unit, n).End.ToUnixTimeSeconds()
            : UtcBarCalendar.End(start, unit, n);

    private void RaiseClosed()
    {
        // A racy read is fine: a thread that adds a closed bar raises it itself. The common tick closes nothing.
        if (_closed.Count == 0)
            return;
        (int Frame, Bar Bar)[]? batch = null;
        lock (_gate)
        {
            if (_closed.Count > 0)
            {
                if (BarClosed is not null)
                    batch = [.. _closed];
                _closed.Clear();
            }
        }
        if (batch is null)
            return;
        var handler = BarClosed;
        foreach (var (frame, bar) in batch)
            handler?.Invoke(this, new BarClosedEventArgs(ContractId, _frames[frame].Timeframe, bar));
    }

    /// <summary>The forming bar and calendar of one timeframe (a struct, updated in place).</summary>
    private struct Frame(Timeframe timeframe)
    {
        public readonly Timeframe Timeframe = timeframe;
        public bool HasBar;
        public bool HasTrade;
        public long Start;
        public long End;
        public decimal Open, High, Low, Close;
        public long Volume;
        public bool HasClose;
        public decimal LastClose;
        public long LastEnd;

        public void Begin(long start, long end, bool hasTrade, decimal price, long volume)
        {
            HasBar = true;
            HasTrade = hasTrade;
            Start = start;
            End = end;
            Open = High = Low = Close = price;
            Volume = volume;
        }

        public void Add(decimal price, long volume)
        {
            if (!HasTrade)
            {
                HasTrade = true;
                Open = High = Low = Close = price;
                Volume += volume;
                return;
            }
            if (price > High) High = price;
            if (price < Low) Low = price;
            Close = price;
            Volume += volume;
        }

        public readonly Bar ToBar() => new(DateTimeOffset.FromUnixTimeSeconds(Start), Open, High, Low, Close, Volume);
    }
}
