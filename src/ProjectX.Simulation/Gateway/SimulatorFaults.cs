using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// Faults the gateway injects on demand, to prove a client's retry and ambiguous-outcome paths.
/// Thread-safe. Operations are named like <see cref="GatewayOperation.Name"/> (<c>Order/place</c>,
/// case-insensitive, an <c>/api/</c> prefix is tolerated) or <see cref="AnyOperation"/>.
/// </summary>
public sealed class SimulatorFaults
{
    /// <summary>Matches every operation.</summary>
    public const string AnyOperation = "*";

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _drops = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<int>> _serverErrors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<TimeSpan>> _throttles = new(StringComparer.OrdinalIgnoreCase);
    private long _latencyTicks;

    /// <summary>
    /// The next <paramref name="times"/> requests of <paramref name="operation"/> are EXECUTED, then the
    /// connection is cut instead of answering: the caller cannot know whether it happened.
    /// </summary>
    public void DropResponses(string operation, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        var key = Normalize(operation);
        lock (_gate) _drops[key] = _drops.GetValueOrDefault(key) + times;
    }

    public void DropResponses(GatewayOperation operation, int times = 1) => DropResponses(Name(operation), times);

    /// <summary>The next <paramref name="times"/> requests get <paramref name="statusCode"/> (5xx, empty body) without being executed.</summary>
    public void FailWithServerError(string operation, int times = 1, int statusCode = 503)
    {
        if (statusCode is < 500 or > 599) throw new ArgumentOutOfRangeException(nameof(statusCode), "Use a 5xx status code.");
        Enqueue(_serverErrors, operation, times, statusCode);
    }

    public void FailWithServerError(GatewayOperation operation, int times = 1, int statusCode = 503) =>
        FailWithServerError(Name(operation), times, statusCode);

    /// <summary>The next <paramref name="times"/> requests get HTTP 429 with <c>Retry-After</c> (default 1 s), without being executed.</summary>
    public void Throttle(string operation, int times = 1, TimeSpan? retryAfter = null) =>
        Enqueue(_throttles, operation, times, retryAfter ?? TimeSpan.FromSeconds(1));

    public void Throttle(GatewayOperation operation, int times = 1, TimeSpan? retryAfter = null) =>
        Throttle(Name(operation), times, retryAfter);

    /// <summary>Real (wall-clock) delay added before every request is handled.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Removes every pending fault and the latency.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _drops.Clear();
            _serverErrors.Clear();
            _throttles.Clear();
        }
        Latency = TimeSpan.Zero;
    }

    internal bool TakeDrop(string operation)
    {
        lock (_gate)
        {
            foreach (var key in new[] { operation, AnyOperation })
            {
                if (_drops.TryGetValue(key, out var left) && left > 0)
                {
                    if (left == 1) _drops.Remove(key);
                    else _drops[key] = left - 1;
                    return true;
                }
            }
            return false;
        }
    }

    internal int? TakeServerError(string operation) => Dequeue(_serverErrors, operation, out var status) ? status : null;

    internal TimeSpan? TakeThrottle(string operation) => Dequeue(_throttles, operation, out var wait) ? wait : null;

    private void Enqueue<T>(Dictionary<string, Queue<T>> faults, string operation, int times, T value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        var key = Normalize(operation);
        lock (_gate)
        {
            if (!faults.TryGetValue(key, out var queue)) faults[key] = queue = new Queue<T>();
            for (var i = 0; i < times; i++) queue.Enqueue(value);
        }
    }

    private bool Dequeue<T>(Dictionary<string, Queue<T>> faults, string operation, out T value)
    {
        lock (_gate)
        {
            foreach (var key in new[] { operation, AnyOperation })
            {
                if (faults.TryGetValue(key, out var queue) && queue.TryDequeue(out value!))
                {
                    if (queue.Count == 0) faults.Remove(key);
                    return true;
                }
            }
            value = default!;
            return false;
        }
    }

    private static string Name(GatewayOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Name;
    }

    private static string Normalize(string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var name = operation.Trim().TrimStart('/');
        return name.StartsWith("api/", StringComparison.OrdinalIgnoreCase) ? name[4..] : name;
    }
}
