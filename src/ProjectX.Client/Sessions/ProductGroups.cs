using ProjectX.Client.Instruments;
using System.Collections.Frozen;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Sessions;

/// <summary>
/// Maps what traders and the gateway call a product to its <see cref="ProductGroup"/>: the exchange symbol
/// (<c>NQ</c>), the gateway root (<c>ENQ</c>), a symbol id (<c>F.US.ENQ</c>), a contract id
/// (<c>CON.F.US.ENQ.Z26</c>) or a contract name (<c>NQZ6</c>). A product not in the table is an
/// <see cref="UnknownProductException"/>, never a default schedule: a wrong session is worse than none.
/// </summary>
public static class ProductGroups
{
    /// <summary>One covered product: its exchange symbol, the gateway's root, and its group.</summary>
    public sealed record Product(string Symbol, string Root, ProductGroup Group);

    // Roots: the simulator catalogue (src/ProjectX.Simulation/Market/Catalog/FuturesProduct.cs) for the products
    // we list today, and the CQG-style roots public ProjectX clients use for the rest (TYA for ZN, JY6 for 6J...),
    // read 2026-12-04. GMET is the simulator's micro-gold root (from the spec's CON.F.US.GMET.J25 sample); public
    // TopstepX clients show GMET as Micro Ether and MGC as micro gold, so a contract whose name says MET is refused
    // (see Resolve(ContractModel)). Livestock (HE, LE), crypto and NKD trade other schedules and are not covered.
    private static readonly Product[] Table =
    [
        new("ES", "EP", ProductGroup.EquityIndex),
        new("MES", "MES", ProductGroup.EquityIndex),
        new("NQ", "ENQ", ProductGroup.EquityIndex),
        new("MNQ", "MNQ", ProductGroup.EquityIndex),
        new("YM", "YM", ProductGroup.EquityIndex),
        new("MYM", "MYM", ProductGroup.EquityIndex),
        new("RTY", "RTY", ProductGroup.EquityIndex),
        new("M2K", "M2K", ProductGroup.EquityIndex),

        new("ZT", "TUA", ProductGroup.InterestRates),
        new("ZF", "FVA", ProductGroup.InterestRates),
        new("ZN", "TYA", ProductGroup.InterestRates),
        new("TN", "TNA", ProductGroup.InterestRates),
        new("ZB", "USA", ProductGroup.InterestRates),
        new("UB", "ULA", ProductGroup.InterestRates),

        new("GC", "GCE", ProductGroup.Metals),
        new("MGC", "GMET", ProductGroup.Metals),
        new("SI", "SIE", ProductGroup.Metals),
        new("SIL", "SIL", ProductGroup.Metals),
        new("HG", "CPE", ProductGroup.Metals),
        new("MHG", "MHG", ProductGroup.Metals),
        new("PL", "PLE", ProductGroup.Metals),

        new("CL", "CLE", ProductGroup.Energy),
        new("MCL", "MCLE", ProductGroup.Energy),
        new("QM", "NQM", ProductGroup.Energy),
        new("NG", "NGE", ProductGroup.Energy),
        new("MNG", "MNG", ProductGroup.Energy),
        new("QG", "NQG", ProductGroup.Energy),
        new("HO", "HOE", ProductGroup.Energy),
        new("RB", "RBE", ProductGroup.Energy),

        new("6E", "EU6", ProductGroup.Fx),
        new("6B", "BP6", ProductGroup.Fx),
        new("6J", "JY6", ProductGroup.Fx),
        new("6C", "CA6", ProductGroup.Fx),
        new("6A", "DA6", ProductGroup.Fx),
        new("6S", "SF6", ProductGroup.Fx),
        new("6N", "NE6", ProductGroup.Fx),
        new("6M", "MX6", ProductGroup.Fx),
        new("E7", "EEU", ProductGroup.Fx),
        new("M6E", "M6E", ProductGroup.Fx),
        new("M6B", "M6B", ProductGroup.Fx),
        new("M6A", "M6A", ProductGroup.Fx),

        new("ZC", "ZCE", ProductGroup.Agriculture),
        new("ZS", "ZSE", ProductGroup.Agriculture),
        new("ZW", "ZWA", ProductGroup.Agriculture),
        new("ZM", "ZME", ProductGroup.Agriculture),
        new("ZL", "ZLE", ProductGroup.Agriculture),
    ];

