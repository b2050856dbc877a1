namespace ProjectX.Client.Sessions;

/// <summary>
/// A family of CME Globex futures that share one trading schedule and one holiday table.
/// Resolve a contract's group with <see cref="ProductGroups.Resolve(string)"/>.
/// </summary>
public enum ProductGroup
{
    /// <summary>Equity index (ES, NQ, YM, RTY and their micros): 17:00–16:00 CT, RTH 08:30–15:15 CT.</summary>
    EquityIndex,
    /// <summary>U.S. Treasury futures (ZT, ZF, ZN, TN, ZB, UB): 17:00–16:00 CT.</summary>
    InterestRates,
    /// <summary>COMEX/NYMEX metals (GC, MGC, SI, SIL, HG, MHG, PL): 17:00–16:00 CT.</summary>
    Metals,
    /// <summary>NYMEX energy (CL, MCL, QM, NG, MNG, QG, HO, RB): 17:00–16:00 CT.</summary>
    Energy,
    /// <summary>CME FX (6E, 6B, 6J, 6C, 6A, 6S, 6N, 6M, E7 and the micros): 17:00–16:00 CT.</summary>
    Fx,
    /// <summary>CBOT grains and oilseeds (ZC, ZS, ZW, ZM, ZL): 19:00–07:45 and 08:30–13:20 CT.</summary>
    Agriculture,
}
