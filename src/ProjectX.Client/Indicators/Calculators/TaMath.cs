namespace ProjectX.Client.Indicators.Calculators;

/// <summary>TA-Lib's zero tests (ta_utility.h, TA_EPSILON = 1e-14).</summary>
internal static class TaMath
{
    public const double Epsilon = 1e-14;

    public static bool IsZero(double v) => -Epsilon < v && v < Epsilon;

    public static bool IsZeroOrNegative(double v) => v < Epsilon;
}
