using ProjectX.Client.Gateway;
using ProjectX.Client.Sessions;
using ProjectX.Simulation.Market.Catalog;

namespace ProjectX.Client.Tests.Sessions;

public sealed class ProductGroupsTests
{
    // Expected groups written from CME's product listings, not from the table under test.
    [Theory]
    [InlineData("ES", ProductGroup.EquityIndex)]
    [InlineData("EP", ProductGroup.EquityIndex)]
    [InlineData("MNQ", ProductGroup.EquityIndex)]
    [InlineData("NQ", ProductGroup.EquityIndex)]
    [InlineData("ENQ", ProductGroup.EquityIndex)]
    [InlineData("M2K", ProductGroup.EquityIndex)]
    [InlineData("YM", ProductGroup.EquityIndex)]
    [InlineData("ZN", ProductGroup.InterestRates)]
    [InlineData("TYA", ProductGroup.InterestRates)]
    [InlineData("ZB", ProductGroup.InterestRates)]
    [InlineData("ZT", ProductGroup.InterestRates)]
    [InlineData("GC", ProductGroup.Metals)]
    [InlineData("GCE", ProductGroup.Metals)]
    [InlineData("MGC", ProductGroup.Metals)]
    [InlineData("HG", ProductGroup.Metals)]
    [InlineData("CL", ProductGroup.Energy)]
    [InlineData("MCLE", ProductGroup.Energy)]
    [InlineData("NG", ProductGroup.Energy)]
    [InlineData("NQM", ProductGroup.Energy)]
    [InlineData("6E", ProductGroup.Fx)]
    [InlineData("EU6", ProductGroup.Fx)]
    [InlineData("6J", ProductGroup.Fx)]
    [InlineData("DA6", ProductGroup.Fx)]
    [InlineData("ZC", ProductGroup.Agriculture)]
    [InlineData("ZSE", ProductGroup.Agriculture)]
    [InlineData("ZW", ProductGroup.Agriculture)]
    public void A_symbol_or_root_resolves_to_its_group(string product, ProductGroup expected) =>
        Assert.Equal(expected, ProductGroups.Resolve(product));

    [Theory]
    [InlineData("F.US.ENQ", ProductGroup.EquityIndex)]
    [InlineData("CON.F.US.ENQ.Z26", ProductGroup.EquityIndex)]
    [InlineData("con.f.us.tya.m26", ProductGroup.InterestRates)]
    [InlineData("NQZ6", ProductGroup.EquityIndex)]
    [InlineData("NQZ26", ProductGroup.EquityIndex)]
    [InlineData("NQM6", ProductGroup.EquityIndex)]
    [InlineData("6EM6", ProductGroup.Fx)]
    [InlineData(" mes ", ProductGroup.EquityIndex)]
    public void Ids_and_contract_names_resolve_case_insensitively(string product, ProductGroup expected) =>
        Assert.Equal(expected, ProductGroups.Resolve(product));

    [Fact]
    public void Every_product_the_simulator_lists_has_a_schedule()
    {
        var expected = new Dictionary<string, ProductGroup>
        {
            ["MNQ"] = ProductGroup.EquityIndex, ["NQ"] = ProductGroup.EquityIndex, ["MES"] = ProductGroup.EquityIndex,
            ["ES"] = ProductGroup.EquityIndex, ["M2K"] = ProductGroup.EquityIndex, ["RTY"] = ProductGroup.EquityIndex,
            ["MYM"] = ProductGroup.EquityIndex, ["YM"] = ProductGroup.EquityIndex, ["MGC"] = ProductGroup.Metals,
            ["GC"] = ProductGroup.Metals, ["MCL"] = ProductGroup.Energy, ["CL"] = ProductGroup.Energy, ["6E"] = ProductGroup.Fx,
            ["ZN"] = ProductGroup.InterestRates, ["ZC"] = ProductGroup.Agriculture,
        };
        foreach (var product in FuturesProducts.All)
        {
            Assert.Equal(expected[product.Symbol], ProductGroups.Resolve(product.Symbol));
            Assert.Equal(expected[product.Symbol], ProductGroups.Resolve(product.Root));
            Assert.Equal(expected[product.Symbol], ProductGroups.Resolve(product.SymbolId));
        }
        Assert.Equal(expected.Count, FuturesProducts.All.Count);
    }

