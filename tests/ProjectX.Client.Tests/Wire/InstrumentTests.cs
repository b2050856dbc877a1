using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

public sealed class InstrumentTests
{
    [Theory]
    [InlineData("NQ", "F.US.ENQ")]
    [InlineData("nq", "F.US.ENQ")]
    [InlineData("ES", "F.US.EP")]
    [InlineData("MNQ", "F.US.MNQ")]
    [InlineData("6E", "F.US.EU6")]
    [InlineData("ENQ", "F.US.ENQ")]
    [InlineData("MGC", "F.US.GMET")]
    public async Task A_root_resolves_to_the_active_month(string symbol, string symbolId)
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var contract = await client.GetInstrumentAsync(symbol);
        Assert.True(contract.ActiveContract);
        Assert.Equal(symbolId, contract.SymbolId);
        Assert.Equal(Sim.ActiveContract(server, symbol).Id, contract.Id);
    }

    [Fact]
    public async Task NQ_never_resolves_to_fuzzy_look_alikes()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var fuzzy = await client.SearchInstrumentsAsync("NQ");
        Assert.Contains(fuzzy, c => c.SymbolId != "F.US.ENQ"); // the search itself is fuzzy (MNQ at least)
        var nq = await client.GetInstrumentAsync("NQ");
        Assert.Equal("F.US.ENQ", nq.SymbolId);
        Assert.Matches("^NQ[FGHJKMNQUVXZ][0-9]$", nq.Name);
    }

    [Fact]
    public async Task Contract_names_with_one_or_two_year_digits_and_contract_ids_resolve()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var active = Sim.ActiveContract(server, "MNQ");               // e.g. MNQZ6 / CON.F.US.MNQ.Z26
        var yearTwoDigits = active.Id[^3..];                          // Z26

        Assert.Equal(active.Id, (await client.GetInstrumentAsync(active.Name)).Id);
        Assert.Equal(active.Id, (await client.GetInstrumentAsync("MNQ" + yearTwoDigits)).Id);
        Assert.Equal(active.Id, (await client.GetInstrumentAsync(active.Id)).Id);
    }

    [Fact]
    public async Task Unknown_symbol_and_unknown_contract_id_are_not_found()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var symbol = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.GetInstrumentAsync("XYZQ"));
        Assert.Equal("Instrument", symbol.ResourceKind);
        Assert.Equal("XYZQ", symbol.ResourceId);
        var id = await Assert.ThrowsAsync<ProjectXNotFoundException>(() => client.GetInstrumentAsync("CON.F.US.NOPE.Z26"));
        Assert.Equal("Instrument", id.ResourceKind);
    }

    [Fact]
    public async Task Resolved_contracts_are_cached()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        var first = await client.GetInstrumentAsync("MES");
        var calls = log.All.Count;
        var second = await client.GetInstrumentAsync("MES");
        var byId = await client.GetInstrumentAsync(first.Id);
        Assert.Same(first, second);
        Assert.Same(first, byId);
        Assert.Equal(calls, log.All.Count);
    }

    [Fact]
    public async Task Available_instruments_list_every_product()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var all = await client.GetAvailableInstrumentsAsync();
        Assert.Contains(all, c => c.SymbolId == "F.US.EP" && c.ActiveContract);
        Assert.Contains(all, c => c.SymbolId == "F.US.EU6" && c.TickSize == 0.00005m);
    }
}
