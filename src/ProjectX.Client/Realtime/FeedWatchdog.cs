using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Realtime;

/// <summary>
/// Forces a market-hub reconnect when the feed goes silent while subscribed: the gateway's feed can stall without
/// closing the connection (spec §8.5). Market hub only: the user hub is legitimately silent while a trader is flat.
/// </summary>
internal sealed class FeedWatchdog : IDisposable
{
    private readonly TimeSpan? _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<bool> _isWatching;
    private readonly Action _reconnect;
    private ITimer? _timer;
    private long _lastMessage;
    private long _reconnects;

    /// <param name="isWatching">True while the market hub is connected and has at least one subscription.</param>
    public FeedWatchdog(TimeSpan? timeout, TimeProvider time, ILogger logger, Func<bool> isWatching, Action reconnect)
    {
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _isWatching = isWatching;
        _reconnect = reconnect;
        _lastMessage = time.GetTimestamp();
    }

    /// <summary>Reconnects forced so far.</summary>
    public long ReconnectCount => Interlocked.Read(ref _reconnects);

    /// <summary>How long the market feed has been silent.</summary>
    public TimeSpan Silence => _time.GetElapsedTime(Volatile.Read(ref _lastMessage));

    /// <summary>A market message arrived (or a new subscription starts its own full period).</summary>
    public void MarkAlive() => Volatile.Write(ref _lastMessage, _time.GetTimestamp());

    public void Start()
    {
        if (_timeout is not { } timeout)
            return;
        var period = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));
        var timer = _time.CreateTimer(static state => ((FeedWatchdog)state!).Check(), this, period, period);
        Interlocked.Exchange(ref _timer, timer)?.Dispose();
    }

    public void Stop() => Interlocked.Exchange(ref _timer, null)?.Dispose();

    public void Dispose() => Stop();

    private void Check()
    {
        if (_timeout is not { } timeout || !_isWatching())
            return;
        var silent = Silence;
        if (silent < timeout)
            return;
        MarkAlive(); // one forced reconnect per silent period, not one per tick
        Interlocked.Increment(ref _reconnects);
        RealtimeLog.StaleFeed(_logger, silent.TotalMilliseconds);
        _reconnect();
    }
}
