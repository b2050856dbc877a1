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
}
