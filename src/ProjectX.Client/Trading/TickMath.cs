namespace ProjectX.Client;

/// <summary>Tick alignment of prices (decimal, exact).</summary>
public static class TickMath
{
    public static bool IsAligned(decimal price, decimal tickSize) => tickSize <= 0 || price % tickSize == 0;

    /// <summary>Aligns <paramref name="price"/> to the tick; <see cref="PriceRounding.None"/> returns it unchanged.</summary>
    public static decimal Round(decimal price, decimal tickSize, PriceRounding rounding)
    {
        if (tickSize <= 0 || rounding == PriceRounding.None)
            return price;
        var ticks = price / tickSize;
        var whole = rounding switch
        {
            PriceRounding.Up => Math.Ceiling(ticks),
            PriceRounding.Down => Math.Floor(ticks),
            _ => Math.Round(ticks, MidpointRounding.AwayFromZero),
        };
        return whole * tickSize;
    }

    /// <summary>The decimals prices on this tick need: the tick's scale once trailing zeros are dropped (0.250 → 2).</summary>
    public static int Decimals(decimal tickSize) => Normalize(tickSize).Scale;

    /// <summary>The same value without trailing zeros (50000.000000000 → 50000), as the wire's decimals carry them.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000m;
}
