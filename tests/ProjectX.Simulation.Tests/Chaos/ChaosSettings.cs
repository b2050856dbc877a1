using System.Globalization;

namespace ProjectX.Simulation.Tests.Chaos;

/// <summary>
/// How much chaos: seeded and bounded for CI (a couple of minutes at most on 2 cores); <c>PROJECTX_CHAOS=long</c>
/// runs a long local soak, <c>PROJECTX_CHAOS_SEED</c> replays a seed, <c>PROJECTX_CHAOS_OPERATIONS</c> sets the
/// operations per trader.
/// </summary>
internal sealed record ChaosSettings(int Seed, int OperationsPerTrader, int FuzzPerOperation, TimeSpan Budget)
{
    public static ChaosSettings FromEnvironment()
    {
        var isLong = string.Equals(Environment.GetEnvironmentVariable("PROJECTX_CHAOS"), "long", StringComparison.OrdinalIgnoreCase);
        var settings = isLong
            ? new ChaosSettings(20261204, 3000, 400, TimeSpan.FromMinutes(30))
            : new ChaosSettings(20261204, 150, 40, TimeSpan.FromMinutes(2));
        if (int.TryParse(Environment.GetEnvironmentVariable("PROJECTX_CHAOS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            settings = settings with { Seed = seed };
        if (int.TryParse(Environment.GetEnvironmentVariable("PROJECTX_CHAOS_OPERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var operations) && operations > 0)
            settings = settings with { OperationsPerTrader = operations };
        return settings;
    }
}
