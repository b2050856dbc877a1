namespace ProjectX.Client.Continuous;

/// <summary>
/// How a continuous series removes the price gap at each roll. The newest contract always keeps its real prices;
/// older bars are moved onto its level. Formulas: docs/continuous-contracts.md.
/// </summary>
public enum BackAdjustment
{
    /// <summary>Real prices of each contract; the gap stays in the series.</summary>
    None,
    /// <summary>Each older bar's open, high, low and close plus the sum of the later rolls' gaps (new close − old close).</summary>
    Difference,
    /// <summary>Each older bar's open, high, low and close times the product of the later rolls' ratios (new close / old close). Volume never changes.</summary>
    Ratio,
}
