using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>One hub subscription: the stream that was subscribed and its argument (null for SubscribeAccounts).</summary>
internal sealed record Subscription(HubStream Stream, object? Argument)
{
    public HubKind Hub => Stream.Hub;
    public object?[] Arguments => Argument is null ? [] : [Argument];

    public override string ToString() =>
        Argument is null ? Stream.Subscribe.Name : string.Create(CultureInfo.InvariantCulture, $"{Stream.Subscribe.Name}({Argument})");
}

/// <summary>
/// The subscriptions a caller asked for, per hub and in order, so they can be replayed after every reconnect (the
/// gateway forgets them, spec §8.1). A lock per hub serialises invocations with replays.
/// </summary>
internal sealed class SubscriptionRegistry(Func<HubKind, HubSession?> sessions, ILogger logger)
{
    private readonly Registry _user = new();
    private readonly Registry _market = new();

    public int Count(HubKind hub) => Of(hub).Count;

    /// <summary>Every recorded subscription, user hub first, as "Method(argument)".</summary>
    public IReadOnlyList<string> Describe() => [.. _user.Snapshot().Concat(_market.Snapshot()).Select(s => s.ToString())];

    public IReadOnlyList<Subscription> Snapshot(HubKind hub) => Of(hub).Snapshot();

    /// <summary>
    /// Records, then invokes when connected. A server refusal (HubException) un-records and is thrown; a dropped
    /// connection is not an error, because the subscription is replayed when the hub is back.
    /// </summary>
    public async Task AddAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var session = sessions(subscription.Hub)
            ?? throw new InvalidOperationException($"The {subscription.Hub} hub is disabled (RealtimeOptions.Use{subscription.Hub}Hub).");
        var registry = Of(subscription.Hub);
        await registry.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            registry.Add(subscription);
            await InvokeIfConnectedAsync(session, subscription.Stream.Subscribe, subscription.Arguments, cancellationToken, onRefused: () => registry.Remove(subscription)).ConfigureAwait(false);
        }
        finally
        {
            registry.Lock.Release();
        }
    }

    public async Task RemoveAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        if (sessions(subscription.Hub) is not { } session)
            return;
        var registry = Of(subscription.Hub);
        await registry.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (registry.Remove(subscription))
                await InvokeIfConnectedAsync(session, subscription.Stream.Unsubscribe, subscription.Arguments, cancellationToken, onRefused: null).ConfigureAwait(false);
        }
        finally
        {
            registry.Lock.Release();
        }
    }

    /// <summary>Sends every recorded subscription of the session's hub again (after a connect). One refusal does not stop the others.</summary>
    public async Task ReplayAsync(HubSession session, CancellationToken cancellationToken)
    {
        var registry = Of(session.Kind);
        await registry.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var subscription in registry.Snapshot())
            {
                try
                {
                    await session.Connection.InvokeCoreAsync(subscription.Stream.Subscribe.Name, subscription.Arguments, cancellationToken).ConfigureAwait(false);
                }
                catch (HubException e)
                {
                    // The server refused this one (e.g. an expired contract); the others must still be replayed.
                    RealtimeLog.ReplayFailed(logger, session.Kind, subscription.Stream.Subscribe.Name, e);
                }
            }
        }
        finally
        {
            registry.Lock.Release();
        }
    }

    /// <summary>Unsubscribes and subscribes one recorded subscription again, e.g. to have the server resend a depth book.</summary>
    public async Task RenewAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        if (sessions(subscription.Hub) is not { IsConnected: true } session)
            return;
        var registry = Of(subscription.Hub);
        await registry.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!registry.Contains(subscription))
                return;
            await InvokeIfConnectedAsync(session, subscription.Stream.Unsubscribe, subscription.Arguments, cancellationToken, onRefused: null).ConfigureAwait(false);
            await InvokeIfConnectedAsync(session, subscription.Stream.Subscribe, subscription.Arguments, cancellationToken, onRefused: null).ConfigureAwait(false);
        }
        finally
        {
            registry.Lock.Release();
        }
    }

    private Registry Of(HubKind hub) => hub == HubKind.User ? _user : _market;

    private static async Task InvokeIfConnectedAsync(HubSession session, HubMethod method, object?[] arguments, CancellationToken cancellationToken, Action? onRefused)
    {
        if (!session.IsConnected)
            return;
        try
        {
            await session.Connection.InvokeCoreAsync(method.Name, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (HubException)
        {
            onRefused?.Invoke();
            throw;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The connection dropped under the call: the replay after the reconnect will do it.
        }
    }

    /// <summary>The subscriptions of one hub, thread-safe.</summary>
    private sealed class Registry
    {
        private readonly List<Subscription> _items = [];

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public int Count
        {
            get { lock (_items) return _items.Count; }
        }

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

        public bool Contains(Subscription subscription)
        {
            lock (_items)
                return _items.Contains(subscription);
        }

        public IReadOnlyList<Subscription> Snapshot()
        {
            lock (_items)
                return [.. _items];
        }
    }
}