    // MGC is both a symbol and, at the real gateway, a root: one token may name one product only.
    private static readonly FrozenDictionary<string, Product> ByToken = BuildTokens();

    /// <summary>Every covered product, in table order.</summary>
    public static IReadOnlyList<Product> All { get; } = Table;

    /// <summary>
    /// The group of a symbol (<c>NQ</c>), root (<c>ENQ</c>), symbol id (<c>F.US.ENQ</c>), contract id
    /// (<c>CON.F.US.ENQ.Z26</c>) or contract name (<c>NQZ6</c>). Case-insensitive.
    /// </summary>
    /// <exception cref="UnknownProductException">The product is not in the table.</exception>
    public static ProductGroup Resolve(string product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return TryResolve(product, out var group)
            ? group
            : throw new UnknownProductException(product, $"'{product}' is not a product the trading calendar covers. {Covered()}");
    }

    /// <summary>Like <see cref="Resolve(string)"/>, false for a product not in the table.</summary>
    public static bool TryResolve(string? product, out ProductGroup group)
    {
        var found = Find(product);
        group = found?.Group ?? default;
        return found is not null;
    }

    /// <summary>
    /// The group of a gateway contract, from its name (<c>NQZ6</c>) and its symbol id or id (root <c>ENQ</c>).
    /// When both are readable they must name the same covered product's group; a name the table does not know
    /// is refused even when the root is known, because one root (GMET) means different products at different
    /// gateways.
    /// </summary>
    /// <exception cref="UnknownProductException">Neither field names a covered product, or they disagree.</exception>
    public static ProductGroup Resolve(ContractModel contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var byName = Find(contract.Name);
        var root = ContractNames.RootOf(contract.SymbolId) ?? ContractNames.RootOf(contract.Id);
        var byRoot = Find(root);
        var label = $"{contract.Name} ({contract.Id})";
        if (byName is null && ContractNames.SymbolOf(contract.Name) is { } nameSymbol)
            throw new UnknownProductException(label, $"Contract {label}: its name says '{nameSymbol}', which the trading calendar does not cover. {Covered()}");
        if (byName is not null && byRoot is not null && byName.Group != byRoot.Group)
            throw new UnknownProductException(label, $"Contract {label}: its name says {byName.Symbol} ({byName.Group}) but its root {root} is {byRoot.Symbol} ({byRoot.Group}); refusing to guess a schedule.");
        return (byName ?? byRoot)?.Group
            ?? throw new UnknownProductException(label, $"Contract {label} names no product the trading calendar covers. {Covered()}");
    }

    /// <summary>
    /// The covered product a symbol, root, symbol id, contract id or contract name names (like <see cref="Resolve(string)"/>).
    /// </summary>
    /// <exception cref="UnknownProductException">The product is not in the table.</exception>
    public static Product ProductOf(string product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return Find(product) ?? throw new UnknownProductException(product, $"'{product}' is not a product this client knows. {Covered()}");
    }

    private static Product? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var token = text.Trim().ToUpperInvariant();
        if (ByToken.TryGetValue(token, out var product))
            return product;
        var key = ContractNames.RootOf(token) ?? ContractNames.SymbolOf(token);
        return key is not null && ByToken.TryGetValue(key, out product) ? product : null;
    }

    private static FrozenDictionary<string, Product> BuildTokens()
    {
        var tokens = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var product in Table)
        {
            foreach (var token in new[] { product.Symbol, product.Root })
            {
                if (tokens.TryGetValue(token, out var other) && other != product)
                    throw new InvalidOperationException($"Product table: '{token}' names both {other.Symbol} and {product.Symbol}.");
                tokens[token] = product;
            }
        }
        return tokens.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Covered() =>
        "Covered: " + string.Join(", ", Table.Select(p => p.Symbol)) + ". Livestock, crypto and NKD trade other schedules.";
}
