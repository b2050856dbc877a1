using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>One hub subscription: the stream that was subscribed and its argument (null for SubscribeAccounts).</summary>
internal sealed record Subscription(HubStream Stream, object? Argument)
{
    public HubKind Hub => Stream.Hub;

    public object?[] Arguments => Argument is null ? [] : [Argument];
}

/// <summary>
/// The subscriptions a caller asked for, in order, so they can be replayed after every reconnect (the
/// gateway forgets them, spec §8.1). Thread-safe; a lock per hub also serialises invocations with replays.
/// </summary>
internal sealed class SubscriptionSet
{
    private readonly List<Subscription> _items = [];

    public SemaphoreSlim Lock { get; } = new(1, 1);

    public int Count
    {
        get { lock (_items) return _items.Count; }
    }

    /// <summary>True when it was not there yet.</summary>
    public bool Add(Subscription subscription)
    {
        lock (_items)
        {
            if (_items.Contains(subscription))
                return false;
            _items.Add(subscription);
            return true;
        }
    }

    public bool Remove(Subscription subscription)
    {
        lock (_items)
            return _items.Remove(subscription);
    }

    public IReadOnlyList<Subscription> Snapshot()
    {
        lock (_items)
            return [.. _items];
    }
}
