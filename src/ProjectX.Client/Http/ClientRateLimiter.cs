using System.Threading.RateLimiting;
using ProjectX.Client.Diagnostics;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Http;

/// <summary>
/// The two client-side buckets of spec §6, shared by every call of one client. Sliding windows, so a burst at
/// a window edge cannot double the rate the gateway sees.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    private const int Segments = 10;
    private readonly RateLimitOptions _options;
    private readonly SlidingWindowRateLimiter? _global;
    private readonly SlidingWindowRateLimiter? _bars;

    public ClientRateLimiter(RateLimitOptions options)
    {
        _options = options;
        if (!options.Enabled)
            return;
        _global = Create(options.GlobalPermits, options.GlobalWindow);
        _bars = Create(options.BarsPermits, options.BarsWindow);
    }

    /// <summary>Reads and session calls wait for their permits (bars take one from each bucket).</summary>
    public async ValueTask AcquireAsync(GatewayOperation operation, CancellationToken cancellationToken)
    {
        if (_global is null || _bars is null)
            return;
        if (operation.IsBars)
            await AcquireFromAsync(_bars, "bars", operation, cancellationToken).ConfigureAwait(false);
        await AcquireFromAsync(_global, "global", operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Money-moving calls never queue: a permit now, or the wait the caller would face.</summary>
    public bool TryAcquireNow(out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (_global is null)
            return true;
        using var lease = _global.AttemptAcquire(1);
        if (lease.IsAcquired)
            return true;
        // Sliding windows give no Retry-After; the earliest moment permits can return is the next segment slide.
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.GlobalWindow / Segments;
        return false;
    }

    public RateLimitStatus Status => new(
        _options.Enabled,
        (int)(_global?.GetStatistics()?.CurrentAvailablePermits ?? _options.GlobalPermits),
        _options.GlobalPermits,
        _options.GlobalWindow,
        (int)(_bars?.GetStatistics()?.CurrentAvailablePermits ?? _options.BarsPermits),
        _options.BarsPermits,
        _options.BarsWindow);

    public void Dispose()
    {
        _global?.Dispose();
        _bars?.Dispose();
    }

    private static async ValueTask AcquireFromAsync(RateLimiter limiter, string bucket, GatewayOperation operation, CancellationToken cancellationToken)
    {
        using (var now = limiter.AttemptAcquire(1))
        {
            if (now.IsAcquired)
                return;
        }
        // No permit now: this call waits in the limiter's queue (counted, so a job can see it is being throttled).
        ClientMetrics.RateLimitWaits.Add(1, new KeyValuePair<string, object?>("projectx.rate_limit.bucket", bucket));
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new ProjectXRateLimitedException($"{operation.Name} was not sent: the client-side rate-limit queue is full. Slow down and try again.")
            { Operation = operation.Name };
    }

    private static SlidingWindowRateLimiter Create(int permits, TimeSpan window) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = Segments,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
