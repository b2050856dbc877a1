namespace ProjectX.Simulation.Market.Catalog;

/// <summary>How a product's contract months are spaced.</summary>
public enum ContractCycle
{
    /// <summary>H M U Z (equity index, FX).</summary>
    Quarterly,
    /// <summary>G J M Q V Z (gold).</summary>
    BiMonthlyMetals,
    /// <summary>Every month (crude oil).</summary>
    Monthly,
    /// <summary>H K N U Z (corn).</summary>
    Grains,
}

/// <summary>How a product's last trading day is derived from its contract month (see <see cref="ExpiryRules"/>).</summary>
public enum ExpiryRule
{
    /// <summary>Third Friday of the contract month.</summary>
    EquityIndex,
    /// <summary>Monday before the third Wednesday of the contract month.</summary>
    EuroFx,
    /// <summary>Three business days before the 25th of the month before the contract month.</summary>
    CrudeOil,
    /// <summary>One business day before <see cref="CrudeOil"/>.</summary>
    MicroCrudeOil,
    /// <summary>Third-last business day of the contract month.</summary>
    Gold,
    /// <summary>Seventh business day before the last business day of the contract month (10-year T-note).</summary>
    TreasuryNote,
    /// <summary>The business day before the 15th of the contract month (corn).</summary>
    Corn,
}

/// <summary>
/// One CME product the simulator lists. <see cref="Symbol"/> is the exchange symbol users type (NQ);
/// <see cref="Root"/> is the gateway's root inside contract ids (ENQ).
/// </summary>
public sealed record FuturesProduct(
    string Symbol,
    string Root,
    string Title,
    decimal TickSize,
    decimal TickValue,
    decimal FeePerSide,
    ContractCycle Cycle,
    ExpiryRule Expiry,
    int RollDaysBeforeExpiry)
{
    /// <summary><c>F.US.&lt;ROOT&gt;</c>.</summary>
    public string SymbolId => "F.US." + Root;
}

/// <summary>The products the default catalogue lists.</summary>
public static class FuturesProducts
{
    // Fees are exchange + clearing + NFA per side, close to what TopstepX charges (round turn / 2).
    // Roll: index and FX volume moves ~8 days before expiry; crude a few days before; gold moves to the next
    // bi-monthly contract ahead of first notice (end of the month before delivery), ~30 days before expiry.
    // The roots GMET/GCE/MCLE/CLE are a guess consistent with the spec's CON.F.US.GMET.J25 sample; TYA and ZCE are the
    // CQG-style roots public ProjectX clients use. T-notes and corn move to the next month ahead of first notice
    // (the end of the month before delivery): about 26 and 19 days before their last trading days.
    public static IReadOnlyList<FuturesProduct> All { get; } =
    [
        new("MNQ", "MNQ", "Micro E-mini Nasdaq-100", 0.25m, 0.50m, 0.37m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("NQ", "ENQ", "E-mini NASDAQ-100", 0.25m, 5m, 1.40m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("MES", "MES", "Micro E-mini S&P 500", 0.25m, 1.25m, 0.37m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("ES", "EP", "E-mini S&P 500", 0.25m, 12.50m, 1.40m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("M2K", "M2K", "Micro E-mini Russell 2000", 0.1m, 0.50m, 0.37m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("RTY", "RTY", "E-mini Russell 2000", 0.1m, 5m, 1.40m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("MYM", "MYM", "Micro E-mini Dow Jones Industrial Average", 1m, 0.50m, 0.37m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("YM", "YM", "E-mini Dow Jones Industrial Average", 1m, 5m, 1.40m, ContractCycle.Quarterly, ExpiryRule.EquityIndex, 8),
        new("MGC", "GMET", "Micro Gold", 0.1m, 1m, 0.62m, ContractCycle.BiMonthlyMetals, ExpiryRule.Gold, 30),
        new("GC", "GCE", "Gold", 0.1m, 10m, 1.62m, ContractCycle.BiMonthlyMetals, ExpiryRule.Gold, 30),
        new("MCL", "MCLE", "Micro WTI Crude Oil", 0.01m, 1m, 0.52m, ContractCycle.Monthly, ExpiryRule.MicroCrudeOil, 4),
        new("CL", "CLE", "Crude Oil", 0.01m, 10m, 1.52m, ContractCycle.Monthly, ExpiryRule.CrudeOil, 4),
        new("6E", "EU6", "Euro FX", 0.00005m, 6.25m, 1.62m, ContractCycle.Quarterly, ExpiryRule.EuroFx, 8),
        new("ZN", "TYA", "10-Year T-Note", 0.015625m, 15.625m, 1.10m, ContractCycle.Quarterly, ExpiryRule.TreasuryNote, 26),
        new("ZC", "ZCE", "Corn", 0.25m, 12.50m, 2.62m, ContractCycle.Grains, ExpiryRule.Corn, 19),
    ];
}
