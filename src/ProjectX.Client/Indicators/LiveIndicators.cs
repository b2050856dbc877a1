using ProjectX.Client.Live;
using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>
/// Indicators attached to one watched symbol and timeframe of a <see cref="LiveAccount"/>: seeded from the bars the
/// engine holds, moved on by every bar that closes, and raising <see cref="BarClosed"/> with the values. A gap repair
/// (the engine's <see cref="LiveAccount.BarBackfillCount"/> moved) replays the held bars, so values follow history.
/// Thread-safe: the engine's event task writes; <see cref="Read"/> may run on any thread.
/// </summary>
public sealed class LiveIndicators : IDisposable
{
    private readonly object _gate = new();
    private readonly LiveAccount _account;
    private readonly Indicator[] _indicators;
    private long _backfills;
    private DateTimeOffset? _lastClosed;
    private Bar? _lastBar;
    private IndicatorReading _closedReading = null!; // set by the first Replay
    private bool _disposed;

    private LiveIndicators(LiveAccount account, LiveInstrument instrument, Timeframe timeframe, Indicator[] indicators)
    {
        _account = account;
        Instrument = instrument;
        Timeframe = timeframe;
        _indicators = indicators;
    }

    /// <summary>
    /// Attaches <paramref name="indicators"/> to <paramref name="timeframe"/> bars of <paramref name="instrument"/>
    /// (watch it with that timeframe first; the indicators should be new).
    /// </summary>
    /// <exception cref="ProjectXValidationException">The instrument does not build <paramref name="timeframe"/> bars, or no indicator was given.</exception>
    public static LiveIndicators Attach(LiveAccount account, LiveInstrument instrument, Timeframe timeframe, params IEnumerable<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(indicators);
        var list = indicators.ToArray();
        if (list.Length == 0 || list.Any(i => i is null))
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "Give at least one indicator.", nameof(indicators));
        if (instrument.Bars is not { } bars || !bars.TryGetSeries(timeframe, out _))
            throw new ProjectXValidationException(ValidationReason.InvalidTimeframe,
                $"{instrument.Symbol} has no live {timeframe} bars: watch it with that timeframe first (WatchOptions.Timeframes).", nameof(timeframe));
        var live = new LiveIndicators(account, instrument, timeframe, list);
        account.BarClosed += live.OnBarClosed; // first, so no bar closes unseen between the replay and the subscription
        lock (live._gate)
            live.Replay();
        return live;
    }

    public LiveInstrument Instrument { get; }
    public Timeframe Timeframe { get; }
    public IReadOnlyList<Indicator> Indicators => _indicators;

    /// <summary>Raised after each closed bar of this symbol and timeframe has moved every indicator on.</summary>
    public event EventHandler<IndicatorBarClosedEventArgs>? BarClosed;

    /// <summary>
    /// The values now: of the last closed bar, or of the forming bar when <paramref name="includeForming"/> and one is
    /// forming (computed without committing it).
    /// </summary>
    public IndicatorReading Read(bool includeForming = true)
    {
        lock (_gate)
        {
            if (includeForming && Series()?.Forming is { } forming && (_lastClosed is null || forming.Start > _lastClosed))
            {
                foreach (var indicator in _indicators)
                    indicator.Update(forming);
                return IndicatorReading.Of(Instrument.ContractId, Timeframe, forming, true, _indicators);
            }
            return _closedReading;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _account.BarClosed -= OnBarClosed;
    }

    private void OnBarClosed(object? sender, MarketChange<BarClosedEventArgs> e)
    {
        var closed = e.Data;
        if (closed.Timeframe != Timeframe || !string.Equals(closed.ContractId, Instrument.ContractId, StringComparison.Ordinal))
            return;
        IndicatorBarClosedEventArgs args;
        lock (_gate)
        {
            if (_disposed)
                return;
            if (_account.BarBackfillCount != _backfills)
                Replay(); // history repaired bars we already consumed: recompute from what the engine now holds
            else if (_lastClosed is null || closed.Bar.Start > _lastClosed)
            {
                CloseAll(closed.Bar);
                _closedReading = IndicatorReading.Of(closed.ContractId, Timeframe, closed.Bar, false, _indicators);
            }
            if (_lastClosed != closed.Bar.Start)
                return; // older than what the replay already covered
            args = new IndicatorBarClosedEventArgs(_closedReading);
        }
        BarClosed?.Invoke(this, args);
    }

    private BarSeries? Series() => Instrument.Bars is { } bars && bars.TryGetSeries(Timeframe, out var s) ? s : null;

    private void Replay()
    {
        _backfills = _account.BarBackfillCount;
        foreach (var indicator in _indicators)
            indicator.Reset();
        _lastClosed = null;
        _lastBar = null;
        if (Series() is { } series)
        {
            foreach (var bar in series.ToArray(includeForming: false))
                CloseAll(bar);
        }
        _closedReading = IndicatorReading.Of(Instrument.ContractId, Timeframe, _lastBar, false, _indicators);
    }

    private void CloseAll(in Bar bar)
    {
        foreach (var indicator in _indicators)
            indicator.Close(bar);
        _lastClosed = bar.Start;
        _lastBar = bar;
    }
}

