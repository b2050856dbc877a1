using System.Threading.RateLimiting;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// One fixed window of permits on the injected clock. The limiter's own clock is the wall clock, so instead of
/// replenishing it a fresh <see cref="FixedWindowRateLimiter"/> is started when the injected clock says the window
/// has ended; tests move windows with a fake clock. Not thread-safe: callers lock.
/// </summary>
internal sealed class ClockWindow(int permits, TimeSpan length) : IDisposable
{
    private FixedWindowRateLimiter _limiter = Create(permits, length);
    private DateTimeOffset? _start;

    public long Available => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>True when the window has ended (or never started) at <paramref name="now"/>: its state can be forgotten.</summary>
    public bool IsIdle(DateTimeOffset now) => _start is not { } start || now - start >= length;

    public void RollIfEnded(DateTimeOffset now)
    {
        if (_start is { } start && now - start >= length)
        {
            _limiter.Dispose();
            _limiter = Create(permits, length);
            _start = null;
        }
    }

    public void Acquire(DateTimeOffset now)
    {
        using var lease = _limiter.AttemptAcquire(1);
        _start ??= now;
    }

    /// <summary>Whole seconds until the window ends, at least 1 (the Retry-After header has second precision).</summary>
    public TimeSpan RetryAfter(DateTimeOffset now)
    {
        var left = (_start ?? now) + length - now;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(left.TotalSeconds)));
    }

    public void Dispose() => _limiter.Dispose();

    private static FixedWindowRateLimiter Create(int permits, TimeSpan length) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(permits, 1),
        Window = length > TimeSpan.Zero ? length : TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        // Never replenished by its timer: the window is rolled by RollIfEnded on the injected clock.
        AutoReplenishment = false,
    });
}

/// <summary>
/// Windows per key (a user name, a client address), created on first use and evicted once idle, so the state a
/// stream of unique keys leaves behind is bounded by <paramref name="maxKeys"/>. Thread-safe.
/// </summary>
internal sealed class KeyedWindows<TWindows>(Func<TWindows> create, Func<TWindows, DateTimeOffset, bool> isIdle, int maxKeys) : IDisposable
    where TWindows : class, IDisposable
{
    private readonly Dictionary<string, TWindows> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public int Count
    {
        get { lock (_gate) return _byKey.Count; }
    }

    /// <summary>Runs <paramref name="use"/> on the key's windows under the lock.</summary>
    public T Use<T>(string key, DateTimeOffset now, Func<TWindows, T> use)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var windows))
            {
                if (_byKey.Count >= maxKeys) Evict(now);
                _byKey[key] = windows = create();
            }
            return use(windows);
        }
    }

    /// <summary>Runs <paramref name="use"/> on the key's windows if it has any, without creating them.</summary>
    public T Peek<T>(string key, Func<TWindows, T> use, T absent)
    {
        lock (_gate) return _byKey.TryGetValue(key, out var windows) ? use(windows) : absent;
    }

    /// <summary>Forgets every idle key; if all are busy, the oldest half (a flood of keys must not grow memory).</summary>
    private void Evict(DateTimeOffset now)
    {
        var idle = _byKey.Where(e => isIdle(e.Value, now)).Select(e => e.Key).ToList();
        if (idle.Count == 0) idle = [.. _byKey.Keys.Take(Math.Max(1, _byKey.Count / 2))];
        foreach (var key in idle)
        {
            _byKey.Remove(key, out var windows);
            windows?.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var windows in _byKey.Values) windows.Dispose();
            _byKey.Clear();
        }
    }
}
