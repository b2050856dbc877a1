using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>Connect-ProjectX -Simulator (in-process) and the read cmdlets against it.</summary>
public sealed class SimulatorConnectionTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Connect_lists_accounts_and_resolves_MNQ_as_typed_objects()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            Get-PxAccount
            Get-PxInstrument MNQ
            """).AssertNoErrors();

        var accounts = result.OfType("ProjectX.Account");
        Assert.Contains(accounts, a => a.Prop<string>("Name") == "PRAC-V2-DEMO-50K" && a.Prop<int>("AccountId") == 1001 && a.Prop<decimal>("Balance") > 0m);   // other test classes trade on the shared in-process simulator
        Assert.DoesNotContain(accounts, a => a.Prop<string>("Name") == "PRAC-V2-DEMO-CLOSED");
        Assert.Equal("ProjectX.PowerShell.Models.PxAccount", accounts[0].BaseObject.GetType().FullName);

        var instrument = Assert.Single(result.OfType("ProjectX.Instrument"));
        Assert.Equal("MNQ", instrument.Prop<string>("Symbol"));
        Assert.StartsWith("CON.F.US.MNQ.", instrument.Prop<string>("ContractId"), StringComparison.Ordinal);
        Assert.True(instrument.Prop<decimal>("TickSize") > 0m);
        Assert.Equal(accounts.Count + 1, result.Output.Count);
    }

    [Fact]
    public void Connect_writes_nothing_unless_PassThru_and_then_the_connection()
    {
        var quiet = _session.Run("Connect-ProjectX -Simulator").AssertNoErrors();
        var passThru = _session.Run("Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K -NoRealtime -PassThru").AssertNoErrors();

        Assert.Empty(quiet.Output);
        var connection = Assert.Single(passThru.Output);
        Assert.Equal("ProjectX.Connection", connection.TypeNames[0]);
        Assert.Equal("demo", connection.Prop<string>("UserName"));
        Assert.Equal("PRAC-V2-DEMO-150K", connection.Prop<string>("Account"));
        Assert.True(connection.Prop<bool>("IsSimulator"));
        Assert.False(connection.Prop<bool>("RealtimeEnabled"));
        Assert.True(connection.Prop<bool>("IsAuthenticated"));
        Assert.DoesNotContain("demo-api-key", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_shows_each_api_call_and_never_the_key()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator -Verbose
            Get-PxInstrument MNQ -Verbose | Out-Null
            """).AssertNoErrors();

        var lines = result.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith("Auth/loginKey: succeeded in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Account/search: succeeded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Contract/", StringComparison.Ordinal) && l.Contains(" ms (HTTP 200", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("demo-api-key", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Get_PxAccount_filters_by_wildcard_name_id_and_All()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            (Get-PxAccount -Name '*150k' | ForEach-Object Name) -join ','
            (Get-PxAccount -Id 1002, 1004 | ForEach-Object AccountId) -join ','
            (Get-PxAccount -All -Name *CLOSED | ForEach-Object Name) -join ','
            (Get-PxAccount -Name *CLOSED | ForEach-Object Name) -join ','
            """).AssertNoErrors();

        Assert.Equal(["PRAC-V2-DEMO-150K", "1002,1004", "PRAC-V2-DEMO-CLOSED", ""], result.Strings);
    }

    [Fact]
    public void Get_PxInstrument_takes_symbols_from_the_pipeline_and_searches()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            'MNQ', 'NQ' | Get-PxInstrument | ForEach-Object Symbol
            Get-PxInstrument MNQ | Get-PxInstrument | ForEach-Object ContractId
            @(Get-PxInstrument -Search NQ).Count
            """).AssertNoErrors();

        Assert.Equal("MNQ", result.Strings[0]);
        Assert.Equal("NQ", result.Strings[1]);
        Assert.StartsWith("CON.F.US.MNQ.", result.Strings[2], StringComparison.Ordinal);
        Assert.True(Assert.IsType<int>(result.Output[3].BaseObject) >= 1);
    }

    [Fact]
    public void Disconnect_clears_the_default_connection()
    {
        var result = _session.Run("""
            $connection = Connect-ProjectX -Simulator -PassThru
            Disconnect-ProjectX
            $connection.IsDisposed
            try { Get-PxAccount; 'not reached' } catch { $_ }
            """);

        Assert.True(Assert.IsType<bool>(result.Output[0].BaseObject));
        var error = Assert.IsType<System.Management.Automation.ErrorRecord>(result.Output[1].BaseObject);
        Assert.Equal("ProjectX.NotConnected", error.ErrorId());
        Assert.Equal(2, result.Output.Count);
    }
}
