using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ProjectX.Client.Diagnostics;

namespace ProjectX.Client.Realtime;

/// <summary>
/// Fans one event type out to independent bounded queues: streams and one queue per .NET event handler.
/// <see cref="Publish"/> never blocks (DropOldest), so the socket callback that calls it cannot be stalled by
/// any consumer; each handler runs on its own pump task, so a slow handler only delays itself.
/// </summary>
internal sealed class EventFanout<T> where T : RealtimeEvent
{
    private readonly EventFanout<RealtimeEvent>? _all;
    private readonly Action<GapEvent, bool>? _onGapObserved;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private volatile FanoutSubscriber<T>[] _subscribers = [];

    /// <param name="all">The fan-out of every event, which also receives what this one publishes.</param>
    /// <param name="onGapObserved">
    /// Told when a subscriber that dropped events reads again (the gap, and whether user state was among what it lost).
    /// Not when it drops them: a consumer that is stalled gains nothing from a resync it cannot read yet.
    /// </param>
    /// <param name="time">Stamps the gap events of overflowing subscribers.</param>
    public EventFanout(EventFanout<RealtimeEvent>? all, Action<GapEvent, bool>? onGapObserved = null, TimeProvider? time = null)
    {
        _all = all;
        _onGapObserved = onGapObserved;
        _time = time ?? TimeProvider.System;
    }

    public bool HasSubscribers => _subscribers.Length > 0 || (_all?.HasSubscribers ?? false);

    public void Publish(T item)
    {
        var subscribers = _subscribers;
        for (var i = 0; i < subscribers.Length; i++)
            subscribers[i].Write(item);
        _all?.Publish(item);
    }

    public FanoutSubscriber<T> Subscribe(int capacity, bool singleReader, Delegate? handler = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscriber = new FanoutSubscriber<T>(capacity, singleReader, handler, _onGapObserved, _time);
        lock (_gate)
            _subscribers = [.. _subscribers, subscriber];
        return subscriber;
    }

    public void Remove(FanoutSubscriber<T> subscriber)
    {
        lock (_gate)
            _subscribers = _subscribers.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
        subscriber.Complete();
    }

    /// <summary>Adds a .NET event handler with its own queue and pump task (returned for tests; it ends after removal).</summary>
    public Task AddHandler(EventHandler<T>? handler, object sender, int capacity, ILogger logger)
    {
        if (handler is null) return Task.CompletedTask;
        var subscriber = Subscribe(capacity, singleReader: true, handler);
        return Task.Run(() => PumpAsync(subscriber, handler, sender, logger));
    }

    /// <summary>Removes the most recently added registration of <paramref name="handler"/>, like a multicast delegate.</summary>
    public void RemoveHandler(EventHandler<T>? handler)
    {
        if (handler is null) return;
        FanoutSubscriber<T>? found;
        lock (_gate)
            found = _subscribers.LastOrDefault(s => Equals(s.Handler, handler));
        if (found is not null)
            Remove(found);
    }

    public void CompleteAll()
    {
        FanoutSubscriber<T>[] all;
        lock (_gate)
        {
            all = _subscribers;
            _subscribers = [];
        }
        foreach (var subscriber in all)
            subscriber.Complete();
    }

    private static async Task PumpAsync(FanoutSubscriber<T> subscriber, EventHandler<T> handler, object sender, ILogger logger)
    {
        Interlocked.Increment(ref FanoutDiagnostics.LivePumps);
        try
        {
            await PumpCoreAsync(subscriber, handler, sender, logger).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref FanoutDiagnostics.LivePumps);
        }
    }

    private static async Task PumpCoreAsync(FanoutSubscriber<T> subscriber, EventHandler<T> handler, object sender, ILogger logger)
    {
        var reader = subscriber.Reader;
        // A removed handler may leave events queued; then WaitToReadAsync stays true, so test IsCompleted here too
        // or the loop would spin.
        while (!subscriber.IsCompleted && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (!subscriber.IsCompleted && reader.TryRead(out var item))
            {
                try
                {
                    handler(sender, item);
                }
#pragma warning disable CA1031 // A user's handler must not kill the pump (and with it every later event).
                catch (Exception e)
#pragma warning restore CA1031
                {
                    RealtimeLog.HandlerFailed(logger, typeof(T).Name, e);
                }
            }
        }
    }
}

