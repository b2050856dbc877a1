using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The gateway's two SignalR hubs (user: accounts, orders, positions, trades; market: quotes, trades, depth) for
/// one <see cref="ProjectXClient"/>. It reconnects for as long as it is not stopped or disposed (a fresh token on
/// every attempt), replays every subscription after each reconnect, re-syncs orders, positions, trades and
/// accounts over REST after a gap (publishing the differences with <see cref="EventOrigin.Resync"/>), forces a
/// reconnect when the market feed goes silent while subscribed, and re-authenticates on <c>GatewayLogout</c>.
/// <para>
/// Events arrive as .NET events and as streams (<see cref="OpenStream{T}"/>). Both are bounded per subscriber
/// with the same overflow policy: the socket never waits; when one subscriber's queue is full its OLDEST event
/// is dropped (see <see cref="RealtimeStream{T}.DroppedCount"/>). Each .NET event handler has its own queue and
/// task, so a slow handler delays only itself. A consumer of user events that drops events should rebuild its
/// state over REST (or from <see cref="ResyncAsync"/>); size queues so that it does not happen.
/// </para>
/// </summary>
public sealed partial class ProjectXRealtime : IAsyncDisposable, IHubSessionOwner
{
    private readonly ProjectXClient _client;
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HubSession? _user;
    private readonly HubSession? _market;
    private readonly SubscriptionSet _userSubscriptions = new();
    private readonly SubscriptionSet _marketSubscriptions = new();
    private readonly UserStateTracker _tracker = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private Task _reauthentication = Task.CompletedTask;
    private ITimer? _watchdog;
    private long _malformed;
    private long _staleReconnects;
    private long _logouts;
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
        _all = new EventFanout<RealtimeEvent>(null);
        _orders = new(_all);
        _positions = new(_all);
        _trades = new(_all);
        _accounts = new(_all);
        _quotes = new(_all);
        _marketTrades = new(_all);
        _depth = new(_all);
        _states = new(_all);
        _lastMarketMessage = _time.GetTimestamp();
        InitializeHandlers();

