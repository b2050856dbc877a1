using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Market.Catalog;

/// <summary>One listed month of a product, e.g. NQ December 2026 = <c>CON.F.US.ENQ.Z26</c>.</summary>
internal sealed record ContractMonth(FuturesProduct Product, int Year, int Month)
{
    private const string IdPrefix = "CON.F.US.";

    public char MonthCode => ExpiryRules.MonthCodes[Month - 1];

    public string Id => string.Create(CultureInfo.InvariantCulture, $"{IdPrefix}{Product.Root}.{MonthCode}{Year % 100:D2}");

    /// <summary>Exchange symbol, month code and a one-digit year: NQZ6.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Product.Symbol}{MonthCode}{Year % 10}");

    public string Description =>
        string.Create(CultureInfo.InvariantCulture, $"{Product.Title}: {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Month)} {Year}");

    public DateTimeOffset Expiry => ExpiryRules.Expiry(Product.Expiry, Year, Month);

    /// <summary>When volume (and the gateway's activeContract flag) moves to the next month.</summary>
    public DateTimeOffset RollAt => Expiry.AddDays(-Product.RollDaysBeforeExpiry);

    /// <summary>Months since year 0, to compare listing horizons.</summary>
    public int MonthIndex => (Year * 12) + Month - 1;

    public ContractSpec ToSpec() =>
        new(Id, Product.Root, Product.Symbol, Product.SymbolId, Product.TickSize, Product.TickValue, Product.FeePerSide, Expiry);

    public ContractModel ToModel(bool active) => new()
    {
        Id = Id,
        Name = Name,
        Description = Description,
        TickSize = Product.TickSize,
        TickValue = Product.TickValue,
        ActiveContract = active,
        SymbolId = Product.SymbolId,
    };

    /// <summary>Parses <c>CON.F.US.&lt;ROOT&gt;.&lt;M&gt;&lt;YY&gt;</c> (exact case) against the known roots.</summary>
    public static ContractMonth? Parse(string? contractId, IReadOnlyDictionary<string, FuturesProduct> byRoot)
    {
        if (contractId is null || !contractId.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = contractId.AsSpan(IdPrefix.Length);
        int dot = rest.IndexOf('.');
        if (dot <= 0 || rest.Length - dot != 4)
        {
            return null;
        }
        if (!byRoot.TryGetValue(rest[..dot].ToString(), out var product))
        {
            return null;
        }
        int month = ExpiryRules.MonthCodes.IndexOf(rest[dot + 1], StringComparison.Ordinal) + 1;
        var yy = rest[(dot + 2)..];
        if (month == 0 || !char.IsAsciiDigit(yy[0]) || !char.IsAsciiDigit(yy[1]) || !ExpiryRules.Months(product.Cycle).Contains(month))
        {
            return null;
        }
        int year = 2000 + ((yy[0] - '0') * 10) + (yy[1] - '0');
        return new ContractMonth(product, year, month);
    }
}
