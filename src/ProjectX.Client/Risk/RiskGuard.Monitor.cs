using System.Threading.Channels;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;

namespace ProjectX.Client.Risk;

public sealed partial class RiskGuard
{
    private readonly HashSet<(RiskRule Rule, DateOnly Day)> _warned = [];
    private readonly SemaphoreSlim _evaluating = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile LiveAccount? _live;
    private CancellationTokenSource? _monitorStop;
    private Task _monitor = Task.CompletedTask;
    private readonly HashSet<string> _watched = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The live engine the guard is monitoring, if any.</summary>
    public LiveAccount? Live => _live;

    /// <summary>The last error of the monitoring loop (a state file gone bad, a failed read); null after a clean look.</summary>
    public Exception? LastMonitorError { get; private set; }

    /// <summary>
    /// Watches <paramref name="live"/> (which must follow the guard's account): on every change of its PnL, orders or
    /// positions, and at least every <see cref="RiskGuardOptions.MonitorInterval"/>, the guard evaluates
    /// (<see cref="EvaluateAsync"/>) on its own task, off the engine's event path. Pre-send checks then read the engine
    /// instead of REST, and see unrealized PnL.
    /// </summary>
    public void StartMonitoring(LiveAccount live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (live.AccountId != AccountId)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument,
                $"The live engine follows account {live.AccountId}; this guard protects account {AccountId}.", nameof(live));
        if (_monitorStop is not null)
            throw new InvalidOperationException("The guard is already monitoring; call StopMonitoringAsync first.");
        _live = live;
        live.QuoteChanged += OnLiveChange;
        live.PositionChanged += OnLiveChange;
        live.OrderChanged += OnLiveChange;
        live.TradeExecuted += OnLiveChange;
        live.AccountChanged += OnLiveChange;
        _monitorStop = new CancellationTokenSource();
        var stop = _monitorStop.Token;
        _monitor = Task.Run(() => MonitorAsync(stop), CancellationToken.None);
        Wake();
    }

    /// <summary>
    /// Without a live engine: evaluates (<see cref="EvaluateAsync"/>) every <see cref="RiskGuardOptions.PollInterval"/>
    /// over REST (three reads a look). Unrealized PnL is unknown this way, so losses count once they are realized.
    /// </summary>
    public void StartPolling()
    {
        if (_monitorStop is not null)
            throw new InvalidOperationException("The guard is already monitoring; call StopMonitoringAsync first.");
        _monitorStop = new CancellationTokenSource();
        var stop = _monitorStop.Token;
        _monitor = Task.Run(() => MonitorAsync(stop), CancellationToken.None);
    }

    /// <summary>True while the guard watches the account (a live engine, or REST polling).</summary>
    public bool IsMonitoring => _monitorStop is not null;

    /// <summary>Stops watching (pre-send checks read REST again).</summary>
    public async Task StopMonitoringAsync()
    {
        if (_monitorStop is null)
            return;
        if (_live is { } live)
        {
            live.QuoteChanged -= OnLiveChange;
            live.PositionChanged -= OnLiveChange;
            live.OrderChanged -= OnLiveChange;
            live.TradeExecuted -= OnLiveChange;
            live.AccountChanged -= OnLiveChange;
        }
        _monitorStop.Cancel();
        try
        {
            await _monitor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _monitorStop?.Dispose();
        _monitorStop = null;
        _live = null;
    }

    /// <summary>
    /// One look at the account: rolls the day, raises the highs, warns within the buffer of a loss limit, and at a limit
    /// locks (daily loss: until the next trading day; trailing maximum loss: until unlocked), cancels the working orders
    /// and flattens. Past the flat-by time it flattens too. While locked it keeps the account flat. Returns the status.
    /// </summary>
    public async Task<RiskStatus> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _evaluating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var book = await ReadBookAsync(cancellationToken).ConfigureAwait(false);
            var state = await SyncAsync(book, now, cancellationToken).ConfigureAwait(false);
            var status = await StatusOfAsync(book, state, now, withCounts: false, cancellationToken).ConfigureAwait(false);
            var open = status.OpenPositions > 0 || status.WorkingOrders > 0;
            var rules = _rules;

            if (status.Lock is not null)
            {
                if (open)
                    await FlattenAsync(cancellationToken).ConfigureAwait(false);
                return status;
            }
            if (rules.DailyLossLimit is { } dailyLimit && status.DayPnl <= -dailyLimit)
                return await BreachAsync(status, RiskRule.DailyLoss, dailyLimit, -status.DayPnl, untilUnlocked: false,
                    $"The day's loss of {Money(-status.DayPnl)} reached the daily loss limit of {Money(dailyLimit)}.", now, cancellationToken).ConfigureAwait(false);
            if (status.TrailingFloor is { } floor && status.Equity <= floor)
                return await BreachAsync(status, RiskRule.TrailingMaxLoss, floor, status.Equity, untilUnlocked: true,
                    $"Equity of {Money(status.Equity)} reached the trailing maximum-loss floor of {Money(floor)}.", now, cancellationToken).ConfigureAwait(false);
            if (open && IsPastFlatBy(now, status.TradingDay))
            {
                var flat = await FlattenAsync(cancellationToken).ConfigureAwait(false);
                Raise(Breach, new RiskEventArgs(RiskEventKind.Breach, RiskRule.FlatBy, AccountId, now, null, null, null,
                    $"The flat-by time {rules.FlatBy:HH\\:mm} ({rules.TimeZone}) has passed: working orders cancelled, positions closed.", flat));
                return status;
            }

            if (rules.WarningBuffer > 0)
            {
                if (rules.DailyLossLimit is { } warnLimit && status.DailyLossRemaining is { } left && left <= rules.WarningBuffer * warnLimit)
                    Warn(status, RiskRule.DailyLoss, warnLimit, -status.DayPnl, left,
                        $"The day's loss of {Money(-status.DayPnl)} is within {Money(left)} of the daily loss limit of {Money(warnLimit)}.", now);
                if (status.TrailingRemaining is { } room && rules.TrailingMaxLoss is { } trailing && room <= rules.WarningBuffer * trailing.Amount)
                    Warn(status, RiskRule.TrailingMaxLoss, status.TrailingFloor, status.Equity, room,
                        $"Equity of {Money(status.Equity)} is within {Money(room)} of the trailing maximum-loss floor of {Money(status.TrailingFloor!.Value)}.", now);
            }
            return status;
        }
        finally
        {
            _evaluating.Release();
        }
    }

    /// <summary>Cancels the account's working orders and closes its positions, reading before every round.</summary>
    public Task<FlattenResult> FlattenAsync(CancellationToken cancellationToken = default) =>
        RiskFlattener.FlattenAsync(_client, AccountId, _options.MaxFlattenRounds, cancellationToken);

    private async Task<RiskStatus> BreachAsync(RiskStatus status, RiskRule rule, decimal limit, decimal figure, bool untilUnlocked, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var saved = await _store.UpdateAsync(AccountId, s =>
        {
            if (s is null || (s.Lock is { } held && held.HoldsOn(status.TradingDay)))
                return s; // locked already (another process got there first)
            s.Lock = new RiskLock(rule, status.TradingDay, now, untilUnlocked, limit, figure, reason);
            s.UpdatedAt = now;
            return s;
        }, cancellationToken).ConfigureAwait(false);
        var flat = await FlattenAsync(cancellationToken).ConfigureAwait(false);
        Raise(Breach, new RiskEventArgs(RiskEventKind.Breach, rule, AccountId, now, limit, figure, null,
            reason + (untilUnlocked ? " Entries are refused until you unlock." : " Entries are refused until the next trading day."), flat));
        return status with { Lock = saved?.Lock };
    }

    private void Warn(RiskStatus status, RiskRule rule, decimal? limit, decimal? figure, decimal remaining, string message, DateTimeOffset now)
    {
        lock (_warned)
        {
            if (!_warned.Add((rule, status.TradingDay)))
                return;
        }
        Raise(Warning, new RiskEventArgs(RiskEventKind.Warning, rule, AccountId, now, limit, figure, remaining, message, null));
    }

