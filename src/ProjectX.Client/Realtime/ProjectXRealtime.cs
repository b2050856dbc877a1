using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProjectX.Client.Diagnostics;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The gateway's two SignalR hubs (user: accounts, orders, positions, trades; market: quotes, trades, depth) for
/// one <see cref="ProjectXClient"/>, as "snapshot plus changes": subscribing to user data publishes a REST snapshot
/// (<see cref="SnapshotEvent"/>), then the hub's changes. It reconnects for as long as it is not stopped or disposed
/// (a fresh token on every attempt) and replays every subscription; a reconnect, or a consumer that fell a whole queue
/// behind, is an explicit <see cref="GapEvent"/>, and after every gap the user state is read again and published as
/// fresh snapshots. It forces a market reconnect when the feed goes silent while subscribed, and re-authenticates on
/// <c>GatewayLogout</c>.
/// <para>
/// Events arrive as .NET events and as streams (<see cref="OpenStream{T}"/>). Both are bounded per subscriber with the
/// same overflow policy: the socket never waits; when one subscriber's queue is full its OLDEST event is dropped. A
/// stream of every event (<see cref="OpenStream"/>) then yields a <see cref="GapEvent"/> in place of what it lost.
/// Most callers want the state these events build instead: see <see cref="Live.LiveAccount"/>.
/// </para>
/// </summary>
public sealed class ProjectXRealtime : IAsyncDisposable, IHubSessionOwner
{
    private readonly ProjectXClient _client;
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HubSession? _user;
    private readonly HubSession? _market;
    private readonly RealtimePublisher _publisher;
    private readonly SubscriptionRegistry _subscriptions;
    private readonly UserSnapshots _snapshots;
    private readonly FeedWatchdog _watchdog;
    private readonly HubEventReader _reader;
    private readonly MarketFrameReader _marketFrames;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private readonly DateTimeOffset?[] _gapReported = new DateTimeOffset?[2];
    private static int s_instances;
    private Task _reauthentication = Task.CompletedTask;
    // The token each hub's connection last signed in with: a GatewayLogout revokes that token, so only the hubs still
    // on it reconnect, and only a logout of the client's current token logs in again. Never logged or shown.
    private readonly string?[] _hubTokens = new string?[2];
    private long _logouts;
    private long _gaps;
    private int _disposed;

    /// <summary>Creates the connections without connecting; call <see cref="StartAsync"/>.</summary>
    public ProjectXRealtime(ProjectXClient client, RealtimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = (options ?? new RealtimeOptions()).Validated();
        var clientOptions = client.OptionsForRealtime;
        _time = _options.TimeProvider ?? clientOptions.TimeProvider;
        var loggerFactory = _options.LoggerFactory ?? clientOptions.LoggerFactory;
        _logger = loggerFactory?.CreateLogger("ProjectX.Client.Realtime") ?? NullLogger.Instance;

        _publisher = new RealtimePublisher(_time, OnConsumerGap);
        _subscriptions = new SubscriptionRegistry(Session, _logger);
        _snapshots = new UserSnapshots(client, _publisher, _subscriptions, _options, _time, _logger, _lifetime.Token);
        _watchdog = new FeedWatchdog(_options.StaleFeedTimeout, _time, _logger,
            isWatching: () => _market is { IsConnected: true } && _subscriptions.Count(HubKind.Market) > 0,
            reconnect: () => _market?.ForceReconnect());
        _reader = new HubEventReader(_publisher, _snapshots, _watchdog, OnLogout, _logger);
        _marketFrames = new MarketFrameReader(_reader);

        var transport = _options.Transport ?? clientOptions.RealtimeTransport;
        if (_options.UseUserHub)
        {
            var protocol = new TolerantHubProtocol(_reader.OnMalformed);
            _user = new HubSession(HubKind.User, Factory(transport, HubKind.User, client.UserHubUrl), client.UserHubUrl, _options, _time, loggerFactory, protocol, this);
            _reader.RegisterUser(_user.Connection);
        }
        if (_options.UseMarketHub)
        {
            var protocol = new TolerantHubProtocol(_reader.OnMalformed, _marketFrames);
            _market = new HubSession(HubKind.Market, Factory(transport, HubKind.Market, client.MarketHubUrl), client.MarketHubUrl, _options, _time, loggerFactory, protocol, this);
            _reader.RegisterMarket(_market.Connection);
        }
    }

