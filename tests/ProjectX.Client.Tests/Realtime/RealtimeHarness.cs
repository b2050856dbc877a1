using System.Collections.Concurrent;
using ProjectX.Client.Realtime;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulator;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>Fast reconnect settings and condition waits for the realtime tests.</summary>
internal static class RealtimeHarness
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public static RealtimeOptions FastOptions(Action<RealtimeOptions>? configure = null)
    {
        var options = new RealtimeOptions
        {
            ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)],
            StaleFeedTimeout = null,
            ResyncLookback = TimeSpan.FromMinutes(1),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client of the simulator with both hub URLs pointing at it (real loopback sockets).</summary>
    public static Task<ProjectXClient> ConnectAsync(SimulatorServer server, Action<ProjectXClientOptions>? configure = null) =>
        Sim.ConnectAsync(server, o =>
        {
            o.UserHubUrl = server.UserHubUrl;
            o.MarketHubUrl = server.MarketHubUrl;
            configure?.Invoke(o);
        });

    /// <summary>Awaits a condition (polling briefly), failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, Action? onPoll = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? WaitLimit);
        while (!condition())
        {
            if (cts.IsCancellationRequested)
                Assert.Fail($"Timed out waiting for: {what}");
            onPoll?.Invoke();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}

/// <summary>Records every event of a realtime client through one stream.</summary>
internal sealed class EventLog : IAsyncDisposable
{
    private readonly ConcurrentQueue<RealtimeEvent> _events = new();
    private readonly RealtimeStream<RealtimeEvent> _stream;
    private readonly Task _pump;

    public EventLog(ProjectXRealtime realtime)
    {
        _stream = realtime.OpenStream<RealtimeEvent>(100_000);
        _pump = Task.Run(async () =>
        {
            await foreach (var e in _stream)
                _events.Enqueue(e);
        });
    }

    public IReadOnlyList<RealtimeEvent> All => [.. _events];
    public IEnumerable<T> Of<T>() where T : RealtimeEvent => _events.OfType<T>();

    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, string what) where T : RealtimeEvent
    {
        T? found = null;
        await RealtimeHarness.WaitUntilAsync(() => (found = Of<T>().FirstOrDefault(predicate)) is not null, what);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Dispose();
        await _pump;
    }
}
