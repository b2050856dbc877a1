using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>The default connection belongs to a runspace, not to the process or a thread.</summary>
public sealed class RunspaceIsolationTests
{
    [Fact]
    public void Two_runspaces_hold_two_separate_connections()
    {
        using var first = new PowerShellSession();
        using var second = new PowerShellSession();
        using var third = new PowerShellSession();

        first.Run("Connect-ProjectX -Simulator").AssertNoErrors();
        var secondConnection = Assert.Single(second.Run("Connect-ProjectX -Simulator -UserName trader2 -ApiKey trader2-api-key -PassThru").AssertNoErrors().Output);

        var firstAccounts = first.Run("Get-PxAccount | ForEach-Object AccountId").AssertNoErrors();
        var secondAccounts = second.Run("Get-PxAccount | ForEach-Object AccountId").AssertNoErrors();
        var borrowed = first.Run("Get-PxAccount -Connection $other | ForEach-Object AccountId", new() { ["other"] = secondConnection }).AssertNoErrors();
        var unconnected = third.Run("try { Get-PxAccount } catch { $_.FullyQualifiedErrorId }");

        Assert.Contains(1001, firstAccounts.Output.Select(o => (int)o.BaseObject));
        Assert.DoesNotContain(2001, firstAccounts.Output.Select(o => (int)o.BaseObject));
        Assert.Equal([2001], secondAccounts.Output.Select(o => (int)o.BaseObject).ToArray());
        Assert.Equal([2001], borrowed.Output.Select(o => (int)o.BaseObject).ToArray());
        Assert.StartsWith("ProjectX.NotConnected,", Assert.Single(unconnected.Strings), StringComparison.Ordinal);
    }

    [Fact]
    public void Disconnecting_one_runspace_leaves_the_other_connected()
    {
        using var first = new PowerShellSession();
        using var second = new PowerShellSession();
        first.Run("Connect-ProjectX -Simulator").AssertNoErrors();
        second.Run("Connect-ProjectX -Simulator").AssertNoErrors();

        first.Run("Disconnect-ProjectX").AssertNoErrors();

        Assert.NotEmpty(second.Run("Get-PxAccount").AssertNoErrors().Output);
        Assert.Equal("ProjectX.NotConnected", first.Run("try { Get-PxAccount } catch { $_ }").Output.Select(o => ((System.Management.Automation.ErrorRecord)o.BaseObject).ErrorId()).Single());
    }
}