    [Fact]
    public void A_contract_resolves_from_any_of_its_fields()
    {
        Assert.Equal(ProductGroup.EquityIndex, ProductGroups.Resolve(new ContractModel { Id = "CON.F.US.ENQ.Z26", Name = "NQZ6", SymbolId = "F.US.ENQ" }));
        Assert.Equal(ProductGroup.Energy, ProductGroups.Resolve(new ContractModel { Id = "CON.F.US.CLE.F27" }));
        Assert.Equal(ProductGroup.Fx, ProductGroups.Resolve(new ContractModel { SymbolId = "F.US.EU6" }));
        Assert.Equal(ProductGroup.Agriculture, ProductGroups.Resolve(new ContractModel { Name = "ZCH7" }));
        // The simulator's micro gold: name MGC, root GMET.
        Assert.Equal(ProductGroup.Metals, ProductGroups.Resolve(new ContractModel { Id = "CON.F.US.GMET.J26", Name = "MGCJ6", SymbolId = "F.US.GMET" }));
        Assert.Equal(ProductGroup.Metals, TradingCalendar.For(new ContractModel { Id = "CON.F.US.GCE.G27", Name = "GCG7" }).Group);
    }

    [Theory]
    [InlineData("HE")]
    [InlineData("LE")]
    [InlineData("NKD")]
    [InlineData("MBT")]
    [InlineData("XYZ")]
    [InlineData("CON.F.US.GLE.M26")]
    [InlineData("F.US.HE")]
    [InlineData("")]
    public void An_unknown_product_is_a_typed_failure(string product)
    {
        var failure = Assert.Throws<UnknownProductException>(() => ProductGroups.Resolve(product));
        Assert.Equal(product, failure.Product);
        Assert.Contains("not a product the trading calendar covers", failure.Message, StringComparison.Ordinal);
        Assert.False(ProductGroups.TryResolve(product, out _));
        Assert.Throws<UnknownProductException>(() => TradingCalendar.For(product));
    }

    [Fact]
    public void A_contract_is_refused_when_its_name_is_unknown_or_contradicts_its_root()
    {
        // Public TopstepX clients list CON.F.US.GMET as Micro Ether: the name must not be overridden by the root.
        var ether = new ContractModel { Id = "CON.F.US.GMET.H26", Name = "METH6", SymbolId = "F.US.GMET" };
        Assert.Contains("'MET'", Assert.Throws<UnknownProductException>(() => ProductGroups.Resolve(ether)).Message, StringComparison.Ordinal);

        var contradictory = new ContractModel { Id = "CON.F.US.ENQ.Z26", Name = "CLZ6", SymbolId = "F.US.ENQ" };
        Assert.Contains("refusing to guess", Assert.Throws<UnknownProductException>(() => ProductGroups.Resolve(contradictory)).Message, StringComparison.Ordinal);

        Assert.Throws<UnknownProductException>(() => ProductGroups.Resolve(new ContractModel()));
        Assert.Throws<UnknownProductException>(() => TradingCalendar.For(new ContractModel { Id = "CON.F.US.HE.M26", Name = "HEM6" }));
    }

    [Fact]
    public void Every_group_has_products_and_no_token_names_two_products()
    {
        Assert.All(Enum.GetValues<ProductGroup>(), group => Assert.Contains(ProductGroups.All, p => p.Group == group));
        var tokens = ProductGroups.All.SelectMany(p => new[] { p.Symbol, p.Root }.Distinct()).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
