namespace ProjectX.Client.Risk;

/// <summary>
/// Named rule sets for common plans. Firms change their numbers: every preset is a starting point that
/// <see cref="Get"/> returns as a fresh copy to override. Sources and the date read are in docs/en-US/about_ProjectX_Risk.md.
/// </summary>
public static class RiskPresets
{
    public const string Topstep50K = "Topstep50K";
    public const string Topstep100K = "Topstep100K";
    public const string Topstep150K = "Topstep150K";

    /// <summary>The date the preset numbers were read from their sources.</summary>
    public static readonly DateOnly ReadOn = new(2026, 12, 5);

    /// <summary>The preset names, for completion and help.</summary>
    public static IReadOnlyList<string> Names { get; } = [Topstep50K, Topstep100K, Topstep150K];

    /// <summary>A fresh copy of the named preset (case-insensitive); <see cref="ProjectXValidationException"/> for an unknown name.</summary>
    public static RiskRules Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "TOPSTEP50K" => TopstepCombine(Topstep50K, 50_000m, dailyLoss: 1_000m, maxLoss: 2_000m, contracts: 5),
            "TOPSTEP100K" => TopstepCombine(Topstep100K, 100_000m, dailyLoss: 2_000m, maxLoss: 3_000m, contracts: 10),
            "TOPSTEP150K" => TopstepCombine(Topstep150K, 150_000m, dailyLoss: 3_000m, maxLoss: 4_500m, contracts: 15),
            _ => throw new ProjectXValidationException(ValidationReason.InvalidArgument,
                $"'{name}' is not a risk preset. Use one of {string.Join(", ", Names)}, or give the rules yourself.", nameof(name)),
        };
    }

    // Topstep Trading Combine: a daily loss limit; a maximum loss limit that trails the end-of-day balance high and
    // stops rising at the starting balance; a maximum position size; flat by 15:10 Chicago. Micros count 1:1 here
    // (stricter than Topstep's 10 micros per mini): raise SymbolLimits for micros if you trade them.
    private static RiskRules TopstepCombine(string name, decimal start, decimal dailyLoss, decimal maxLoss, int contracts) => new()
    {
        Name = name,
        StartingBalance = start,
        DailyLossLimit = dailyLoss,
        TrailingMaxLoss = new TrailingLossRule { Amount = maxLoss, Mode = TrailingMode.EndOfDay, LockLevel = start },
        MaxContracts = contracts,
        FlatBy = new TimeOnly(15, 10),
    };
}