#pragma warning disable CA1031 // A subscriber's bug must not stop the guard from protecting the account.
    private void Raise(EventHandler<RiskEventArgs>? handler, RiskEventArgs args)
    {
        if (handler is null)
            return;
        foreach (var subscriber in handler.GetInvocationList().Cast<EventHandler<RiskEventArgs>>())
        {
            try
            {
                subscriber(this, args);
            }
            catch (Exception)
            {
                // ignored on purpose
            }
        }
    }

    private async Task MonitorAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await EnsurePricedAsync(stop).ConfigureAwait(false);
                await EvaluateAsync(stop).ConfigureAwait(false);
                LastMonitorError = null;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LastMonitorError = error;
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var delay = Task.Delay(_live is null ? _options.PollInterval : _options.MonitorInterval, _time, tick.Token);
            var woken = _wake.Reader.WaitToReadAsync(tick.Token).AsTask();
            try
            {
                await Task.WhenAny(delay, woken).ConfigureAwait(false);
            }
            finally
            {
                await tick.CancelAsync().ConfigureAwait(false);
            }
            while (_wake.Reader.TryRead(out _))
            {
            }
        }
    }
#pragma warning restore CA1031

    /// <summary>Unrealized PnL needs a quote: the guard watches the contract of every open position (once each).</summary>
    private async Task EnsurePricedAsync(CancellationToken cancellationToken)
    {
        if (_live is not { } live)
            return;
        foreach (var position in live.Positions.Snapshot().Where(p => p.UnrealizedPnl is null))
        {
            if (!_watched.Add(position.ContractId) || live.FindInstrument(position.ContractId) is not null)
                continue;
            await live.WatchAsync(position.ContractId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnLiveChange<T>(object? sender, T change) => Wake();

    private void Wake() => _wake.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await StopMonitoringAsync().ConfigureAwait(false);
        if (_client.GetRiskGuard(AccountId) == this)
            _client.UseRiskGuard(null, AccountId);
        _evaluating.Dispose();
    }
}
