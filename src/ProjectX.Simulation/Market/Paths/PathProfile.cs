namespace ProjectX.Simulation.Market.Paths;

/// <summary>
/// How one root's market behaves. Micro and E-mini of the same index share a <see cref="PriceKey"/> (and a tick
/// size), so MNQ and NQ trade at the same prices; each root keeps its own volume.
/// </summary>
/// <param name="ReferencePrice">Price level on <see cref="DailyWalk.AnchorDay"/> (late 2026).</param>
/// <param name="DailyVolatility">Standard deviation of daily log returns in a normal regime.</param>
/// <param name="DailyVolume">Typical contracts per day on top of the per-second floor.</param>
/// <param name="AnnualCarry">
/// Cost of carry per year (financing minus dividends or yield) that sets how far each later month trades above the
/// earlier one: see <see cref="CarryFactor"/>. Late-2026 levels: ~3.75 % rates less the index's dividend yield.
/// </param>
internal sealed record PathProfile(string PriceKey, decimal ReferencePrice, double DailyVolatility, double DailyVolume, double AnnualCarry = 0.0)
{
    private static readonly Dictionary<string, PathProfile> ByRoot = new(StringComparer.Ordinal)
    {
        ["MNQ"] = new("NASDAQ100", 21000m, 0.013, 1_200_000, 0.032),
        ["ENQ"] = new("NASDAQ100", 21000m, 0.013, 450_000, 0.032),
        ["MES"] = new("SP500", 6000m, 0.010, 1_000_000, 0.025),
        ["EP"] = new("SP500", 6000m, 0.010, 1_200_000, 0.025),
        ["M2K"] = new("RUSSELL2000", 2300m, 0.014, 150_000, 0.026),
        ["RTY"] = new("RUSSELL2000", 2300m, 0.014, 100_000, 0.026),
        ["MYM"] = new("DJIA", 44000m, 0.009, 120_000, 0.022),
        ["YM"] = new("DJIA", 44000m, 0.009, 100_000, 0.022),
        ["GMET"] = new("GOLD", 2700m, 0.010, 150_000, 0.04),
        ["GCE"] = new("GOLD", 2700m, 0.010, 180_000, 0.04),
        ["MCLE"] = new("WTI", 70m, 0.022, 150_000, 0.015),
        ["CLE"] = new("WTI", 70m, 0.022, 300_000, 0.015),
        ["EU6"] = new("EURUSD", 1.08m, 0.0045, 150_000, 0.016),
        // Treasury futures carry negatively (coupon income above repo): later months trade lower. Corn carries storage.
        ["TYA"] = new("TNOTE10", 112m, 0.004, 1_500_000, -0.012),
        ["ZCE"] = new("CORN", 450m, 0.012, 250_000, 0.08),
    };

    /// <summary>The profile of a known root, or a generic one (4000 ticks, 1 % a day) for any other.</summary>
    public static PathProfile For(string root, decimal tickSize) =>
        ByRoot.TryGetValue(root, out var profile) ? profile : new(root, 4000m * tickSize, 0.010, 100_000);
}