/// <summary>Handler pumps alive in this process (tests check that disposing ends them all).</summary>
internal static class FanoutDiagnostics
{
#pragma warning disable CA2211 // A counter updated with Interlocked; a field is what Interlocked needs.
    public static long LivePumps;
#pragma warning restore CA2211
}

/// <summary>
/// One bounded DropOldest queue. Its reader reports drops when the consumer reads again: the owner hears of the gap
/// then (and resyncs), and a queue of every event (<typeparamref name="T"/> is <see cref="RealtimeEvent"/>) also yields a
/// <see cref="GapEvent"/> of reason <see cref="GapReason.Overflow"/>, ahead of the events that survived it.
/// </summary>
internal sealed class FanoutSubscriber<T> where T : RealtimeEvent
{
    private readonly Channel<T> _channel;
    private readonly Action<GapEvent, bool>? _onGapObserved;
    private readonly TimeProvider _time;
    private readonly object _gapGate = new();
    private long _dropped;
    private long _gapDropped;
    private bool _gapLostUserState;
    private DateTimeOffset _gapSince;
    private volatile bool _completed;

    public FanoutSubscriber(int capacity, bool singleReader, Delegate? handler, Action<GapEvent, bool>? onGapObserved, TimeProvider time)
    {
        Capacity = capacity;
        Handler = handler;
        _onGapObserved = onGapObserved;
        _time = time;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = singleReader, SingleWriter = false },
            OnDropped);
        Reader = new GapObservingReader<T>(_channel.Reader, this);
    }

    public int Capacity { get; }
    public Delegate? Handler { get; }
    public ChannelReader<T> Reader { get; }
    public long DroppedCount => Interlocked.Read(ref _dropped);
    public bool IsCompleted => _completed;

    public void Write(T item) => _channel.Writer.TryWrite(item);

    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    internal bool HasPendingGap
    {
        get { lock (_gapGate) return _gapDropped > 0; }
    }

    /// <summary>The gap since the last read, if events were dropped meanwhile; the owner is told of it.</summary>
    internal GapEvent? TakeGap()
    {
        GapEvent gap;
        bool lostUserState;
        lock (_gapGate)
        {
            if (_gapDropped == 0)
                return null;
            gap = new GapEvent(null, GapReason.Overflow, _gapSince, _gapDropped, _time.GetUtcNow());
            lostUserState = _gapLostUserState;
            _gapDropped = 0;
            _gapLostUserState = false;
        }
        _onGapObserved?.Invoke(gap, lostUserState);
        return gap;
    }

    private void OnDropped(T item)
    {
        Interlocked.Increment(ref _dropped);
        ClientMetrics.DroppedEvents.Add(1);
        lock (_gapGate)
        {
            if (_gapDropped++ == 0 || item.ReceivedAt < _gapSince)
                _gapSince = item.ReceivedAt;
            _gapLostUserState |= item.IsUserState;
        }
    }
}

/// <summary>
/// Reads a subscriber's queue, reporting what it dropped at the next read: to the owner always, and in the stream itself
/// (a <see cref="GapEvent"/> first) when the stream carries every event type.
/// </summary>
internal sealed class GapObservingReader<T>(ChannelReader<T> inner, FanoutSubscriber<T> owner) : ChannelReader<T> where T : RealtimeEvent
{
    private static readonly bool CarriesGaps = typeof(T).IsAssignableFrom(typeof(GapEvent));

    public override Task Completion => inner.Completion;
    public override bool CanCount => inner.CanCount;
    public override int Count => inner.Count;

    public override bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T item)
    {
        if (owner.TakeGap() is { } gap && CarriesGaps)
        {
            item = (T)(RealtimeEvent)gap;
            return true;
        }
        return inner.TryRead(out item);
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        CarriesGaps && owner.HasPendingGap ? new ValueTask<bool>(true) : inner.WaitToReadAsync(cancellationToken);
}
