namespace ProjectX.Simulation.Gateway;

/// <summary>
/// Per-user request limits (spec §6): one window for every request, and a second one that only
/// History/retrieveBars also has to pass. Only authenticated traffic and successful logins spend them, so nobody
/// can spend a user's budget without that user's key. A window starts at the first request after the previous one
/// ended; idle users' windows are evicted.
/// </summary>
internal sealed class UserRateLimiter(SimulatorRateLimits limits, TimeProvider time) : IDisposable
{
    private readonly KeyedWindows<UserWindows> _users = new(
        () => new UserWindows(limits), (w, now) => w.All.IsIdle(now) && w.Bars.IsIdle(now), Math.Max(16, limits.MaxTrackedClients));

    /// <summary>Users whose windows are held (for tests of eviction).</summary>
    public int TrackedUsers => _users.Count;

    /// <summary>Takes a permit from every window that applies, or none; on refusal says when to retry.</summary>
    public bool TryAcquire(string userName, bool isBars, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!limits.Enabled) return true;
        var now = time.GetUtcNow();
        retryAfter = _users.Use(userName, now, windows =>
        {
            var applicable = isBars ? new[] { windows.All, windows.Bars } : [windows.All];
            var wait = TimeSpan.Zero;
            foreach (var window in applicable)
            {
                window.RollIfEnded(now);
                if (window.Available < 1 && window.RetryAfter(now) > wait) wait = window.RetryAfter(now);
            }
            if (wait > TimeSpan.Zero) return wait;
            foreach (var window in applicable)
                window.Acquire(now);
            return TimeSpan.Zero;
        });
        return retryAfter == TimeSpan.Zero;
    }

    public void Dispose() => _users.Dispose();

    private sealed class UserWindows(SimulatorRateLimits limits) : IDisposable
    {
        public ClockWindow All { get; } = new(limits.PermitLimit, limits.Window);
        public ClockWindow Bars { get; } = new(limits.BarsPermitLimit, limits.BarsWindow);

        public void Dispose()
        {
            All.Dispose();
            Bars.Dispose();
        }
    }
}
