using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

// REST re-sync after a gap (spec §8.5): what changed while the user hub was away is published as events with
// EventOrigin.Resync, so a consumer that only listens to events ends with the server's state.
public sealed partial class ProjectXRealtime
{
    private static readonly OrderStatus[] WorkingStatuses = [OrderStatus.Open, OrderStatus.Suspended];
    private readonly SemaphoreSlim _resyncLock = new(1, 1);
    private long _resyncs;

    /// <summary>Completed REST re-syncs (after reconnects and from <see cref="ResyncAsync"/>).</summary>
    public long ResyncCount => Interlocked.Read(ref _resyncs);

    /// <summary>
    /// Re-reads every subscribed account's orders, positions, trades (and the accounts) over REST now and
    /// publishes what differs from the last known state. Runs by itself after every user-hub reconnect.
    /// </summary>
    public Task<int> ResyncAsync(CancellationToken cancellationToken = default) =>
        ResyncAllAsync(_time.GetUtcNow(), cancellationToken);

    private async Task ResyncInBackgroundAsync(DateTimeOffset? gapStart)
    {
        var token = _lifetime.Token;
        for (var attempt = 1; !token.IsCancellationRequested; attempt++)
        {
            try
            {
                await ResyncAllAsync(gapStart, token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
#pragma warning disable CA1031 // Logged and retried; a later reconnect re-syncs again anyway.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RealtimeLog.ResyncFailed(_logger, attempt, e);
                if (attempt >= 5)
                    return;
                var delay = _options.ReconnectDelays[Math.Min(attempt, _options.ReconnectDelays.Count - 1)];
                try
                {
                    await Task.Delay(delay, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary><paramref name="gapStart"/> null = baseline (first connect): working state only, no history.</summary>
    private async Task<int> ResyncAllAsync(DateTimeOffset? gapStart, CancellationToken cancellationToken)
    {
        await _resyncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var published = 0;
            foreach (var subscription in _userSubscriptions.Snapshot())
                published += await ResyncOneAsync(subscription, gapStart, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _resyncs);
            RealtimeLog.Resynced(_logger, published);
            return published;
        }
        finally
        {
            _resyncLock.Release();
        }
    }

    private async Task BaselineAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        await _resyncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ResyncOneAsync(subscription, gapStart: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _resyncLock.Release();
        }
    }

    private Task<int> ResyncOneAsync(Subscription subscription, DateTimeOffset? gapStart, CancellationToken cancellationToken)
    {
        var stream = subscription.Stream;
        if (stream == HubProtocol.Accounts)
            return ResyncAccountsAsync(cancellationToken);
        if (subscription.Argument is not int accountId)
            return Task.FromResult(0);
        return stream == HubProtocol.Orders ? ResyncOrdersAsync(accountId, gapStart, cancellationToken)
            : stream == HubProtocol.Positions ? ResyncPositionsAsync(accountId, cancellationToken)
            : stream == HubProtocol.Trades ? ResyncTradesAsync(accountId, gapStart, cancellationToken)
            : Task.FromResult(0);
    }

    private async Task<int> ResyncAccountsAsync(CancellationToken cancellationToken)
    {
        var sequence = _tracker.Sequence;
        var accounts = await _client.GetAccountsAsync(onlyActive: true, cancellationToken).ConfigureAwait(false);
        var changed = _tracker.DiffAccounts(accounts, sequence);
        foreach (var account in changed)
            _accounts.Publish(new AccountUpdatedEvent(account, null, _time.GetUtcNow(), EventOrigin.Resync));
        return changed.Count;
    }

    /// <summary>
    /// Working orders (Open + Suspended bracket legs, via Order/v2/query), plus after a gap every order created
    /// since the gap, or since the oldest known working order that is no longer working (it filled or was
    /// cancelled while we were away).
    /// </summary>
    private async Task<int> ResyncOrdersAsync(int accountId, DateTimeOffset? gapStart, CancellationToken cancellationToken)
    {
        var sequence = _tracker.Sequence;
        var working = await _client.QueryOrdersAsync(new OrderQuery { AccountId = accountId, Statuses = WorkingStatuses }, cancellationToken).ConfigureAwait(false);
        var merged = new Dictionary<long, OrderModel>();
        foreach (var order in working)
            merged[order.Id] = order;
        if (gapStart is { } gap)
        {
            var vanished = _tracker.VanishedWorkingOrders(accountId, merged.Keys.ToHashSet());
            var since = vanished.Select(o => o.CreationTimestamp).Append(gap).Min() - _options.ResyncLookback;
            // Read after the working set, so where both have an order this one is the newer.
            foreach (var order in await _client.SearchOrdersAsync(since, null, accountId, cancellationToken).ConfigureAwait(false))
                merged[order.Id] = order;
        }
        var changed = _tracker.DiffOrders(merged.Values.OrderBy(o => o.CreationTimestamp).ThenBy(o => o.Id), sequence);
        foreach (var order in changed)
            _orders.Publish(new OrderUpdatedEvent(order, null, _time.GetUtcNow(), EventOrigin.Resync));
        return changed.Count;
    }

    private async Task<int> ResyncPositionsAsync(int accountId, CancellationToken cancellationToken)
    {
        var sequence = _tracker.Sequence;
        var positions = await _client.GetPositionsAsync(accountId, cancellationToken).ConfigureAwait(false);
        var changed = _tracker.DiffPositions(accountId, positions, sequence);
        foreach (var position in changed)
            _positions.Publish(new PositionUpdatedEvent(position, null, _time.GetUtcNow(), EventOrigin.Resync));
        return changed.Count;
    }

    /// <summary>Baseline: remembers recent fills without publishing them. After a gap: publishes fills not seen yet.</summary>
    private async Task<int> ResyncTradesAsync(int accountId, DateTimeOffset? gapStart, CancellationToken cancellationToken)
    {
        var since = (gapStart ?? _time.GetUtcNow()) - _options.ResyncLookback;
        var trades = await _client.SearchTradesAsync(since, null, accountId, cancellationToken).ConfigureAwait(false);
        var added = _tracker.NewTrades(accountId, trades, seedOnly: gapStart is null);
        foreach (var trade in added)
            _trades.Publish(new TradeExecutedEvent(trade, null, _time.GetUtcNow(), EventOrigin.Resync));
        return added.Count;
    }
}
