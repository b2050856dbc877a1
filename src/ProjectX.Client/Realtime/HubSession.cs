using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Realtime;

/// <summary>
/// One hub connection and its supervisor: connect, replay subscriptions, and after any close that we did not
/// ask for, reconnect with backoff for as long as the session is not stopped. SignalR's own automatic reconnect
/// is not used because it neither covers forced reconnects (stale feed, logout) nor re-authenticates.
/// </summary>
internal sealed class HubSession : IAsyncDisposable
{
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IHubSessionOwner _owner;
    private readonly object _gate = new();
    private CancellationTokenSource? _run;
    private Task _supervisor = Task.CompletedTask;
    private TaskCompletionSource<Exception?> _closed = NewClosedSignal();
    private volatile RealtimeConnectionState _state = RealtimeConnectionState.Disconnected;
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(5);
    private long _connects;
    private long _connectedAt;
    private int _unstable;
    private int _disposed;

    public HubSession(HubKind kind, IConnectionFactory factory, Uri hubUrl, RealtimeOptions options, TimeProvider time,
        ILoggerFactory? loggerFactory, IHubProtocol protocol, IHubSessionOwner owner)
    {
        Kind = kind;
        _options = options;
        _time = time;
        _owner = owner;
        _logger = loggerFactory?.CreateLogger("ProjectX.Client.Realtime") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hubUrl));
        builder.Services.AddSingleton(protocol);
        if (loggerFactory is not null)
            builder.Services.AddSingleton(loggerFactory);
        Connection = builder.Build();
        Connection.ServerTimeout = options.ServerTimeout;
        Connection.KeepAliveInterval = options.KeepAliveInterval;
        Connection.HandshakeTimeout = options.HandshakeTimeout;
        Connection.Closed += OnClosedAsync;
    }

    public HubKind Kind { get; }
    public HubConnection Connection { get; }
    public RealtimeConnectionState State => _state;
    public bool IsConnected => _state == RealtimeConnectionState.Connected && Connection.State == HubConnectionState.Connected;
    /// <summary>Successful connects, the first included.</summary>
    public long ConnectCount => Interlocked.Read(ref _connects);
    public DateTimeOffset? LastDisconnectedAt { get; private set; }

    /// <summary>The first connect: failures are thrown to the caller (bad URL, refused token). Then supervises.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource run;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_run is not null)
                return;
            run = _run = new CancellationTokenSource();
        }
        SetState(RealtimeConnectionState.Connecting, null, null);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, run.Token);
            await ConnectOnceAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_gate)
                _run = null;
            run.Dispose();
            SetState(RealtimeConnectionState.Disconnected, "Start failed", e);
            throw;
        }
        _supervisor = Task.Run(() => SuperviseAsync(run.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? run;
        lock (_gate)
        {
            run = _run;
            _run = null;
        }
        if (run is null)
            return;
        await run.CancelAsync().ConfigureAwait(false);
        try
        {
            // Supervisor first: a reconnect that completes while it is being cancelled must not outlive this stop.
            await _supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
            await Connection.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            run.Dispose();
            SetState(RealtimeConnectionState.Disconnected, "Stopped", null);
        }
    }

    /// <summary>Drops the connection so the supervisor reconnects (stale feed, logout). No-op when not running.</summary>
    public void ForceReconnect()
    {
        if (_run is null || Connection.State == HubConnectionState.Disconnected)
            return;
        // Not inline: this may run inside a hub callback, and StopAsync waits for the receive loop.
        _ = Task.Run(StopConnectionQuietlyAsync);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Connection.Closed -= OnClosedAsync;
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StopConnectionQuietlyAsync()
    {
        try
        {
            await Connection.StopAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed stop still ends in Closed or a later reconnect; nothing to report.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private Task OnClosedAsync(Exception? error)
    {
        LastDisconnectedAt = _time.GetUtcNow();
        Volatile.Read(ref _closed).TrySetResult(error);
        return Task.CompletedTask;
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Exception? error;
            try
            {
                error = await Volatile.Read(ref _closed).Task.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            SetState(RealtimeConnectionState.Reconnecting, error is null ? "Connection closed" : "Connection lost", error);
            // A connection that dies right after it was made (a server that accepts and drops) keeps backing off
            // instead of restarting at the first (zero) delay, so the client never hammers the gateway.
            _unstable = _time.GetElapsedTime(Volatile.Read(ref _connectedAt)) < StableConnection ? _unstable + 1 : 0;
            await ReconnectAsync(_unstable, stop).ConfigureAwait(false);
        }
    }

    private async Task ReconnectAsync(int firstAttempt, CancellationToken stop)
    {
        for (var attempt = firstAttempt; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                var delay = Jitter(_options.ReconnectDelays[Math.Min(attempt, _options.ReconnectDelays.Count - 1)]);
                if (delay > TimeSpan.Zero)
                    await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                await _owner.BeforeReconnectAsync(this, attempt, stop).ConfigureAwait(false);
                await ConnectOnceAsync(stop).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Every failure is retried: the supervisor never gives up while running.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (IsUnauthorized(e))
                    _owner.OnUnauthorized(this);
                var next = _options.ReconnectDelays[Math.Min(attempt + 1, _options.ReconnectDelays.Count - 1)];
                RealtimeLog.ConnectFailed(_logger, Kind, attempt + 1, next.TotalMilliseconds, e);
            }
        }
    }

    /// <summary>Start, replay subscriptions, then Connected. A failed replay drops the connection and counts as a failed attempt.</summary>
    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _closed, NewClosedSignal());
        await Connection.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _owner.OnConnectedAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await StopConnectionQuietlyAsync().ConfigureAwait(false);
            throw;
        }
        Volatile.Write(ref _connectedAt, _time.GetTimestamp());
        var first = Interlocked.Increment(ref _connects) == 1;
        SetState(RealtimeConnectionState.Connected, first ? "Connected" : "Reconnected", null);
        _owner.AfterConnected(this, first);
    }

    private void SetState(RealtimeConnectionState state, string? reason, Exception? error)
    {
        if (_state == state && error is null)
            return;
        _state = state;
        RealtimeLog.StateChanged(_logger, Kind, state, error);
        _owner.OnStateChanged(this, state, reason, error);
    }

    /// <summary>The hub refused the token (HTTP 401 on the upgrade): the session ended without a GatewayLogout.</summary>
    internal static bool IsUnauthorized(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized }
                || e.Message.Contains("'401'", StringComparison.Ordinal)
                || e.Message.Contains("401 (Unauthorized)", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static TimeSpan Jitter(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? delay : delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    private static TaskCompletionSource<Exception?> NewClosedSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What a <see cref="HubSession"/> asks of <see cref="ProjectXRealtime"/>.</summary>
internal interface IHubSessionOwner
{
    /// <summary>Before each reconnect attempt: re-authenticate when the session ended.</summary>
    Task BeforeReconnectAsync(HubSession session, int attempt, CancellationToken cancellationToken);
    /// <summary>After StartAsync, before Connected: replay subscriptions.</summary>
    Task OnConnectedAsync(HubSession session, CancellationToken cancellationToken);
    /// <summary>After Connected (not awaited work such as a REST re-sync is started here).</summary>
    void AfterConnected(HubSession session, bool first);
    /// <summary>A connect attempt was refused with 401: log in again before the next attempt.</summary>
    void OnUnauthorized(HubSession session);
    void OnStateChanged(HubSession session, RealtimeConnectionState state, string? reason, Exception? error);
}