        var transport = _options.Transport ?? clientOptions.RealtimeTransport;
        var protocol = new TolerantHubProtocol(OnMalformed);
        if (_options.UseUserHub)
        {
            _user = new HubSession(HubKind.User, Factory(transport, HubKind.User, client.UserHubUrl), client.UserHubUrl, _options, _time, loggerFactory, protocol, this);
            RegisterUserHandlers(_user.Connection);
        }
        if (_options.UseMarketHub)
        {
            _market = new HubSession(HubKind.Market, Factory(transport, HubKind.Market, client.MarketHubUrl), client.MarketHubUrl, _options, _time, loggerFactory, protocol, this);
            RegisterMarketHandlers(_market.Connection);
        }
    }

    public ProjectXClient Client => _client;

    /// <summary>State of the user hub (Disconnected when it is disabled).</summary>
    public RealtimeConnectionState UserHubState => _user?.State ?? RealtimeConnectionState.Disconnected;

    /// <summary>State of the market hub (Disconnected when it is disabled).</summary>
    public RealtimeConnectionState MarketHubState => _market?.State ?? RealtimeConnectionState.Disconnected;

    public RealtimeConnectionState GetState(HubKind hub) => hub == HubKind.User ? UserHubState : MarketHubState;

    /// <summary>Successful connects of a hub, the first included (so reconnects = count − 1).</summary>
    public long GetConnectCount(HubKind hub) => Session(hub)?.ConnectCount ?? 0;

    /// <summary>Hub payloads that could not be read and were skipped (each is logged; the connection lives on).</summary>
    public long MalformedPayloadCount => Interlocked.Read(ref _malformed);

    /// <summary>Reconnects forced by the market-feed watchdog.</summary>
    public long StaleFeedReconnectCount => Interlocked.Read(ref _staleReconnects);

    /// <summary><c>GatewayLogout</c> messages handled (each re-authenticates and reconnects).</summary>
    public long LogoutCount => Interlocked.Read(ref _logouts);

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
        StartWatchdog();
    }

    /// <summary>Disconnects both hubs and stops reconnecting. Subscriptions stay recorded for a later <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _watchdog, null)?.Dispose();
        var stops = new List<Task>(2);
        if (_user is not null) stops.Add(_user.StopAsync(cancellationToken));
        if (_market is not null) stops.Add(_market.StopAsync(cancellationToken));
        await Task.WhenAll(stops).ConfigureAwait(false);
    }

    /// <summary>Drops a hub's connection now; it reconnects, replays its subscriptions and (user hub) re-syncs.</summary>
    public void Reconnect(HubKind hub) => Session(hub)?.ForceReconnect();

    /// <summary>Stops both hubs, completes every stream and stops every event handler queue. Does not dispose the client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            Interlocked.Exchange(ref _watchdog, null)?.Dispose();
            await Task.WhenAll(
                _user?.DisposeAsync().AsTask() ?? Task.CompletedTask,
                _market?.DisposeAsync().AsTask() ?? Task.CompletedTask).ConfigureAwait(false);
        }
        finally
        {
            CompleteAllFanouts();
            // The semaphores and _lifetime are cancelled, not disposed: background work that still touches them must
            // see a cancellation rather than ObjectDisposedException, and neither holds an unmanaged resource here.
        }
    }

    public override string ToString() => $"ProjectXRealtime {{ User = {UserHubState}, Market = {MarketHubState} }}";

    private HubSession? Session(HubKind hub) => hub == HubKind.User ? _user : _market;

    private SubscriptionSet Subscriptions(HubKind hub) => hub == HubKind.User ? _userSubscriptions : _marketSubscriptions;

    private IConnectionFactory Factory(IRealtimeTransport? transport, HubKind hub, Uri url) =>
        transport?.CreateConnectionFactory(hub, url, _client.GetAccessTokenAsync) ?? new WebSocketConnectionFactory(url, _client.GetAccessTokenAsync);

    private void OnMalformed(string target, Exception? error)
    {
        Interlocked.Increment(ref _malformed);
        RealtimeLog.MalformedPayload(_logger, target, error);
    }

    // ---- IHubSessionOwner ----

    async Task IHubSessionOwner.BeforeReconnectAsync(HubSession session, int attempt, CancellationToken cancellationToken)
    {
        // Repeated failures may mean the token was refused without a GatewayLogout: log in afresh every third attempt.
        if (attempt % 3 == 2)
            RequestReauthentication();
        Task pending;
        lock (_gate)
            pending = _reauthentication;
        await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    async Task IHubSessionOwner.OnConnectedAsync(HubSession session, CancellationToken cancellationToken)
    {
        var set = Subscriptions(session.Kind);
        await set.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var subscription in set.Snapshot())
            {
                try
                {
                    await session.Connection.InvokeCoreAsync(subscription.Stream.Subscribe.Name, subscription.Arguments, cancellationToken).ConfigureAwait(false);
                }
                catch (HubException e)
                {
                    // The server refused this one (e.g. an expired contract); the others must still be replayed.
                    RealtimeLog.ReplayFailed(_logger, session.Kind, subscription.Stream.Subscribe.Name, e);
                }
            }
        }
        finally
        {
            set.Lock.Release();
        }
        if (session.Kind == HubKind.Market)
            MarkMarketAlive();
    }

    void IHubSessionOwner.AfterConnected(HubSession session, bool first)
    {
        if (session.Kind == HubKind.User && _userSubscriptions.Count > 0)
            _ = ResyncInBackgroundAsync(first ? null : session.LastDisconnectedAt ?? _time.GetUtcNow());
    }

    void IHubSessionOwner.OnUnauthorized(HubSession session) => RequestReauthentication();

    void IHubSessionOwner.OnStateChanged(HubSession session, RealtimeConnectionState state, string? reason, Exception? error) =>
        _states.Publish(new ConnectionStateChangedEvent(session.Kind, state, reason, error, _time.GetUtcNow()));

    // ---- GatewayLogout ----

    private void OnLogout(HubKind hub)
    {
        Interlocked.Increment(ref _logouts);
        RealtimeLog.Logout(_logger, hub);
        RequestReauthentication();
        _user?.ForceReconnect();
        _market?.ForceReconnect();
    }

    /// <summary>Starts one login unless one is running; reconnect attempts wait for it.</summary>
    private void RequestReauthentication()
    {
        lock (_gate)
        {
            if (_reauthentication.IsCompleted && Volatile.Read(ref _disposed) == 0)
                _reauthentication = ReauthenticateAsync();
        }
    }

    private async Task ReauthenticateAsync()
    {
        try
        {
            await _client.AuthenticateAsync(_lifetime.Token).ConfigureAwait(false);
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
