using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// Per-user request limits (spec §6): one window for every request, and a second one that only
/// History/retrieveBars also has to pass. Windows are <see cref="FixedWindowRateLimiter"/>s rolled by
/// the injected <see cref="TimeProvider"/> (not a background timer), so tests move them with a fake
/// clock. A window starts at the first request after the previous one ended.
/// </summary>
internal sealed class UserRateLimiter(SimulatorRateLimits limits, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, UserWindows> _users = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes a permit from every window that applies, or none; on refusal says when to retry.</summary>
    public bool TryAcquire(string userKey, bool isBars, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!limits.Enabled) return true;
        var windows = _users.GetOrAdd(userKey, _ => new UserWindows(limits));
        lock (windows)
        {
            var now = time.GetUtcNow();
            var applicable = isBars ? new[] { windows.All, windows.Bars } : [windows.All];
            foreach (var window in applicable)
            {
                window.RollIfEnded(now);
                if (window.Available < 1 && window.RetryAfter(now) > retryAfter) retryAfter = window.RetryAfter(now);
            }
            if (retryAfter > TimeSpan.Zero) return false;
            foreach (var window in applicable)
                window.Acquire(now);
            return true;
        }
    }

    public void Dispose()
    {
        foreach (var windows in _users.Values)
        {
            windows.All.Dispose();
            windows.Bars.Dispose();
        }
    }

    private sealed class UserWindows(SimulatorRateLimits limits)
    {
        public Window All { get; } = new(limits.PermitLimit, limits.Window);
        public Window Bars { get; } = new(limits.BarsPermitLimit, limits.BarsWindow);
    }

    /// <summary>
    /// One fixed window. The limiter's own clock is the wall clock, so instead of replenishing it a
    /// fresh limiter is started when the injected clock says the window has ended.
    /// </summary>
    private sealed class Window(int permits, TimeSpan length) : IDisposable
    {
        private FixedWindowRateLimiter _limiter = Create(permits, length);
        private DateTimeOffset? _start;

        public long Available => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

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
}
