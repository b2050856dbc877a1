using System.Globalization;

namespace ProjectX.Client.State;

/// <summary>Prices for display: invariant, without the trailing zeros the wire's decimal scale can carry (21000.250000000 → 21000.25).</summary>
internal static class PriceText
{
    public static string Of(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
    public static string Of(decimal? value) => value is { } v ? Of(v) : "-";
}
