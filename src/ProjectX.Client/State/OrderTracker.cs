using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.State;

/// <summary>
/// Every order of one account, by id and by <c>customTag</c>, kept current from GatewayUserOrder events and the REST
/// snapshots of the realtime layer. An update older than the one held is ignored, so a late snapshot never rolls an
/// order back: by <c>updateTimestamp</c>, and for snapshots also by event sequence (a snapshot does not touch an order
/// the hub changed after the snapshot was taken). Bracket legs are linked to their entry through <c>parentOrderId</c>.
/// Memory is bounded: beyond <see cref="MaxFinishedOrders"/> finished orders (filled, cancelled, expired,
/// rejected) the oldest are forgotten; working orders are always kept. Thread-safe.
/// Waits end with a <see cref="TimeoutException"/> when their timeout passes (measured on the tracker's
/// <see cref="TimeProvider"/>), and with <see cref="OperationCanceledException"/> when their token is cancelled.
/// </summary>
public sealed class OrderTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<long, OrderModel> _byId = [];
    private readonly Dictionary<string, long> _byTag = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<long>> _legsByParent = [];
    private readonly Dictionary<long, long> _sequenceById = [];
    private readonly Queue<long> _finished = new();
    private readonly List<Waiter> _waiters = [];
    private readonly TimeProvider _time;

    /// <param name="accountId">Events for other accounts are ignored.</param>
    /// <param name="timeProvider">Measures wait timeouts. Default: the system clock.</param>
    /// <param name="maxFinishedOrders">Finished orders kept (default 10,000).</param>
    public OrderTracker(int accountId, TimeProvider? timeProvider = null, int maxFinishedOrders = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFinishedOrders, 1);
        AccountId = accountId;
        _time = timeProvider ?? TimeProvider.System;
        MaxFinishedOrders = maxFinishedOrders;
    }

    public int AccountId { get; }
    public int MaxFinishedOrders { get; }

    /// <summary>Raised (outside the lock) with the new state of an order after each applied change.</summary>
    public event EventHandler<OrderModel>? OrderChanged;

    public int Count { get { lock (_gate) return _byId.Count; } }

    public OrderModel? this[long orderId] => TryGet(orderId, out var o) ? o : null;

    public bool TryGet(long orderId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OrderModel? order)
    {
        lock (_gate)
            return _byId.TryGetValue(orderId, out order);
    }

    public OrderModel? FindByTag(string customTag)
    {
        ArgumentNullException.ThrowIfNull(customTag);
        lock (_gate)
            return _byTag.TryGetValue(customTag, out var id) && _byId.TryGetValue(id, out var o) ? o : null;
    }

    /// <summary>Every tracked order, oldest id first.</summary>
    public IReadOnlyList<OrderModel> All() { lock (_gate) return [.. _byId.Values.OrderBy(o => o.Id)]; }

    /// <summary>Orders still working: Open, Pending, Suspended (inactive bracket legs) or PendingCancellation.</summary>
    public IReadOnlyList<OrderModel> Working() { lock (_gate) return [.. _byId.Values.Where(o => o.Status.IsWorking()).OrderBy(o => o.Id)]; }

    /// <summary>The bracket legs (stop loss, take profit) of <paramref name="entryOrderId"/>, oldest first.</summary>
    public IReadOnlyList<OrderModel> GetLegs(long entryOrderId)
    {
        lock (_gate)
        {
            if (!_legsByParent.TryGetValue(entryOrderId, out var ids))
                return [];
            return [.. ids.Select(id => _byId.TryGetValue(id, out var o) ? o : null).OfType<OrderModel>().OrderBy(o => o.Id)];
        }
    }

    /// <summary>The OCO sibling of <paramref name="orderId"/> (its <c>linkedOrderId</c>, or the order linking to it).</summary>
    public OrderModel? GetLinked(long orderId)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(orderId, out var o) && o.LinkedOrderId is { } linked && _byId.TryGetValue(linked, out var sibling))
                return sibling;
            return _byId.Values.FirstOrDefault(x => x.LinkedOrderId == orderId);
        }
    }

    /// <summary>Applies a GatewayUserOrder event. Returns false when ignored (other account, stale).</summary>
    public bool Apply(OrderUpdatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Apply(e.Order, e.Sequence);
    }

    /// <summary>
    /// Applies a snapshot of the account's orders: the orders created in its window, then the working set. An order the
    /// hub changed after the snapshot was taken keeps the hub's state. Returns how many orders changed.
    /// </summary>
    public int Apply(OrdersSnapshotEvent snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.AccountId != AccountId)
            return 0;
        var changed = 0;
        // The working set was read first, so where both hold an order the window's copy is the newer one.
        foreach (var order in snapshot.Working.Concat(snapshot.Recent))
        {
            bool newer;
            lock (_gate)
                newer = _sequenceById.TryGetValue(order.Id, out var seen) && seen > snapshot.AsOfSequence;
            if (!newer && Apply(order, snapshot.AsOfSequence))
                changed++;
        }
        return changed;
    }

    /// <summary>Seeds or refreshes from REST (Order/search, Order/v2/query) read outside a realtime subscription.</summary>
    public int Seed(IEnumerable<OrderModel> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        int applied = 0;
        foreach (var o in orders)
            applied += Apply(o) ? 1 : 0;
        return applied;
    }

    public bool Apply(OrderModel order) => Apply(order, sequence: 0);

    private bool Apply(OrderModel order, long sequence)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.AccountId != AccountId)
            return false;
        List<Waiter>? done = null;
        lock (_gate)
        {
            if (_byId.TryGetValue(order.Id, out var old) && (IsOlder(order, old) || SameOrder(order, old)))
                return false;
            _byId[order.Id] = order;
            if (sequence > 0)
                _sequenceById[order.Id] = sequence;
            if (!string.IsNullOrEmpty(order.CustomTag))
                _byTag[order.CustomTag] = order.Id;
            if (order.ParentOrderId is { } parent && parent != order.Id)
            {
                if (!_legsByParent.TryGetValue(parent, out var legs))
                    _legsByParent[parent] = legs = [];
                if (!legs.Contains(order.Id))
                    legs.Add(order.Id);
            }
            if (order.Status.IsTerminal() && (old is null || !old.Status.IsTerminal()))
            {
                _finished.Enqueue(order.Id);
                Trim();
            }
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].OrderId == order.Id && _waiters[i].IsSatisfiedBy(order))
                {
                    (done ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }
        if (done is not null)
            foreach (var w in done)
                w.Complete(order);
        OrderChanged?.Invoke(this, order);
        return true;
    }

    /// <summary>
    /// Waits until <paramref name="orderId"/> is in one of <paramref name="statuses"/> and returns it then (at once
    /// if it already is).
    /// </summary>
    /// <exception cref="TimeoutException">Not in any of those statuses within <paramref name="timeout"/>.</exception>
    public Task<OrderModel> WaitForStatusAsync(long orderId, IReadOnlyCollection<OrderStatus> statuses, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (statuses.Count == 0)
            throw new ArgumentException("Name at least one status.", nameof(statuses));
        var wanted = statuses.ToArray();
        return WaitAsync(orderId, o => Array.IndexOf(wanted, o.Status) >= 0, failOnFinish: false, $"status {string.Join(" or ", wanted)}", timeout, cancellationToken);
    }

    /// <inheritdoc cref="WaitForStatusAsync(long, IReadOnlyCollection{OrderStatus}, TimeSpan, CancellationToken)"/>
    public Task<OrderModel> WaitForStatusAsync(long orderId, OrderStatus status, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForStatusAsync(orderId, [status], timeout, cancellationToken);

    /// <summary>Waits until <paramref name="orderId"/> is filled and returns it.</summary>
    /// <exception cref="TimeoutException">Not filled within <paramref name="timeout"/>.</exception>
    /// <exception cref="ProjectXOrderRejectedException">It was cancelled, expired or rejected instead.</exception>
    public Task<OrderModel> WaitForFillAsync(long orderId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(orderId, o => o.Status == OrderStatus.Filled, failOnFinish: true, "a fill", timeout, cancellationToken);

    /// <summary>Waits until an order with <paramref name="customTag"/> is tracked (e.g. right after placing it).</summary>
    public async Task<OrderModel> WaitForTagAsync(string customTag, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customTag);
        var tcs = new TaskCompletionSource<OrderModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, OrderModel o)
        {
            if (string.Equals(o.CustomTag, customTag, StringComparison.Ordinal))
                tcs.TrySetResult(o);
        }
        OrderChanged += OnChanged;
        try
        {
            if (FindByTag(customTag) is { } known)
                return known;
            return await Await(tcs.Task, timeout, () => $"No order with tag {customTag} arrived within {timeout}.", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OrderChanged -= OnChanged;
        }
    }

    /// <summary>Forgets every order (e.g. before a full re-seed).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _byTag.Clear();
            _legsByParent.Clear();
            _sequenceById.Clear();
            _finished.Clear();
        }
    }

    public override string ToString() => $"OrderTracker account {AccountId}: {Count} orders";

    private async Task<OrderModel> WaitAsync(long orderId, Func<OrderModel, bool> predicate, bool failOnFinish, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(orderId, predicate, failOnFinish, what);
        lock (_gate)
        {
            if (_byId.TryGetValue(orderId, out var current) && waiter.IsSatisfiedBy(current))
                waiter.Complete(current);
            else
                _waiters.Add(waiter);
        }
        try
        {
            return await Await(waiter.Task, timeout,
                () => $"Order {orderId} did not reach {what} within {timeout} (last known: {(TryGet(orderId, out var o) ? o.Status.ToString() : "never seen")}).",
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
                _waiters.Remove(waiter);
        }
    }

    private async Task<T> Await<T>(Task<T> task, TimeSpan timeout, Func<string> timeoutMessage, CancellationToken cancellationToken)
    {
        if (task.IsCompleted)
            return await task.ConfigureAwait(false);
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(timeoutMessage());
        }
    }

    // Orders never reopen: a finished order only changes on a strictly newer update.
    private static bool IsOlder(OrderModel incoming, OrderModel held)
    {
        if (incoming.UpdateTimestamp is { } a && held.UpdateTimestamp is { } b)
            return a < b || (a == b && held.Status.IsTerminal() && !incoming.Status.IsTerminal());
        return held.Status.IsTerminal() && !incoming.Status.IsTerminal();
    }

    // A snapshot repeats what the hub already said: an identical copy is no change, and raises no event.
    private static bool SameOrder(OrderModel a, OrderModel b) =>
        a.Status == b.Status && a.Size == b.Size && a.FillVolume == b.FillVolume && a.FilledPrice == b.FilledPrice
        && a.LimitPrice == b.LimitPrice && a.StopPrice == b.StopPrice && a.TrailPrice == b.TrailPrice && a.Type == b.Type
        && a.Side == b.Side && a.UpdateTimestamp == b.UpdateTimestamp;

    private void Trim()
    {
        while (_finished.Count > MaxFinishedOrders)
        {
            var id = _finished.Dequeue();
            if (!_byId.Remove(id, out var o))
                continue;
            _sequenceById.Remove(id);
            if (o.CustomTag is { } tag && _byTag.TryGetValue(tag, out var tagged) && tagged == id)
                _byTag.Remove(tag);
            _legsByParent.Remove(id);
            if (o.ParentOrderId is { } parent && _legsByParent.TryGetValue(parent, out var legs))
                legs.Remove(id);
        }
    }

    private sealed class Waiter(long orderId, Func<OrderModel, bool> predicate, bool failOnFinish, string what)
    {
        private readonly TaskCompletionSource<OrderModel> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long OrderId { get; } = orderId;
        public Task<OrderModel> Task => _tcs.Task;

        public bool IsSatisfiedBy(OrderModel o) => predicate(o) || (failOnFinish && o.Status.IsTerminal());

        public void Complete(OrderModel o)
        {
            if (predicate(o))
                _tcs.TrySetResult(o);
            else
                _tcs.TrySetException(new ProjectXOrderRejectedException(
                    $"Order {o.Id} ended {o.Status} before reaching {what}.", o.Id, o.CustomTag));
        }
    }
}
