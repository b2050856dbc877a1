using System.Diagnostics;
using System.Globalization;

namespace ProjectX.Benchmarks.Load;

/// <summary>Latencies and errors of many concurrent callers; thread-safe.</summary>
internal sealed class LatencyRecorder
{
    private readonly object _gate = new();
    private readonly List<double> _milliseconds = [];
    private int _errors;

    public void Record(long startTimestamp, bool ok)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            _milliseconds.Add(elapsed);
            if (!ok) _errors++;
        }
    }

    public LoadResult Result(TimeSpan measured)
    {
        lock (_gate)
        {
            var sorted = _milliseconds.Order().ToArray();
            double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return new LoadResult(sorted.Length, sorted.Length / measured.TotalSeconds, At(0.50), At(0.99), sorted.Length == 0 ? 0 : sorted[^1], _errors);
        }
    }
}

internal sealed record LoadResult(int Requests, double PerSecond, double P50, double P99, double Max, int Errors)
{
    public string ToRow(string scenario) => string.Create(CultureInfo.InvariantCulture,
        $"| {scenario} | {Requests:N0} | {PerSecond:N0} | {P50:N1} | {P99:N1} | {Max:N1} | {Errors:N0} |");
}
