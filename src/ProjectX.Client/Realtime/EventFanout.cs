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
    private readonly Action<RealtimeEvent>? _onDropped;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private volatile FanoutSubscriber<T>[] _subscribers = [];

    /// <param name="all">The fan-out of every event, which also receives what this one publishes.</param>
    /// <param name="onDropped">Told (on the publishing thread, so keep it cheap) when a subscriber drops an event.</param>
    /// <param name="time">Stamps the gap events of overflowing subscribers.</param>
    public EventFanout(EventFanout<RealtimeEvent>? all, Action<RealtimeEvent>? onDropped = null, TimeProvider? time = null)
    {
        _all = all;
        _onDropped = onDropped;
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
        var subscriber = new FanoutSubscriber<T>(capacity, singleReader, handler, _onDropped, _time);
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
/// One bounded DropOldest queue. A queue of every event (<typeparamref name="T"/> is <see cref="RealtimeEvent"/>) reports
/// its own drops in-band: the next read after a drop yields a <see cref="GapEvent"/> of reason
/// <see cref="GapReason.Overflow"/>, ahead of the events that survived it.
/// </summary>
internal sealed class FanoutSubscriber<T> where T : RealtimeEvent
{
    private readonly Channel<T> _channel;
    private readonly Action<RealtimeEvent>? _onDropped;
    private readonly TimeProvider _time;
    private readonly object _gapGate = new();
    private long _dropped;
    private long _gapDropped;
    private DateTimeOffset _gapSince;
    private volatile bool _completed;

    public FanoutSubscriber(int capacity, bool singleReader, Delegate? handler, Action<RealtimeEvent>? onDropped, TimeProvider time)
    {
        Capacity = capacity;
        Handler = handler;
        _onDropped = onDropped;
        _time = time;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = singleReader, SingleWriter = false },
            OnDropped);
        Reader = typeof(T) == typeof(RealtimeEvent)
            ? (ChannelReader<T>)(object)new GapReportingReader((ChannelReader<RealtimeEvent>)(object)_channel.Reader, (FanoutSubscriber<RealtimeEvent>)(object)this)
            : _channel.Reader;
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

    /// <summary>The gap since the last call, if events were dropped meanwhile.</summary>
    internal GapEvent? TakeGap()
    {
        lock (_gapGate)
        {
            if (_gapDropped == 0)
                return null;
            var gap = new GapEvent(null, GapReason.Overflow, _gapSince, _gapDropped, _time.GetUtcNow());
            _gapDropped = 0;
            return gap;
        }
    }

    internal bool HasPendingGap
    {
        get { lock (_gapGate) return _gapDropped > 0; }
    }

    private void OnDropped(T item)
    {
        Interlocked.Increment(ref _dropped);
        ClientMetrics.DroppedEvents.Add(1);
        lock (_gapGate)
        {
            if (_gapDropped++ == 0 || item.ReceivedAt < _gapSince)
                _gapSince = item.ReceivedAt;
        }
        _onDropped?.Invoke(item);
    }
}

/// <summary>Reads a queue of every event, yielding a <see cref="GapEvent"/> first whenever events were dropped since the last read.</summary>
internal sealed class GapReportingReader(ChannelReader<RealtimeEvent> inner, FanoutSubscriber<RealtimeEvent> owner) : ChannelReader<RealtimeEvent>
{
    public override Task Completion => inner.Completion;
    public override bool CanCount => inner.CanCount;
    public override int Count => inner.Count;
    public override bool CanPeek => false;

    public override bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out RealtimeEvent item)
    {
        if (owner.TakeGap() is { } gap)
        {
            item = gap;
            return true;
        }
        return inner.TryRead(out item);
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        owner.HasPendingGap ? new ValueTask<bool>(true) : inner.WaitToReadAsync(cancellationToken);
}