    public ProjectXClient Client => _client;

    /// <summary>A number for this instance, unique in the process (it tags the feed-silence metric).</summary>
    public int InstanceId { get; } = Interlocked.Increment(ref s_instances);

    internal bool HasMarketSubscriptions => _subscriptions.Count(HubKind.Market) > 0;

    /// <summary>State of the user hub (Disconnected when it is disabled).</summary>
    public RealtimeConnectionState UserHubState => _user?.State ?? RealtimeConnectionState.Disconnected;

    /// <summary>State of the market hub (Disconnected when it is disabled).</summary>
    public RealtimeConnectionState MarketHubState => _market?.State ?? RealtimeConnectionState.Disconnected;

    public RealtimeConnectionState GetState(HubKind hub) => hub == HubKind.User ? UserHubState : MarketHubState;

    /// <summary>Successful connects of a hub, the first included (so reconnects = count − 1).</summary>
    public long GetConnectCount(HubKind hub) => Session(hub)?.ConnectCount ?? 0;

    /// <summary>Hub payloads that could not be read and were skipped (each is logged; the connection lives on).</summary>
    public long MalformedPayloadCount => _reader.MalformedCount;

    /// <summary>Market events read straight from their frames (the rest went through SignalR's generic binding).</summary>
    internal long MarketFastPathCount => _marketFrames.DeliveredCount;

    /// <summary>Reconnects forced by the market-feed watchdog.</summary>
    public long StaleFeedReconnectCount => _watchdog.ReconnectCount;

    /// <summary>How long the market hub has been silent (meaningful while subscribed to market data).</summary>
    public TimeSpan MarketSilence => _watchdog.Silence;

    /// <summary><c>GatewayLogout</c> messages handled (each re-authenticates and reconnects).</summary>
    public long LogoutCount => Interlocked.Read(ref _logouts);

    /// <summary>Gaps: hub reconnects, and user events dropped by a consumer that fell behind.</summary>
    public long GapCount => Interlocked.Read(ref _gaps);

    /// <summary>Completed REST resyncs after gaps (and from <see cref="ResyncAsync"/>).</summary>
    public long ResyncCount => _snapshots.ResyncCount;

    /// <summary>The subscriptions that are replayed after a reconnect, as "Method(argument)".</summary>
    public IReadOnlyList<string> ActiveSubscriptions => _subscriptions.Describe();

