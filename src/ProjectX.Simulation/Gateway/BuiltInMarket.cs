using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Gateway;

/// <summary>Creates the seeded market the simulator runs on by default.</summary>
internal static class BuiltInMarket
{
    public static IMarketData Create(IContractCatalog catalog, SimulatorOptions options, TimeProvider time) =>
        new SimulatedMarket(catalog, options.Seed);
}
