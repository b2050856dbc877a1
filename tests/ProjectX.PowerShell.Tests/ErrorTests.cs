using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>Bad input: each failure has a specific ErrorId and category, and is terminating or not as documented.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Unknown_symbol_is_a_non_terminating_error_and_the_pipeline_continues()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            try { Get-PxInstrument -Symbol NOPE1, MNQ, NOPE2 | ForEach-Object Symbol; 'continued' } catch { 'caught' }
            """);

        Assert.Equal(["MNQ", "continued"], result.Strings);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("ProjectX.InstrumentNotFound", e.ErrorId());
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        Assert.Equal(["NOPE1", "NOPE2"], result.Errors.Select(e => e.TargetObject).Cast<string>().ToArray());
    }

    [Fact]
    public void ErrorAction_Stop_turns_an_unknown_symbol_into_a_terminating_error()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            try { Get-PxInstrument -Symbol NOPE1, MNQ -ErrorAction Stop | ForEach-Object Symbol; 'not reached' } catch { $_ }
            Get-PxInstrument MNQ | ForEach-Object Symbol
            """);

        var error = Assert.IsType<ErrorRecord>(result.Output[0].BaseObject);
        Assert.Equal("ProjectX.InstrumentNotFound", error.ErrorId());
        // The cmdlet stopped cleanly: nothing after the error, and the next command still works.
        Assert.Equal(["MNQ"], result.Strings);
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void Wrong_api_key_is_a_terminating_authentication_error_without_the_key()
    {
        var result = _session.Run("""
            try { Connect-ProjectX -Simulator -UserName demo -ApiKey 'not-the-key-123'; 'not reached' } catch { $_ }
            """);

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("ProjectX.AuthenticationFailed", error.ErrorId());
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("not-the-key-123", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key-123", error.Exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_account_at_connect_is_a_terminating_not_found_error()
    {
        var result = _session.Run("""
            try { Connect-ProjectX -Simulator -Account NO-SUCH-ACCOUNT; 'not reached' } catch { $_ }
            try { Get-PxAccount; 'not reached' } catch { $_ }
            """);

        var errors = result.Output.Select(o => Assert.IsType<ErrorRecord>(o.BaseObject)).ToList();
        Assert.Equal(["ProjectX.AccountNotFound", "ProjectX.NotConnected"], errors.Select(e => e.ErrorId()).ToArray());
        Assert.Equal(ErrorCategory.ObjectNotFound, errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void Unknown_account_name_or_id_is_non_terminating()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            Get-PxAccount -Name NO-SUCH-ACCOUNT, PRAC-V2-DEMO-50K | ForEach-Object AccountId
            Get-PxAccount -Id 999999 | ForEach-Object AccountId
            'continued'
            """);

        Assert.Equal(1001, Assert.IsType<int>(result.Output[0].BaseObject));
        Assert.Equal("continued", result.Output[^1].BaseObject);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("ProjectX.AccountNotFound", e.ErrorId());
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
    }

    [Fact]
    public void No_connection_is_a_terminating_connection_error_that_says_what_to_do()
    {
        var result = _session.Run("""
            try { Get-PxInstrument MNQ; 'not reached' } catch { $_ }
            try { Disconnect-ProjectX; 'not reached' } catch { $_ }
            """);

        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o =>
        {
            var error = Assert.IsType<ErrorRecord>(o.BaseObject);
            Assert.Equal("ProjectX.NotConnected", error.ErrorId());
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("Connect-ProjectX", error.Exception.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Unknown_firm_is_an_invalid_argument()
    {
        var result = _session.Run("""
            try { Connect-ProjectX -Firm 'Not A Firm!' -UserName u -ApiKey k; 'not reached' } catch { $_ }
            """);

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("ProjectX.InvalidArgument", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }
}