/// <summary>The values of a set of indicators for one bar, keyed <c>RSI(14)</c>, or <c>MACD(12,26,9).Signal</c> for further outputs.</summary>
public sealed class IndicatorReading
{
    private IndicatorReading(string contractId, Timeframe timeframe, Bar? bar, bool isForming, IReadOnlyDictionary<string, double> values, double[] ordered)
    {
        InOrder = ordered;
        ContractId = contractId;
        Timeframe = timeframe;
        Bar = bar;
        IsForming = isForming;
        Values = values;
    }

    public string ContractId { get; }
    public Timeframe Timeframe { get; }

    /// <summary>The bar the values are for; null before any bar.</summary>
    public Bar? Bar { get; }

    /// <summary>True when the bar is still forming.</summary>
    public bool IsForming { get; }

    /// <summary>Every value by key (NaN during an indicator's lookback), in the indicators' order.</summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>Every output of every indicator, in the order the indicators were attached (keys may repeat in <see cref="Values"/>; this never loses one).</summary>
    public IReadOnlyList<double> InOrder { get; }

    public double this[string key] => Values[key];

    internal static IndicatorReading Of(string contractId, Timeframe timeframe, Bar? bar, bool isForming, Indicator[] indicators)
    {
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<double>();
        foreach (var indicator in indicators)
        {
            for (int o = 0; o < indicator.Outputs.Count; o++)
            {
                values[Key(indicator, o)] = indicator.Values[o];
                ordered.Add(indicator.Values[o]);
            }
        }
        return new IndicatorReading(contractId, timeframe, bar, isForming, values, [.. ordered]);
    }

    /// <summary>The key of output <paramref name="output"/> of <paramref name="indicator"/>.</summary>
    public static string Key(Indicator indicator, int output)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return output == 0 ? indicator.Name : indicator.Name + "." + indicator.Outputs[output];
    }

    public override string ToString() =>
        $"{ContractId} {Timeframe} {Bar?.Start:u}{(IsForming ? " (forming)" : "")}: " +
        string.Join(", ", Values.Select(v => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v.Key} {v.Value:G8}")));
}

/// <summary>A bar closed and the attached indicators moved on; <see cref="Reading"/> holds their values for it.</summary>
public sealed class IndicatorBarClosedEventArgs(IndicatorReading reading) : EventArgs
{
    public IndicatorReading Reading { get; } = reading;
}

/// <summary>Attaching indicators to the live engine.</summary>
public static class LiveIndicatorExtensions
{
    /// <summary>Attaches <paramref name="indicators"/> to the <paramref name="timeframe"/> bars of a watched <paramref name="instrument"/>.</summary>
    /// <inheritdoc cref="LiveIndicators.Attach" path="/exception"/>
    public static LiveIndicators AttachIndicators(this LiveAccount account, LiveInstrument instrument, Timeframe timeframe, params IEnumerable<Indicator> indicators) =>
        LiveIndicators.Attach(account, instrument, timeframe, indicators);
}
