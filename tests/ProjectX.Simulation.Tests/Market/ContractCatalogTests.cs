using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Tests.Market;

public class ContractCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 15, 30, TimeSpan.Zero);
    private readonly ContractCatalog _catalog = new();

    [Theory]
    [InlineData("MNQ", "CON.F.US.MNQ.Z26", "MNQZ6", "F.US.MNQ", "0.25", "0.50", "0.37", "Micro E-mini Nasdaq-100: December 2026")]
    [InlineData("NQ", "CON.F.US.ENQ.Z26", "NQZ6", "F.US.ENQ", "0.25", "5", "1.40", "E-mini NASDAQ-100: December 2026")]
    [InlineData("MES", "CON.F.US.MES.Z26", "MESZ6", "F.US.MES", "0.25", "1.25", "0.37", "Micro E-mini S&P 500: December 2026")]
    [InlineData("ES", "CON.F.US.EP.Z26", "ESZ6", "F.US.EP", "0.25", "12.50", "1.40", "E-mini S&P 500: December 2026")]
    [InlineData("M2K", "CON.F.US.M2K.Z26", "M2KZ6", "F.US.M2K", "0.1", "0.50", "0.37", "Micro E-mini Russell 2000: December 2026")]
    [InlineData("RTY", "CON.F.US.RTY.Z26", "RTYZ6", "F.US.RTY", "0.1", "5", "1.40", "E-mini Russell 2000: December 2026")]
    [InlineData("MYM", "CON.F.US.MYM.Z26", "MYMZ6", "F.US.MYM", "1", "0.50", "0.37", "Micro E-mini Dow Jones Industrial Average: December 2026")]
    [InlineData("YM", "CON.F.US.YM.Z26", "YMZ6", "F.US.YM", "1", "5", "1.40", "E-mini Dow Jones Industrial Average: December 2026")]
    [InlineData("MGC", "CON.F.US.GMET.Z26", "MGCZ6", "F.US.GMET", "0.1", "1", "0.62", "Micro Gold: December 2026")]
    [InlineData("GC", "CON.F.US.GCE.Z26", "GCZ6", "F.US.GCE", "0.1", "10", "1.62", "Gold: December 2026")]
    [InlineData("MCL", "CON.F.US.MCLE.F27", "MCLF7", "F.US.MCLE", "0.01", "1", "0.52", "Micro WTI Crude Oil: January 2027")]
    [InlineData("CL", "CON.F.US.CLE.F27", "CLF7", "F.US.CLE", "0.01", "10", "1.52", "Crude Oil: January 2027")]
    [InlineData("6E", "CON.F.US.EU6.Z26", "6EZ6", "F.US.EU6", "0.00005", "6.25", "1.62", "Euro FX: December 2026")]
    [InlineData("ZN", "CON.F.US.TYA.Z26", "ZNZ6", "F.US.TYA", "0.015625", "15.625", "1.10", "10-Year T-Note: December 2026")]
    [InlineData("ZC", "CON.F.US.ZCE.Z26", "ZCZ6", "F.US.ZCE", "0.25", "12.50", "2.62", "Corn: December 2026")]
    public void Every_product_has_real_ids_names_and_tick_economics(
        string symbol, string id, string name, string symbolId, string tickSize, string tickValue, string fee, string description)
    {
        var active = _catalog.ActiveContract(symbol, Now);
        Assert.NotNull(active);
        Assert.Equal(id, active.Id);
        Assert.Equal(name, active.Name);
        Assert.Equal(symbolId, active.SymbolId);
        Assert.Equal(description, active.Description);
        Assert.Equal(decimal.Parse(tickSize, System.Globalization.CultureInfo.InvariantCulture), active.TickSize);
        Assert.Equal(decimal.Parse(tickValue, System.Globalization.CultureInfo.InvariantCulture), active.TickValue);
        Assert.True(active.ActiveContract);

        var spec = _catalog.GetSpec(id);
        Assert.NotNull(spec);
        Assert.Equal(symbol, spec.Symbol);
        Assert.Equal(active.TickSize, spec.TickSize);
        Assert.Equal(active.TickValue, spec.TickValue);
        Assert.Equal(decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture), spec.FeePerSide);
        Assert.True(spec.Expiry > Now);
        Assert.Equal(spec, _catalog.ActiveSpec(symbol, Now));
    }

    [Theory]
    [InlineData("CON.F.US.ENQ.Z26", 2026, 12, 18)] // 3rd Friday
    [InlineData("CON.F.US.EP.H27", 2027, 3, 19)]
    [InlineData("CON.F.US.EU6.Z26", 2026, 12, 14)] // Monday before the 3rd Wednesday (Dec 16)
    [InlineData("CON.F.US.CLE.Z26", 2026, 11, 20)] // 25 Nov is a Wednesday: 3 business days before
    [InlineData("CON.F.US.CLE.F27", 2026, 12, 22)] // 25 Dec is a Friday
    [InlineData("CON.F.US.CLE.M27", 2027, 5, 20)] // 25 May 2027 is a Tuesday
    [InlineData("CON.F.US.CLE.Q27", 2027, 7, 20)] // 25 Jul 2027 is a Sunday: 4 business days before
    [InlineData("CON.F.US.MCLE.F27", 2026, 12, 21)] // a business day before CL
    [InlineData("CON.F.US.GCE.Z26", 2026, 12, 29)] // 3rd-last business day of December
    [InlineData("CON.F.US.GMET.J25", 2025, 4, 28)]
    [InlineData("CON.F.US.TYA.Z26", 2026, 12, 22)] // 7 weekdays before Thu Dec 31 (the simulator ignores holidays)
    [InlineData("CON.F.US.ZCE.H27", 2027, 3, 12)] // 15 Mar 2027 is a Monday: the Friday before
    public void Expiry_follows_the_product_rule(string id, int year, int month, int day)
    {
        var spec = _catalog.GetSpec(id);
        Assert.NotNull(spec);
        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(spec.Expiry.UtcDateTime));
    }

    [Fact]
    public void Exactly_one_month_per_product_is_active_on_every_day_of_two_years()
    {
        for (var day = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero); day < new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero); day = day.AddDays(1))
        {
            var available = _catalog.Available(day);
            foreach (var product in _catalog.Products)
            {
                var months = available.Where(c => c.SymbolId == product.SymbolId).ToList();
                Assert.NotEmpty(months);
                var active = Assert.Single(months, c => c.ActiveContract);
                Assert.Equal(active.Id, _catalog.ActiveContract(product.Symbol, day)!.Id);
                Assert.All(months, m => Assert.True(_catalog.GetSpec(m.Id)!.Expiry > day));
            }
        }
    }

    [Fact]
    public void Index_futures_roll_eight_days_before_expiry()
    {
        var roll = new DateTimeOffset(2026, 12, 10, 13, 30, 0, TimeSpan.Zero); // Dec 18 13:30 UTC − 8 days
        Assert.Equal("CON.F.US.ENQ.Z26", _catalog.ActiveContract("NQ", roll.AddSeconds(-1))!.Id);
        Assert.Equal("CON.F.US.ENQ.H27", _catalog.ActiveContract("NQ", roll)!.Id);

        // Between roll and expiry the old month is still listed and tradable, just not active.
        var old = _catalog.FindById("CON.F.US.ENQ.Z26", roll.AddDays(1));
        Assert.NotNull(old);
        Assert.False(old.ActiveContract);
        Assert.Contains(_catalog.Available(roll.AddDays(1)), c => c.Id == "CON.F.US.ENQ.Z26");
        Assert.DoesNotContain(_catalog.Available(roll.AddDays(9)), c => c.Id == "CON.F.US.ENQ.Z26");
    }

    [Fact]
    public void Expired_months_resolve_by_id_as_inactive()
    {
        var expired = _catalog.FindById("CON.F.US.ENQ.U26", Now);
        Assert.NotNull(expired);
        Assert.False(expired.ActiveContract);
        Assert.Equal("NQU6", expired.Name);
        Assert.DoesNotContain(_catalog.Available(Now), c => c.Id == expired.Id);

        Assert.NotNull(_catalog.FindById("CON.F.US.RTY.Z24", Now)); // the docs' example, two years back
        Assert.NotNull(_catalog.GetSpec("CON.F.US.GMET.J25"));
    }

    [Theory]
    [InlineData("CON.F.US.ENQ.Z2")]
    [InlineData("CON.F.US.ENQ.F26")] // January is not an NQ month
    [InlineData("CON.F.US.NQ.Z26")] // the root is ENQ
    [InlineData("con.f.us.enq.z26")]
    [InlineData("CON.F.US.ENQ.Z28")] // beyond the 12-month listing horizon
    [InlineData("")]
    public void Unknown_ids_are_not_found(string id) => Assert.Null(_catalog.FindById(id, Now));

    [Fact]
    public void Search_NQ_returns_the_ENQ_front_month_first()
    {
        var results = _catalog.Search("NQ", Now);
        Assert.InRange(results.Count, 1, 20);
        Assert.Equal("CON.F.US.ENQ.Z26", results[0].Id);
        Assert.Equal("NQZ6", results[0].Name);
        Assert.Contains(results, c => c.Id == "CON.F.US.MNQ.Z26"); // fuzzy: MNQ contains NQ
    }

    [Theory]
    [InlineData("MNQ", "CON.F.US.MNQ.Z26")]
    [InlineData("mnq", "CON.F.US.MNQ.Z26")]
    [InlineData("ES", "CON.F.US.EP.Z26")]
    [InlineData("EP", "CON.F.US.EP.Z26")]
    [InlineData("6E", "CON.F.US.EU6.Z26")]
    [InlineData("CL", "CON.F.US.CLE.F27")]
    [InlineData("NQH7", "CON.F.US.ENQ.H27")]
    [InlineData("CON.F.US.GCE.Z26", "CON.F.US.GCE.Z26")]
    [InlineData("micro gold", "CON.F.US.GMET.Z26")]
    public void Search_ranks_the_exact_match_first(string text, string expectedFirst)
    {
        var results = _catalog.Search(text, Now);
        Assert.Equal(expectedFirst, results[0].Id);
    }

    [Fact]
    public void Search_finds_description_words_and_honours_max()
    {
        var nasdaq = _catalog.Search("nasdaq", Now);
        Assert.Contains(nasdaq, c => c.SymbolId == "F.US.ENQ");
        Assert.Contains(nasdaq, c => c.SymbolId == "F.US.MNQ");
        Assert.All(nasdaq, c => Assert.Contains("nasdaq", c.Description, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(3, _catalog.Search("C", Now, max: 3).Count);
        Assert.InRange(_catalog.Search("C", Now).Count, 1, 20);
        Assert.Empty(_catalog.Search("ZZZZ", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_search_lists_the_active_contracts(string? text)
    {
        var results = _catalog.Search(text, Now);
        Assert.Equal(15, results.Count);
        Assert.All(results, c => Assert.True(c.ActiveContract));
    }

    [Fact]
    public void Available_lists_every_tradable_month_of_every_product()
    {
        var available = _catalog.Available(Now);
        Assert.Equal(available.Count, available.Select(c => c.Id).Distinct().Count());
        Assert.Equal(15, available.Select(c => c.SymbolId).Distinct().Count());
        Assert.Contains(available, c => c.Id == "CON.F.US.ENQ.Z26");
        Assert.Contains(available, c => c.Id == "CON.F.US.ENQ.H27");
        Assert.Contains(available, c => c.Id == "CON.F.US.CLE.F27");
        Assert.DoesNotContain(available, c => c.Id == "CON.F.US.CLE.Z26"); // expired 2026-11-20
        Assert.Equal(11, available.Count(c => c.SymbolId == "F.US.CLE")); // Jan–Nov 2027: up to 12 months ahead
    }
}
