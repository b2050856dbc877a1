namespace ProjectX.Client;

/// <summary>How read-only calls are retried on transient faults (connection errors, timeouts, 5xx, 429).</summary>
public sealed class ReadRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; set; } = 3;
    /// <summary>First backoff delay; it doubles per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A 429 whose Retry-After is longer than this is not waited out; the call fails with the wait in the error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
