using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ProjectX.Client.Realtime;

/// <summary>
/// One subscriber's bounded queue of realtime events (<see cref="ProjectXRealtime.OpenStream{T}"/>). Overflow policy:
/// when the queue is full the OLDEST queued event is dropped and <see cref="DroppedCount"/> grows, so the socket and
/// the other subscribers never wait for this one. Dispose it to stop receiving.
/// </summary>
public sealed class RealtimeStream<T> : IAsyncEnumerable<T>, IDisposable where T : RealtimeEvent
{
    private readonly EventFanout<T> _owner;
    private readonly FanoutSubscriber<T> _subscriber;

    internal RealtimeStream(EventFanout<T> owner, FanoutSubscriber<T> subscriber)
    {
        _owner = owner;
        _subscriber = subscriber;
    }

    /// <summary>The queue itself; it completes when the stream or the realtime client is disposed.</summary>
    public ChannelReader<T> Reader => _subscriber.Reader;

    public int Capacity => _subscriber.Capacity;

    /// <summary>Events dropped because this subscriber fell <see cref="Capacity"/> events behind.</summary>
    public long DroppedCount => _subscriber.DroppedCount;

    /// <summary>Reads until the stream is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var item in ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return item;
    }

    /// <summary>Reads until the stream is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _subscriber.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
                yield return item;
        }
    }

    public void Dispose() => _owner.Remove(_subscriber);
}
