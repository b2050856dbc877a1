using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Live;

/// <summary>
/// The live engine: one account's orders, positions, fills and PnL, and the market data of the symbols it watches,
/// kept current from both hubs. It consumes the realtime layer's "snapshot plus changes" stream on one task, in order:
/// snapshots seed and repair the store, hub events change it, and a gap is repaired (the user state by the layer's
/// fresh snapshots, bars over REST, books by re-subscribing depth). Symbols can be watched and unwatched while it runs.
/// No REST call is made on the event path. Its events are raised on that one task, after the state includes the change:
/// keep handlers short. Thread-safe to read from anywhere.
/// </summary>
public sealed class LiveAccount : IAsyncDisposable
{
    private readonly LiveAccountOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RealtimeStream<RealtimeEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly ContractDirectory _contracts;
    private readonly MarketWatch _market;
    private readonly TaskCompletionSource<IReadOnlyList<TradingAccountModel>> _accountsSeen = NewSignal<IReadOnlyList<TradingAccountModel>>();
    private readonly TaskCompletionSource<bool> _ordersSeeded = NewSignal<bool>();
    private readonly TaskCompletionSource<bool> _positionsSeeded = NewSignal<bool>();
    private readonly TaskCompletionSource<bool> _tradesSeeded = NewSignal<bool>();
    private volatile IReadOnlyList<TradingAccountModel> _accounts = [];
    private volatile AccountState? _account;
    // Of the event being applied; read by the store's change handlers, which run on the same task.
    private EventOrigin _origin = EventOrigin.Hub;
    private DateTimeOffset _receivedAt;
    private Task _pump = Task.CompletedTask;
    private long _applied;
    private long _gaps;
    private int _disposed;

    private LiveAccount(ProjectXClient client, LiveAccountOptions options)
    {
        Client = client;
        _options = options;
        var clientOptions = client.OptionsForRealtime;
        _time = options.Realtime?.TimeProvider ?? clientOptions.TimeProvider;
        _logger = (options.Realtime?.LoggerFactory ?? clientOptions.LoggerFactory)?.CreateLogger("ProjectX.Client.Live") ?? NullLogger.Instance;
        Realtime = new ProjectXRealtime(client, options.Realtime);
        // Opened before the hubs connect: every event from the first subscription on is in order behind its snapshot.
        _events = Realtime.OpenStream(options.EventQueueCapacity);
        _contracts = new ContractDirectory(client, _logger, _stop.Token);
        _contracts.Resolved += contract => _account?.Positions.AddContract(contract);
        _market = new MarketWatch(client, Realtime, _contracts, _time, _logger, _stop.Token, OnBarClosed);
        Protection = new ProtectionManager(this, options.Protection ?? new ProtectionOptions(), _time);
    }

