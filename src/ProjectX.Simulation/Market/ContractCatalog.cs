using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market.Catalog;

namespace ProjectX.Simulation.Market;

/// <summary>
/// Real CME products with months generated around the asked date. Exactly one month per product is active at
/// any instant: the front month until its roll (<see cref="FuturesProduct.RollDaysBeforeExpiry"/> before expiry),
/// then the next. Listed = not expired and at most <see cref="ListingHorizonMonths"/> months ahead.
/// Ids parse back to their month for any year 2000–2099, so expired months still resolve.
/// </summary>
public sealed class ContractCatalog : IContractCatalog
{
    /// <summary>How far ahead months are listed (and resolvable by id).</summary>
    public const int ListingHorizonMonths = 12;

    private readonly Dictionary<string, FuturesProduct> _byRoot;

    public ContractCatalog() : this(FuturesProducts.All) { }

    public ContractCatalog(IEnumerable<FuturesProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        Products = [.. products];
        _byRoot = Products.ToDictionary(p => p.Root, StringComparer.Ordinal);
    }

    public IReadOnlyList<FuturesProduct> Products { get; }

    public IReadOnlyList<ContractModel> Available(DateTimeOffset asOf) =>
        [.. Products.SelectMany(p => Listed(p, asOf).Select(m => m.ToModel(IsActive(m, asOf))))];

    public IReadOnlyList<ContractModel> Search(string? text, DateTimeOffset asOf, int max = 20)
    {
        if (max <= 0)
        {
            return [];
        }
        var candidates = Products.SelectMany(p => Listed(p, asOf).Select(m => (Month: m, Active: IsActive(m, asOf))));
        return ContractSearch.Rank(candidates, text, max);
    }

    public ContractModel? FindById(string contractId, DateTimeOffset asOf)
    {
        var month = ContractMonth.Parse(contractId, _byRoot);
        if (month is null || month.MonthIndex > MonthIndex(asOf) + ListingHorizonMonths)
        {
            return null;
        }
        return month.ToModel(IsActive(month, asOf));
    }

    public ContractSpec? GetSpec(string contractId) => ContractMonth.Parse(contractId, _byRoot)?.ToSpec();

    /// <summary>The active month's spec of a product, by exchange symbol (NQ) or root (ENQ), case-insensitive.</summary>
    public ContractSpec? ActiveSpec(string symbol, DateTimeOffset asOf) => ActiveMonth(symbol, asOf)?.ToSpec();

    /// <summary>The active month of a product, by exchange symbol (NQ) or root (ENQ), case-insensitive.</summary>
    public ContractModel? ActiveContract(string symbol, DateTimeOffset asOf) => ActiveMonth(symbol, asOf)?.ToModel(active: true);

    private ContractMonth? ActiveMonth(string symbol, DateTimeOffset asOf)
    {
        var product = Products.FirstOrDefault(p =>
            string.Equals(p.Symbol, symbol, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Root, symbol, StringComparison.OrdinalIgnoreCase));
        return product is null ? null : Front(product, asOf);
    }

    private static bool IsActive(ContractMonth month, DateTimeOffset asOf) => Front(month.Product, asOf) == month;

    /// <summary>The first month (from the current calendar month on) whose roll is still ahead.</summary>
    private static ContractMonth Front(FuturesProduct product, DateTimeOffset asOf) =>
        MonthsFrom(product, MonthIndex(asOf)).First(m => asOf < m.RollAt);

    private static IEnumerable<ContractMonth> Listed(FuturesProduct product, DateTimeOffset asOf)
    {
        int horizon = MonthIndex(asOf) + ListingHorizonMonths;
        // Crude's month expires in the month before it, so start one month early to see every live month.
        return MonthsFrom(product, MonthIndex(asOf) - 1)
            .TakeWhile(m => m.MonthIndex <= horizon)
            .Where(m => m.Expiry > asOf);
    }

    private static IEnumerable<ContractMonth> MonthsFrom(FuturesProduct product, int monthIndex)
    {
        var cycle = ExpiryRules.Months(product.Cycle);
        for (int i = monthIndex; ; i++)
        {
            int month = (i % 12) + 1;
            if (cycle.Contains(month))
            {
                yield return new ContractMonth(product, i / 12, month);
            }
        }
    }

    private static int MonthIndex(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        return (utc.Year * 12) + utc.Month - 1;
    }
}
