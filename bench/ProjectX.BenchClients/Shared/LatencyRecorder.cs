using System.Globalization;
using System.Text.Json.Nodes;

namespace ProjectX.BenchShared;

/// <summary>Ages of messages in microseconds, recorded by one thread while started; percentiles at the end.</summary>
public sealed class LatencyRecorder(int capacity)
{
    private readonly float[] _samples = new float[capacity];
    private int _count;
    private volatile bool _recording;
    private long _overflow;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public void Record(DateTimeOffset sentAt)
    {
        if (!_recording)
            return;
        var microseconds = (DateTimeOffset.UtcNow - sentAt).Ticks / 10.0;
        if (_count < _samples.Length)
            _samples[_count++] = (float)microseconds;
        else
            _overflow++;
    }

    public JsonObject Summary()
    {
        var sorted = _samples.AsSpan(0, _count).ToArray();
        Array.Sort(sorted);
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] / 1000.0;
        return new JsonObject
        {
            ["samples"] = sorted.Length,
            ["overflow"] = _overflow,
            ["p50Ms"] = At(0.50),
            ["p99Ms"] = At(0.99),
            ["p999Ms"] = At(0.999),
            ["maxMs"] = sorted.Length == 0 ? double.NaN : sorted[^1] / 1000.0,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_count} samples");
}
