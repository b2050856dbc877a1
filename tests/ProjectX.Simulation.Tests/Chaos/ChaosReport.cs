using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Abstractions;

namespace ProjectX.Simulation.Tests.Chaos;

/// <summary>What the chaos run did and what it found: printed to the test output and to the console (CI logs).</summary>
internal sealed class ChaosReport
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _broken = new();

    public void Count(string what, int by = 1) => _counts.AddOrUpdate(what, by, (_, n) => n + by);

    public int this[string what] => _counts.GetValueOrDefault(what);

    /// <summary>An invariant that did not hold, with what the run saw.</summary>
    public void Broken(string invariant) => _broken.Enqueue(invariant);

    public IReadOnlyList<string> BrokenInvariants => [.. _broken];

    public void Print(ITestOutputHelper output, string title)
    {
        var lines = new List<string> { title };
        lines.AddRange(_counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c.Key,-34} {c.Value,8:N0}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {"broken invariants",-34} {_broken.Count,8:N0}"));
        lines.AddRange(_broken.Take(20).Select(b => "    " + b));
        foreach (var line in lines)
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        }
    }
}
