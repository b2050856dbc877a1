using System.Net;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// Throttles failed logins, apart from the per-user request limits: per client address (past the budget, every
/// login from that address is answered 429 before the key is checked) and per known user name (past the budget,
/// wrong keys are answered 429, the right key still logs in). Nobody can therefore lock a user out by failing on
/// purpose from elsewhere, and a guesser at one address is slowed to the budget. Windows are on the injected clock
/// and evicted once idle; names that are not users are never tracked.
/// </summary>
internal sealed class LoginThrottle(SimulatorRateLimits limits, TimeProvider time) : IDisposable
{
    private readonly KeyedWindows<ClockWindow> _addresses = new(
        () => new ClockWindow(limits.FailedLoginsPerAddress, limits.FailedLoginWindow), (w, now) => w.IsIdle(now), Math.Max(16, limits.MaxTrackedClients));
    private readonly KeyedWindows<ClockWindow> _userNames = new(
        () => new ClockWindow(limits.FailedLoginsPerUserName, limits.FailedLoginWindow), (w, now) => w.IsIdle(now), Math.Max(16, limits.MaxTrackedClients));

    /// <summary>Client addresses whose windows are held (for tests of eviction).</summary>
    public int TrackedAddresses => _addresses.Count;

    /// <summary>When the address has used up its failures: how long until it may try again.</summary>
    public TimeSpan? AddressBlocked(IPAddress? address) => Exhausted(_addresses, Key(address));

    /// <summary>When the user name has used up its failures: how long until a wrong key is answered again.</summary>
    public TimeSpan? UserNameBlocked(string userName) => Exhausted(_userNames, userName);

    /// <summary>Counts a failed login against the address and, for a configured user, against the name.</summary>
    public void Failed(IPAddress? address, string? knownUserName)
    {
        if (!limits.Enabled) return;
        Spend(_addresses, Key(address));
        if (knownUserName is not null) Spend(_userNames, knownUserName);
    }

    private TimeSpan? Exhausted(KeyedWindows<ClockWindow> windows, string key)
    {
        if (!limits.Enabled) return null;
        var now = time.GetUtcNow();
        return windows.Peek(key, window =>
        {
            window.RollIfEnded(now);
            return window.Available < 1 ? window.RetryAfter(now) : (TimeSpan?)null;
        }, null);
    }

    private void Spend(KeyedWindows<ClockWindow> windows, string key)
    {
        var now = time.GetUtcNow();
        windows.Use(key, now, window =>
        {
            window.RollIfEnded(now);
            window.Acquire(now);
            return 0;
        });
    }

    /// <summary>In-process calls have no address: they share one key.</summary>
    private static string Key(IPAddress? address) =>
        address is null ? "in-process" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    public void Dispose()
    {
        _addresses.Dispose();
        _userNames.Dispose();
    }
}