    /// <summary>
    /// Starts the engine on a connected (or at least authenticated) client: connects both hubs, reads the accounts,
    /// follows <see cref="LiveAccountOptions.Account"/> (or the client's default account, else the first that can
    /// trade), subscribes its orders, positions and fills, and returns once their snapshots are in the state: 4 REST
    /// reads (accounts, working orders, open positions, the day's fills). A client without a default account gets
    /// the engine's as its default.
    /// </summary>
    public static async Task<LiveAccount> StartAsync(ProjectXClient client, LiveAccountOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new LiveAccountOptions();
        options.Validate();
        var live = new LiveAccount(client, options);
        try
        {
            live._pump = Task.Run(() => live.PumpAsync(live._stop.Token), CancellationToken.None);
            await live.Realtime.StartAsync(cancellationToken).ConfigureAwait(false);
            await live.Realtime.SubscribeAccountsAsync(cancellationToken).ConfigureAwait(false);
            var accounts = await live._accountsSeen.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var account = await ChooseAccountAsync(client, options.Account, accounts, cancellationToken).ConfigureAwait(false);
            live.Follow(account);
            if (client.DefaultAccount is null)
                client.SelectAccount(account);
            var state = live._account!;
            await live.Realtime.SubscribeOrdersAsync(account.Id, null, cancellationToken).ConfigureAwait(false);
            await live.Realtime.SubscribePositionsAsync(account.Id, cancellationToken).ConfigureAwait(false);
            await live.Realtime.SubscribeTradesAsync(account.Id, state.Positions.DayStart, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(live._ordersSeeded.Task, live._positionsSeeded.Task, live._tradesSeeded.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            live.Protection.Start();
            return live;
        }
        catch
        {
            await live.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ProjectXClient Client { get; }

    /// <summary>Stops and targets kept one-cancels-other by the client (Position Brackets accounts, and protection attached to open positions).</summary>
    public ProtectionManager Protection { get; }

    /// <summary>The hubs under the engine (for their own events and counters).</summary>
    public ProjectXRealtime Realtime { get; }

    /// <summary>The followed account as last reported (its balance and can-trade move with GatewayUserAccount).</summary>
    public TradingAccountModel Account => State.Positions.Account ?? State.Model;

    public int AccountId => State.Model.Id;

    /// <summary>Every active account of the user, as last read.</summary>
    public IReadOnlyList<TradingAccountModel> Accounts => _accounts;

    /// <summary>The account's orders: working ones (Suspended bracket legs included) and recently finished ones.</summary>
    public OrderTracker Orders => State.Orders;

    /// <summary>The account's open positions, the day's fills and the PnL.</summary>
    public PositionTracker Positions => State.Positions;

    /// <summary>The merged quote of each watched contract.</summary>
    public QuoteBook Quotes => _market.Quotes;

    /// <summary>The symbols watched, ordered by symbol.</summary>
    public IReadOnlyCollection<LiveInstrument> Instruments => _market.All;

    /// <summary>A watched instrument, by the symbol it was watched as or by contract id; null when not watched.</summary>
    public LiveInstrument? FindInstrument(string symbolOrContractId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbolOrContractId);
        return _market.Find(symbolOrContractId.Trim());
    }

    /// <summary>A contract the engine knows (watched, traded, or seen in an event and looked up), without calling the gateway.</summary>
    public ContractModel? TryGetContract(string contractId) => _contracts.TryGet(contractId);

    /// <summary>Events applied so far (hub events, snapshots and gaps alike).</summary>
    public long AppliedEventCount => Interlocked.Read(ref _applied);

    /// <summary>Events the engine's queue dropped because the state fell <see cref="LiveAccountOptions.EventQueueCapacity"/> behind.</summary>
    public long DroppedEventCount => _events.DroppedCount;

    /// <summary>Gaps the engine repaired (reconnects, and its own queue overflowing).</summary>
    public long GapCount => Interlocked.Read(ref _gaps);

    /// <summary>Completed bar repairs over REST after gaps.</summary>
    public long BarBackfillCount => _market.BarBackfillCount;

    /// <summary>An order changed (hub or snapshot).</summary>
    public event EventHandler<LiveChange<OrderModel>>? OrderChanged;

    /// <summary>A position opened, changed or closed (size 0).</summary>
    public event EventHandler<LiveChange<PositionModel>>? PositionChanged;

    /// <summary>A fill of the account, each once (hub, or found by a snapshot after a gap).</summary>
    public event EventHandler<LiveChange<HalfTradeModel>>? TradeExecuted;

    /// <summary>The account's balance or can-trade changed.</summary>
    public event EventHandler<TradingAccountModel>? AccountChanged;

    /// <summary>A watched contract's merged quote changed.</summary>
    public event EventHandler<MarketChange<Quote>>? QuoteChanged;

    /// <summary>Prints of a watched contract.</summary>
    public event EventHandler<MarketChange<MarketTradeEvent>>? MarketTrades;

    /// <summary>A watched contract's order book changed.</summary>
    public event EventHandler<MarketChange<OrderBook>>? BookChanged;

    /// <summary>A bar of a watched contract closed (raised on the bars' own clock or on this task).</summary>
    public event EventHandler<MarketChange<BarClosedEventArgs>>? BarClosed;

    /// <summary>Events were lost (a reconnect, or the engine's queue overflowing); the engine is repairing its state.</summary>
    public event EventHandler<GapEvent>? GapDetected;

    /// <summary>A hub connected, dropped, is reconnecting, or stopped.</summary>
    public event EventHandler<ConnectionStateChangedEvent>? ConnectionStateChanged;

    /// <summary>
    /// Follows a symbol (a root like MNQ, a contract name or a contract id): subscribes what <paramref name="options"/>
    /// asks for and seeds the bars from history. Watching a symbol again widens what is followed. Safe while running.
    /// </summary>
    public Task<LiveInstrument> WatchAsync(string symbol, WatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _market.WatchAsync(symbol, options ?? new WatchOptions(), cancellationToken);
    }

    /// <summary>Stops following a symbol (its quotes, prints, book and bars). False when it was not watched.</summary>
    public Task<bool> UnwatchAsync(string symbolOrContractId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbolOrContractId);
        return _market.UnwatchAsync(symbolOrContractId.Trim(), cancellationToken);
    }

    /// <summary>Stops building bars for a watched symbol (its quotes, prints and book stay). False when it had none.</summary>
    public Task<bool> StopBarsAsync(string symbolOrContractId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbolOrContractId);
        return _market.StopBarsAsync(symbolOrContractId.Trim(), cancellationToken);
    }

    /// <summary>
    /// The merged quote of a watched contract, waiting up to <paramref name="timeout"/> for one that satisfies
    /// <paramref name="until"/> (any quote when null). Returns the latest quote, or null, when none did in time.
    /// </summary>
    public async Task<Quote?> WaitForQuoteAsync(string contractId, TimeSpan timeout, Func<Quote, bool>? until = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        bool Wanted(in Quote q) => until is null || until(q);
        if (Quotes.TryGet(contractId, out var now) && Wanted(now))
            return now;
        var arrived = new TaskCompletionSource<Quote>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUpdated(object? sender, Quote q)
        {
            if (string.Equals(q.ContractId, contractId, StringComparison.OrdinalIgnoreCase) && Wanted(q))
                arrived.TrySetResult(q);
        }
        Quotes.Updated += OnUpdated;
        try
        {
            if (Quotes.TryGet(contractId, out now) && Wanted(now))
                return now;
            return await arrived.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Quotes[contractId];
        }
        finally
        {
            Quotes.Updated -= OnUpdated;
        }
    }

    /// <summary>
    /// The unrealized PnL of <paramref name="position"/> at the live last price, watching its quotes first when needed and
    /// waiting up to <paramref name="wait"/> for a price; null when no price came or the contract cannot be valued.
    /// </summary>
    public async Task<decimal?> GetUnrealizedPnlAsync(PositionModel position, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (position.Size == 0)
            return 0m;
        var instrument = FindInstrument(position.ContractId) is { HasQuotes: true } watched
            ? watched
            : await WatchAsync(position.ContractId, new WatchOptions { Quotes = true, Trades = false }, cancellationToken).ConfigureAwait(false);
        if (instrument.Contract.TickSize <= 0)
            return null;
        var quote = await WaitForQuoteAsync(instrument.ContractId, wait, q => q.LastPrice is not null, cancellationToken).ConfigureAwait(false);
        return quote?.LastPrice is { } last
            ? PositionTracker.ComputeUnrealizedPnl(position.Type, position.Size, position.AveragePrice, last, instrument.Contract.TickSize, instrument.Contract.TickValue)
            : null;
    }

    /// <summary>The engine's health, for monitoring an unattended job.</summary>
    public LiveHealth GetHealth() => new(
        Realtime.UserHubState,
        Realtime.MarketHubState,
        Math.Max(0, Realtime.GetConnectCount(HubKind.User) - 1),
        Math.Max(0, Realtime.GetConnectCount(HubKind.Market) - 1),
        _market.All.Count > 0 ? Realtime.MarketSilence : null,
        Realtime.GapCount,
        Realtime.ResyncCount,
        AppliedEventCount,
        DroppedEventCount,
        Realtime.MalformedPayloadCount,
        BarBackfillCount,
        Client.RateLimitStatus);

    /// <summary>Stops the hubs and the event task, and releases the bars' timers. Does not dispose the client. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await Protection.DisposeAsync().ConfigureAwait(false); // the legs stay at the gateway
        await _stop.CancelAsync().ConfigureAwait(false);
        _events.Dispose();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _market.DisposeAsync().ConfigureAwait(false);
        await Realtime.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    public override string ToString() =>
        $"LiveAccount {{ Account = {(_account is { } a ? a.Model.ToString() : "(starting)")}, Symbols = {string.Join(", ", Instruments.Select(i => i.Symbol))} }}";

    private AccountState State => _account ?? throw new InvalidOperationException("The live engine has not chosen its account yet.");

    private static async Task<TradingAccountModel> ChooseAccountAsync(ProjectXClient client, string? wanted, IReadOnlyList<TradingAccountModel> active, CancellationToken cancellationToken)
    {
        if (wanted is null && client.DefaultAccount is null && !string.IsNullOrWhiteSpace(client.OptionsForRealtime.Account))
            wanted = client.OptionsForRealtime.Account;
        if (wanted is null)
            return client.DefaultAccount
                ?? active.FirstOrDefault(a => a.CanTrade)
                ?? throw new ProjectXValidationException(ValidationReason.NoAccount, $"User {client.UserName} has no active account that can trade; name one to follow.", nameof(LiveAccountOptions.Account));
        var key = wanted.Trim();
        var byId = int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id);
        return active.FirstOrDefault(a => byId ? a.Id == id : string.Equals(a.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? await client.GetAccountAsync(key, cancellationToken).ConfigureAwait(false); // an inactive account is looked up by name or id
    }

    private void Follow(TradingAccountModel account)
    {
        var state = new AccountState(account, new OrderTracker(account.Id, _time, _options.MaxFinishedOrders), new PositionTracker(account.Id, _time));
        state.Orders.OrderChanged += (_, order) => Raise(OrderChanged, new LiveChange<OrderModel>(order, _contracts.GetOrLookUp(order.ContractId), _origin, _receivedAt), nameof(OrderChanged));
        state.Positions.PositionChanged += (_, position) => Raise(PositionChanged, new LiveChange<PositionModel>(position, _contracts.GetOrLookUp(position.ContractId), _origin, _receivedAt), nameof(PositionChanged));
        state.Positions.TradeAdded += (_, trade) => Raise(TradeExecuted, new LiveChange<HalfTradeModel>(trade, _contracts.GetOrLookUp(trade.ContractId), _origin, _receivedAt), nameof(TradeExecuted));
        state.Positions.AccountChanged += (_, changed) => Raise(AccountChanged, changed, nameof(AccountChanged));
        state.Positions.Apply(new AccountsSnapshotEvent(_accounts, 0, _time.GetUtcNow()));
        foreach (var contract in _contracts.Known)
            state.Positions.AddContract(contract);
        _account = state;
        foreach (var contract in _contracts.Known) // and any that became known meanwhile
            state.Positions.AddContract(contract);
    }

    /// <summary>The single consumer of the realtime stream: applies every event in order, and never stops on a bad one.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    try
                    {
                        Apply(e);
                        Interlocked.Increment(ref _applied);
                    }
#pragma warning disable CA1031 // One event that cannot be applied must not end the engine for every later one.
                    catch (Exception error)
#pragma warning restore CA1031
                    {
                        LiveLog.ApplyFailed(_logger, e.GetType().Name, error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Apply(RealtimeEvent e)
    {
        var state = _account;
        _origin = e.Origin;
        _receivedAt = e.ReceivedAt;
        switch (e)
        {
            case QuoteEvent quote:
                var merged = _market.OnQuote(quote);
                state?.Positions.OnQuote(merged);
                if (QuoteChanged is not null)
                    Raise(QuoteChanged, new MarketChange<Quote>(_market.Find(quote.ContractId), merged), nameof(QuoteChanged));
                return;
            case MarketTradeEvent prints:
                var traded = _market.OnMarketTrades(prints);
                if (MarketTrades is not null)
                    Raise(MarketTrades, new MarketChange<MarketTradeEvent>(traded, prints), nameof(MarketTrades));
                return;
            case DepthEvent depth:
                if (_market.OnDepth(depth) is { OrderBook: { } book } instrument && BookChanged is not null)
                    Raise(BookChanged, new MarketChange<OrderBook>(instrument, book), nameof(BookChanged));
                return;
            case OrderUpdatedEvent order:
                state?.Orders.Apply(order);
                break;
            case PositionUpdatedEvent position:
                state?.Positions.Apply(position);
                break;
            case TradeExecutedEvent trade:
                state?.Positions.Apply(trade);
                break;
            case AccountUpdatedEvent account:
                _accounts = [.. _accounts.Select(a => a.Id == account.Account.Id ? account.Account : a)];
                state?.Positions.Apply(account);
                break;
            case AccountsSnapshotEvent accounts:
                _accounts = accounts.Accounts;
                state?.Positions.Apply(accounts);
                _accountsSeen.TrySetResult(accounts.Accounts);
                break;
            case OrdersSnapshotEvent orders when state is not null && orders.AccountId == state.Model.Id:
                state.Orders.Apply(orders);
                _ordersSeeded.TrySetResult(true);
                break;
            case PositionsSnapshotEvent positions when state is not null && positions.AccountId == state.Model.Id:
                state.Positions.Apply(positions);
                _positionsSeeded.TrySetResult(true);
                break;
            case TradesSnapshotEvent trades when state is not null && trades.AccountId == state.Model.Id:
                state.Positions.Apply(trades);
                _tradesSeeded.TrySetResult(true);
                break;
            case GapEvent gap:
                Interlocked.Increment(ref _gaps);
                _market.OnGap(gap);
                Raise(GapDetected, gap, nameof(GapDetected));
                return;
            case ConnectionStateChangedEvent connection:
                if (connection is { Hub: HubKind.Market, State: RealtimeConnectionState.Connected })
                    _market.OnMarketConnected();
                Raise(ConnectionStateChanged, connection, nameof(ConnectionStateChanged));
                return;
        }
    }

    private void OnBarClosed(LiveInstrument instrument, BarClosedEventArgs e)
    {
        if (BarClosed is not null)
            Raise(BarClosed, new MarketChange<BarClosedEventArgs>(instrument, e), nameof(BarClosed));
    }

    /// <summary>Every handler runs even when one throws (it is logged).</summary>
    private void Raise<T>(EventHandler<T>? handlers, T args, string name)
    {
        if (handlers is null)
            return;
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<T>)handler)(this, args);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop the engine or the other subscribers.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LiveLog.HandlerFailed(_logger, name, error);
            }
        }
    }

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The followed account and its two stores.</summary>
    private sealed record AccountState(TradingAccountModel Model, OrderTracker Orders, PositionTracker Positions);
}
