using Microsoft.Extensions.Logging;
using ProjectX.Client.Diagnostics;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The REST half of "snapshot plus changes" (spec §8.5): a snapshot of each user subscription when it starts, and of
/// all of them after every gap (a reconnect, or a consumer that dropped user events). Resyncs run in the background,
/// one at a time, coalescing the gaps that arrive meanwhile, and retry a few times before waiting for the next gap.
/// It keeps one small index, the creation times of the orders the stream last called working, so that after a gap it
/// reads back far enough to find how each of them ended.
/// </summary>
internal sealed class UserSnapshots
{
    private const int MaxAttempts = 5;

    private readonly ProjectXClient _client;
    private readonly RealtimePublisher _publisher;
    private readonly SubscriptionRegistry _subscriptions;
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _lifetime;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<long, (int AccountId, DateTimeOffset Created)> _working = [];
    private DateTimeOffset? _pendingSince;
    private bool _draining;
    private long _resyncs;

    public UserSnapshots(ProjectXClient client, RealtimePublisher publisher, SubscriptionRegistry subscriptions, RealtimeOptions options,
        TimeProvider time, ILogger logger, CancellationToken lifetime)
    {
        _client = client;
        _publisher = publisher;
        _subscriptions = subscriptions;
        _options = options;
        _time = time;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>Completed resyncs after gaps (and from <see cref="ResyncAsync"/>).</summary>
    public long ResyncCount => Interlocked.Read(ref _resyncs);

    /// <summary>Notes an order the hub reported (the index of working orders).</summary>
    public void Observe(OrderModel order)
    {
        lock (_working)
        {
            if (order.Status.IsWorking())
                _working[order.Id] = (order.AccountId, order.CreationTimestamp);
            else
                _working.Remove(order.Id);
        }
    }

    /// <summary>The first snapshot of a new subscription; <paramref name="historySince"/> adds the orders and fills since then.</summary>
    public async Task BaselineAsync(Subscription subscription, DateTimeOffset? historySince, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PublishAsync(subscription, historySince, lookback: TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Re-reads every user subscription now, covering what happened since <paramref name="since"/>.</summary>
    public async Task<int> ResyncAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var published = 0;
            foreach (var subscription in _subscriptions.Snapshot(HubKind.User))
            {
                await PublishAsync(subscription, since, _options.ResyncLookback, cancellationToken).ConfigureAwait(false);
                published++;
            }
            Interlocked.Increment(ref _resyncs);
            ClientMetrics.Resyncs.Add(1);
            RealtimeLog.Resynced(_logger, published);
            return published;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>After a gap that began at <paramref name="since"/>: resync in the background, merged with any resync already waiting.</summary>
    public void RequestResync(DateTimeOffset since)
    {
        if (_subscriptions.Count(HubKind.User) == 0)
            return;
        lock (_gate)
        {
            _pendingSince = _pendingSince is { } pending && pending < since ? pending : since;
            if (_draining)
                return;
            _draining = true;
        }
        _ = Task.Run(DrainAsync, CancellationToken.None);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            DateTimeOffset since;
            lock (_gate)
            {
                if (_pendingSince is not { } pending || _lifetime.IsCancellationRequested)
                {
                    _pendingSince = null;
                    _draining = false;
                    return;
                }
                since = pending;
                _pendingSince = null;
            }
            await ResyncWithRetriesAsync(since).ConfigureAwait(false);
        }
    }

    private async Task ResyncWithRetriesAsync(DateTimeOffset since)
    {
        for (var attempt = 1; !_lifetime.IsCancellationRequested; attempt++)
        {
            try
            {
                await ResyncAsync(since, _lifetime).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
#pragma warning disable CA1031 // Logged and retried; the next gap resyncs again anyway.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RealtimeLog.ResyncFailed(_logger, attempt, e);
                if (attempt >= MaxAttempts)
                    return;
                try
                {
                    await Task.Delay(_options.ReconnectDelays[Math.Min(attempt, _options.ReconnectDelays.Count - 1)], _time, _lifetime).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PublishAsync(Subscription subscription, DateTimeOffset? since, TimeSpan lookback, CancellationToken cancellationToken)
    {
        var asOf = _publisher.CurrentSequence;
        var stream = subscription.Stream;
        if (stream == HubProtocol.Accounts)
        {
            var accounts = await _client.GetAccountsAsync(onlyActive: true, cancellationToken).ConfigureAwait(false);
            _publisher.Publish(new AccountsSnapshotEvent(accounts, asOf, _time.GetUtcNow()));
            return;
        }
        if (subscription.Argument is not int accountId)
            return;
        if (stream == HubProtocol.Orders)
            _publisher.Publish(await OrdersAsync(accountId, since, lookback, asOf, cancellationToken).ConfigureAwait(false));
        else if (stream == HubProtocol.Positions)
            _publisher.Publish(new PositionsSnapshotEvent(accountId, await _client.GetPositionsAsync(accountId, cancellationToken).ConfigureAwait(false), asOf, _time.GetUtcNow()));
        else if (stream == HubProtocol.Trades && since is { } from)
            _publisher.Publish(new TradesSnapshotEvent(accountId, await _client.SearchTradesAsync(from - lookback, null, accountId, cancellationToken).ConfigureAwait(false), from - lookback, asOf, _time.GetUtcNow()));
    }

    /// <summary>
    /// The working set (Order/v2/query: Open and Suspended bracket legs too), plus, when a window is given, the orders
    /// created since the earlier of the window and the oldest order we last knew as working that is no longer.
    /// </summary>
    private async Task<OrdersSnapshotEvent> OrdersAsync(int accountId, DateTimeOffset? since, TimeSpan lookback, long asOf, CancellationToken cancellationToken)
    {
        var working = await _client.GetWorkingOrdersAsync(accountId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OrderModel> recent = [];
        var ended = EndedSinceLastKnown(accountId, working);
        if (since is not null || ended is not null)
        {
            var from = (ended is { } e && (since is null || e < since) ? e : since!.Value) - lookback;
            recent = await _client.SearchOrdersAsync(from, null, accountId, cancellationToken).ConfigureAwait(false);
        }
        lock (_working)
        {
            foreach (var id in _working.Where(w => w.Value.AccountId == accountId).Select(w => w.Key).ToList())
                _working.Remove(id);
            foreach (var order in working)
                _working[order.Id] = (order.AccountId, order.CreationTimestamp);
        }
        return new OrdersSnapshotEvent(accountId, working, recent, asOf, _time.GetUtcNow());
    }

    /// <summary>The creation time of the oldest order the stream called working that the fresh working set lacks, if any.</summary>
    private DateTimeOffset? EndedSinceLastKnown(int accountId, IReadOnlyList<OrderModel> working)
    {
        var stillWorking = working.Select(o => o.Id).ToHashSet();
        lock (_working)
        {
            DateTimeOffset? oldest = null;
            foreach (var (id, (account, created)) in _working)
            {
                if (account == accountId && !stillWorking.Contains(id) && (oldest is null || created < oldest))
                    oldest = created;
            }
            return oldest;
        }
    }
}