    /// <summary>
    /// Connects the enabled hubs and replays any subscription recorded before. A failure of this first connect is
    /// thrown (wrong URL, refused token); after it succeeds, every later drop is retried in the background.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var starts = new List<Task>(2);
        if (_user is not null) starts.Add(_user.StartAsync(cancellationToken));
        if (_market is not null) starts.Add(_market.StartAsync(cancellationToken));
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        _watchdog.Start();
        ClientMetrics.Track(this);
    }

    /// <summary>Disconnects both hubs and stops reconnecting. Subscriptions stay recorded for a later <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _watchdog.Stop();
        var stops = new List<Task>(2);
        if (_user is not null) stops.Add(_user.StopAsync(cancellationToken));
        if (_market is not null) stops.Add(_market.StopAsync(cancellationToken));
        await Task.WhenAll(stops).ConfigureAwait(false);
    }

    /// <summary>Drops a hub's connection now; it reconnects, replays its subscriptions and (user hub) resyncs.</summary>
    public void Reconnect(HubKind hub) => Session(hub)?.ForceReconnect();

    /// <summary>
    /// Re-reads every subscribed account's orders, positions, fills (and the accounts) over REST now and publishes
    /// them as snapshots; fills since <see cref="RealtimeOptions.ResyncLookback"/> ago. Runs by itself after every gap.
    /// </summary>
    public Task<int> ResyncAsync(CancellationToken cancellationToken = default) =>
        _snapshots.ResyncAsync(_time.GetUtcNow(), cancellationToken);

    // ---- subscriptions (spec §8.2) ----

    /// <summary>SubscribeAccounts (no argument), then an <see cref="AccountsSnapshotEvent"/>.</summary>
    public Task SubscribeAccountsAsync(CancellationToken cancellationToken = default) =>
        SubscribeAsync(new Subscription(HubProtocol.Accounts, null), null, cancellationToken);

    public Task UnsubscribeAccountsAsync(CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(new Subscription(HubProtocol.Accounts, null), cancellationToken);

    /// <summary>
    /// SubscribeOrders(accountId), then an <see cref="OrdersSnapshotEvent"/>: the working orders (Suspended bracket
    /// legs included) and, with <paramref name="historySince"/>, every order created since then.
    /// </summary>
    public Task SubscribeOrdersAsync(int accountId, DateTimeOffset? historySince = null, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerAccount(HubProtocol.Orders, accountId), historySince, cancellationToken);

    public Task UnsubscribeOrdersAsync(int accountId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerAccount(HubProtocol.Orders, accountId), cancellationToken);

    /// <summary>SubscribePositions(accountId), then a <see cref="PositionsSnapshotEvent"/> of the open positions.</summary>
    public Task SubscribePositionsAsync(int accountId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerAccount(HubProtocol.Positions, accountId), null, cancellationToken);

    public Task UnsubscribePositionsAsync(int accountId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerAccount(HubProtocol.Positions, accountId), cancellationToken);

    /// <summary>SubscribeTrades(accountId); with <paramref name="historySince"/>, then a <see cref="TradesSnapshotEvent"/> of the fills since then.</summary>
    public Task SubscribeTradesAsync(int accountId, DateTimeOffset? historySince = null, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerAccount(HubProtocol.Trades, accountId), historySince, cancellationToken);

    public Task UnsubscribeTradesAsync(int accountId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerAccount(HubProtocol.Trades, accountId), cancellationToken);

    /// <summary>Accounts, orders, positions and trades of one account, each with its snapshot; orders and fills since <paramref name="historySince"/>.</summary>
    public async Task SubscribeUserAsync(int accountId, DateTimeOffset? historySince = null, CancellationToken cancellationToken = default)
    {
        await SubscribeAccountsAsync(cancellationToken).ConfigureAwait(false);
        await SubscribeOrdersAsync(accountId, historySince, cancellationToken).ConfigureAwait(false);
        await SubscribePositionsAsync(accountId, cancellationToken).ConfigureAwait(false);
        await SubscribeTradesAsync(accountId, historySince, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SubscribeContractQuotes(contractId).</summary>
    public Task SubscribeQuotesAsync(string contractId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerContract(HubProtocol.Quotes, contractId), null, cancellationToken);

    public Task UnsubscribeQuotesAsync(string contractId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerContract(HubProtocol.Quotes, contractId), cancellationToken);

    /// <summary>SubscribeContractTrades(contractId).</summary>
    public Task SubscribeMarketTradesAsync(string contractId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerContract(HubProtocol.MarketTrades, contractId), null, cancellationToken);

    public Task UnsubscribeMarketTradesAsync(string contractId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerContract(HubProtocol.MarketTrades, contractId), cancellationToken);

    /// <summary>SubscribeContractMarketDepth(contractId).</summary>
    public Task SubscribeDepthAsync(string contractId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerContract(HubProtocol.Depth, contractId), null, cancellationToken);

    public Task UnsubscribeDepthAsync(string contractId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerContract(HubProtocol.Depth, contractId), cancellationToken);

    /// <summary>Unsubscribes and subscribes the contract's depth again, so the server sends the whole book anew (after a gap).</summary>
    public Task RenewDepthAsync(string contractId, CancellationToken cancellationToken = default) =>
        _subscriptions.RenewAsync(PerContract(HubProtocol.Depth, contractId), cancellationToken);

    /// <summary>Quotes, market trades and depth of one contract.</summary>
    public async Task SubscribeMarketAsync(string contractId, CancellationToken cancellationToken = default)
    {
        await SubscribeQuotesAsync(contractId, cancellationToken).ConfigureAwait(false);
        await SubscribeMarketTradesAsync(contractId, cancellationToken).ConfigureAwait(false);
        await SubscribeDepthAsync(contractId, cancellationToken).ConfigureAwait(false);
    }

    // ---- events: each .NET handler gets its own bounded queue (RealtimeOptions.HandlerQueueCapacity, oldest dropped)
    // and its own task, so handlers never run on the socket's thread and a slow one delays only itself. ----

    /// <summary>GatewayUserOrder.</summary>
    public event EventHandler<OrderUpdatedEvent>? OrderUpdated
    {
        add => _publisher.Orders.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Orders.RemoveHandler(value);
    }

    /// <summary>GatewayUserPosition (a closed position has Size 0).</summary>
    public event EventHandler<PositionUpdatedEvent>? PositionUpdated
    {
        add => _publisher.Positions.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Positions.RemoveHandler(value);
    }

    /// <summary>GatewayUserTrade.</summary>
    public event EventHandler<TradeExecutedEvent>? TradeExecuted
    {
        add => _publisher.Trades.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Trades.RemoveHandler(value);
    }

    /// <summary>GatewayUserAccount.</summary>
    public event EventHandler<AccountUpdatedEvent>? AccountUpdated
    {
        add => _publisher.Accounts.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Accounts.RemoveHandler(value);
    }

    /// <summary>A REST snapshot of user state: at each subscription, and after every gap.</summary>
    public event EventHandler<SnapshotEvent>? SnapshotReceived
    {
        add => _publisher.Snapshots.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Snapshots.RemoveHandler(value);
    }

    /// <summary>A hub reconnected: what it sent while it was away is lost (snapshots of the user state follow).</summary>
    public event EventHandler<GapEvent>? GapDetected
    {
        add => _publisher.Gaps.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Gaps.RemoveHandler(value);
    }

    /// <summary>GatewayQuote (sparse: merge it).</summary>
    public event EventHandler<QuoteEvent>? QuoteReceived
    {
        add => _publisher.Quotes.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Quotes.RemoveHandler(value);
    }

    /// <summary>GatewayTrade: market prints.</summary>
    public event EventHandler<MarketTradeEvent>? MarketTradeReceived
    {
        add => _publisher.MarketTrades.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.MarketTrades.RemoveHandler(value);
    }

    /// <summary>GatewayDepth rows.</summary>
    public event EventHandler<DepthEvent>? DepthReceived
    {
        add => _publisher.Depth.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.Depth.RemoveHandler(value);
    }

    /// <summary>A hub connected, dropped, is reconnecting, or stopped.</summary>
    public event EventHandler<ConnectionStateChangedEvent>? ConnectionStateChanged
    {
        add => _publisher.States.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.States.RemoveHandler(value);
    }

    /// <summary>Every event of every type, in the order each hub delivered them, with a <see cref="GapEvent"/> for what this handler's queue dropped.</summary>
    public event EventHandler<RealtimeEvent>? EventReceived
    {
        add => _publisher.All.AddHandler(value, this, _options.HandlerQueueCapacity, _logger);
        remove => _publisher.All.RemoveHandler(value);
    }

    /// <summary>
    /// A new bounded stream of every event, in order: hub events, snapshots, and a <see cref="GapEvent"/> wherever events
    /// were lost (a reconnect, or this stream falling <paramref name="capacity"/> events behind).
    /// </summary>
    public RealtimeStream<RealtimeEvent> OpenStream(int capacity = RealtimeOptions.DefaultQueueCapacity) => OpenStream<RealtimeEvent>(capacity);

    /// <summary>
    /// A new bounded stream of one event type (<see cref="OrderUpdatedEvent"/>, <see cref="SnapshotEvent"/>,
    /// <see cref="QuoteEvent"/>, …, or <see cref="RealtimeEvent"/> for all of them). When it holds
    /// <paramref name="capacity"/> unread events the oldest is dropped (counted in <see cref="RealtimeStream{T}.DroppedCount"/>;
    /// a stream of every event also yields a <see cref="GapEvent"/>); the feed never waits for it.
    /// </summary>
    public RealtimeStream<T> OpenStream<T>(int capacity = RealtimeOptions.DefaultQueueCapacity) where T : RealtimeEvent
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var fanout = _publisher.Of<T>();
        return new RealtimeStream<T>(fanout, fanout.Subscribe(capacity, singleReader: false));
    }

    /// <summary>Stops both hubs, completes every stream and stops every event handler queue. Does not dispose the client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        ClientMetrics.Untrack(this);
        try
        {
            _watchdog.Dispose();
            await Task.WhenAll(
                _user?.DisposeAsync().AsTask() ?? Task.CompletedTask,
                _market?.DisposeAsync().AsTask() ?? Task.CompletedTask).ConfigureAwait(false);
        }
        finally
        {
            _publisher.CompleteAll();
            // The semaphores and _lifetime are cancelled, not disposed: background work that still touches them must
            // see a cancellation rather than ObjectDisposedException, and neither holds an unmanaged resource here.
        }
    }

    public override string ToString() => $"ProjectXRealtime {{ User = {UserHubState}, Market = {MarketHubState} }}";

    private HubSession? Session(HubKind hub) => hub == HubKind.User ? _user : _market;

    private static Subscription PerAccount(HubStream stream, int accountId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(accountId);
        return new(stream, accountId);
    }

    private static Subscription PerContract(HubStream stream, string contractId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        return new(stream, contractId.Trim());
    }

    private async Task SubscribeAsync(Subscription subscription, DateTimeOffset? historySince, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (subscription.Hub == HubKind.Market)
            _watchdog.MarkAlive(); // a new subscription gets a full watchdog period to deliver its first message
        await _subscriptions.AddAsync(subscription, cancellationToken).ConfigureAwait(false);
        if (subscription.Hub == HubKind.User)
            await _snapshots.BaselineAsync(subscription, historySince, cancellationToken).ConfigureAwait(false);
    }

    private Task UnsubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _subscriptions.RemoveAsync(subscription, cancellationToken);
    }

    private IConnectionFactory Factory(IRealtimeTransport? transport, HubKind hub, Uri url)
    {
        Func<CancellationToken, ValueTask<string>> token = cancellationToken => TokenForAsync(hub, cancellationToken);
        return transport?.CreateConnectionFactory(hub, url, token) ?? new WebSocketConnectionFactory(url, token);
    }

    private async ValueTask<string> TokenForAsync(HubKind hub, CancellationToken cancellationToken)
    {
        var token = await _client.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _hubTokens[(int)hub], token);
        return token;
    }

    private string? TokenOf(HubKind hub) => Volatile.Read(ref _hubTokens[(int)hub]);

    /// <summary>
    /// A consumer that dropped events reads again. If it lost user state, its view needs a snapshot: one is read now,
    /// while it reads (a consumer still stalled would only drop the snapshot too), and resyncs asked for meanwhile are merged.
    /// </summary>
    private void OnConsumerGap(GapEvent gap, bool lostUserState)
    {
        Interlocked.Increment(ref _gaps);
        ClientMetrics.Gaps.Add(1, new KeyValuePair<string, object?>("projectx.gap.reason", nameof(GapReason.Overflow)));
        if (lostUserState)
            _snapshots.RequestResync(gap.Since);
    }

    // ---- IHubSessionOwner ----

    async Task IHubSessionOwner.BeforeReconnectAsync(HubSession session, int attempt, CancellationToken cancellationToken)
    {
        // Repeated failures may mean the token was refused without a GatewayLogout: log in afresh every third attempt.
        if (attempt % 3 == 2)
            RequestReauthentication(TokenOf(session.Kind));
        Task pending;
        lock (_gate)
            pending = _reauthentication;
        await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    async Task IHubSessionOwner.OnConnectedAsync(HubSession session, CancellationToken cancellationToken)
    {
        // Before the replay, so the gap precedes every event of the new connection in each stream.
        if (session.ConnectCount > 0 && session.LastDisconnectedAt is { } since && PublishGapOnce(session.Kind, since))
            _publisher.Publish(new GapEvent(session.Kind, GapReason.Reconnect, since, 0, _time.GetUtcNow()));
        await _subscriptions.ReplayAsync(session, cancellationToken).ConfigureAwait(false);
        if (session.Kind == HubKind.Market)
            _watchdog.MarkAlive();
    }

    void IHubSessionOwner.AfterConnected(HubSession session, bool first)
    {
        if (!first && session.Kind == HubKind.User)
            _snapshots.RequestResync(session.LastDisconnectedAt ?? _time.GetUtcNow());
    }

    void IHubSessionOwner.OnUnauthorized(HubSession session) => RequestReauthentication(TokenOf(session.Kind));

    void IHubSessionOwner.OnStateChanged(HubSession session, RealtimeConnectionState state, string? reason, Exception? error) =>
        _publisher.Publish(new ConnectionStateChangedEvent(session.Kind, state, reason, error, _time.GetUtcNow()));

    /// <summary>A failed replay retries the connect; the gap it follows is still one gap.</summary>
    private bool PublishGapOnce(HubKind hub, DateTimeOffset since)
    {
        lock (_gate)
        {
            if (_gapReported[(int)hub] == since)
                return false;
            _gapReported[(int)hub] = since;
        }
        Interlocked.Increment(ref _gaps);
        ClientMetrics.Gaps.Add(1, new KeyValuePair<string, object?>("projectx.gap.reason", nameof(GapReason.Reconnect)), new KeyValuePair<string, object?>("projectx.hub", hub.ToString()));
        ClientMetrics.Reconnects.Add(1, new KeyValuePair<string, object?>("projectx.hub", hub.ToString()));
        return true;
    }

    // ---- GatewayLogout ----

    /// <summary>
    /// The token <paramref name="hub"/> signed in with is revoked: the hubs still on it reconnect (the gateway may tell
    /// only one of them), after one new login. A late GatewayLogout on the other hub's old connection, arriving after
    /// this hub is back on a new token, drops neither that hub nor the new session.
    /// </summary>
    private void OnLogout(HubKind hub)
    {
        Interlocked.Increment(ref _logouts);
        RealtimeLog.Logout(_logger, hub);
        var revoked = TokenOf(hub);
        RequestReauthentication(revoked);
        foreach (var session in (ReadOnlySpan<HubSession?>)[_user, _market])
        {
            if (session is not null && string.Equals(TokenOf(session.Kind), revoked, StringComparison.Ordinal))
                session.ForceReconnect();
        }
    }

    /// <summary>Starts one login, unless one is running or the client has already replaced <paramref name="refusedToken"/>; reconnect attempts wait for it.</summary>
    private void RequestReauthentication(string? refusedToken)
    {
        lock (_gate)
        {
            if (_reauthentication.IsCompleted && Volatile.Read(ref _disposed) == 0)
                _reauthentication = ReauthenticateAsync(refusedToken);
        }
    }

    private async Task ReauthenticateAsync(string? refusedToken)
    {
        try
        {
            await _client.ReplaceRefusedTokenAsync(refusedToken, _lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // A failed login is retried by the next reconnect attempt.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RealtimeLog.ReauthFailed(_logger, e);
        }
    }
}
