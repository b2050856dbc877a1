namespace ProjectX.Client.Tests.Unit;

public sealed class TickMathTests
{
    [Theory]
    [InlineData("21000.25", "0.25", true)]
    [InlineData("21000.30", "0.25", false)]
    [InlineData("1.0855", "0.00005", true)]
    [InlineData("1.08553", "0.00005", false)]
    public void IsAligned_is_exact(string price, string tick, bool aligned) =>
        Assert.Equal(aligned, TickMath.IsAligned(D(price), D(tick)));

    [Theory]
    [InlineData("21000.30", "0.25", PriceRounding.Nearest, "21000.25")]
    [InlineData("21000.40", "0.25", PriceRounding.Nearest, "21000.50")]
    [InlineData("21000.125", "0.25", PriceRounding.Nearest, "21000.25")]
    [InlineData("21000.01", "0.25", PriceRounding.Up, "21000.25")]
    [InlineData("21000.24", "0.25", PriceRounding.Down, "21000.00")]
    [InlineData("21000.30", "0.25", PriceRounding.None, "21000.30")]
    public void Round_aligns_in_the_requested_direction(string price, string tick, PriceRounding rounding, string expected) =>
        Assert.Equal(D(expected), TickMath.Round(D(price), D(tick), rounding));

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
