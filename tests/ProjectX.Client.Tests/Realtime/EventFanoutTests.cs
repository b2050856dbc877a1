using Microsoft.Extensions.Logging.Abstractions;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>The fan-out's overflow policy: publishing never waits, a full queue drops its oldest event.</summary>
public sealed class EventFanoutTests
{
    [Fact]
    public async Task A_blocked_handler_delays_neither_the_publisher_nor_another_handler()
    {
        var fanout = new EventFanout<QuoteEvent>(null);
        using var release = new ManualResetEventSlim();
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fastReceived = 0;
        var allFast = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = fanout.AddHandler((_, _) => { slowStarted.TrySetResult(); release.Wait(); }, this, capacity: 8, NullLogger.Instance);
        _ = fanout.AddHandler((_, _) => { if (Interlocked.Increment(ref fastReceived) == 1000) allFast.TrySetResult(); }, this, capacity: 2000, NullLogger.Instance);
        try
        {
            for (var i = 0; i < 1000; i++)
                fanout.Publish(Quote(i));

            await slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await allFast.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(1000, fastReceived);
        }
        finally
        {
            fanout.CompleteAll();
            release.Set();
        }
    }

    [Fact]
    public async Task A_full_stream_drops_its_oldest_events_and_counts_them()
    {
        var fanout = new EventFanout<QuoteEvent>(null);
        var subscriber = fanout.Subscribe(capacity: 10, singleReader: false);
        var stream = new RealtimeStream<QuoteEvent>(fanout, subscriber);

        for (var i = 0; i < 25; i++)
            fanout.Publish(Quote(i));
        stream.Dispose();

        var received = new List<decimal>();
        await foreach (var quote in stream)
            received.Add(quote.Quote.LastPrice!.Value);
        Assert.Equal(Enumerable.Range(15, 10).Select(i => (decimal)i), received);
        Assert.Equal(15, stream.DroppedCount);
    }

    [Fact]
    public async Task A_handler_that_throws_still_gets_the_next_event_and_removal_stops_delivery()
    {
        var fanout = new EventFanout<QuoteEvent>(null);
        var seen = new List<int>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<QuoteEvent> handler = (_, e) =>
        {
            lock (seen) seen.Add((int)e.Quote.LastPrice!.Value);
            if (e.Quote.LastPrice == 1) second.TrySetResult();
            if (e.Quote.LastPrice == 0) throw new InvalidOperationException("handler bug");
        };
        _ = fanout.AddHandler(handler, this, 10, NullLogger.Instance);
        fanout.Publish(Quote(0));
        fanout.Publish(Quote(1));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));

        fanout.RemoveHandler(handler);
        Assert.False(fanout.HasSubscribers);
        lock (seen) Assert.Equal([0, 1], seen);
    }

    [Fact]
    public async Task A_handler_removed_with_events_still_queued_ends_its_pump()
    {
        var fanout = new EventFanout<QuoteEvent>(null);
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<QuoteEvent> handler = (_, _) => { started.TrySetResult(); release.Wait(); };
        var pump = fanout.AddHandler(handler, this, 10, NullLogger.Instance);
        try
        {
            for (var i = 0; i < 5; i++)
                fanout.Publish(Quote(i));
            await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            fanout.RemoveHandler(handler);
        }
        finally
        {
            release.Set();
        }
        await pump.WaitAsync(TimeSpan.FromSeconds(10)); // four events are still queued: the pump must stop, not spin
    }

    private static QuoteEvent Quote(int i) => new("CON.F.US.MNQ.Z26", new GatewayQuoteModel { LastPrice = i }, DateTimeOffset.UnixEpoch);
}
