using System.Management.Automation;
using System.Net;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>Explicit credentials against the simulator host in another process, over real HTTP on loopback.</summary>
public sealed class RemoteSimulatorTests(OutOfProcessSimulator simulator) : IClassFixture<OutOfProcessSimulator>
{
    [Fact]
    public void Credential_connects_over_http_lists_accounts_and_resolves_MNQ()
    {
        using var session = new PowerShellSession();
        var credential = new PSCredential(OutOfProcessSimulator.DemoUserName, new NetworkCredential("", OutOfProcessSimulator.DemoApiKey).SecurePassword);

        var result = session.Run("""
            Connect-ProjectX -Credential $credential -ApiUrl $apiUrl -PassThru
            Get-PxAccount
            Get-PxInstrument MNQ
            """, new() { ["credential"] = credential, ["apiUrl"] = simulator.ApiUrl }).AssertNoErrors();

        var connection = Assert.Single(result.OfType("ProjectX.Connection"));
        Assert.False(connection.Prop<bool>("IsSimulator"));
        Assert.Equal(simulator.ApiUrl, connection.Prop<Uri>("ApiBaseUrl"));
        Assert.Contains(result.OfType("ProjectX.Account"), a => a.Prop<int>("AccountId") == 1001);
        Assert.StartsWith("CON.F.US.MNQ.", Assert.Single(result.OfType("ProjectX.Instrument")).Prop<string>("ContractId"), StringComparison.Ordinal);
    }

    [Fact]
    public void UserName_and_plain_string_ApiKey_connect_and_a_wrong_key_fails()
    {
        using var session = new PowerShellSession();

        var good = session.Run(
            "Connect-ProjectX -UserName $user -ApiKey $key -ApiUrl $apiUrl -Account 1002 -PassThru | ForEach-Object AccountId",
            new() { ["user"] = OutOfProcessSimulator.DemoUserName, ["key"] = OutOfProcessSimulator.DemoApiKey, ["apiUrl"] = simulator.ApiUrl.ToString() }).AssertNoErrors();
        var bad = session.Run(
            "try { Connect-ProjectX -UserName $user -ApiKey 'wrong-key-456' -ApiUrl $apiUrl } catch { $_ }");

        Assert.Equal(1002, Assert.Single(good.Output).BaseObject);
        var error = Assert.IsType<ErrorRecord>(Assert.Single(bad.Output).BaseObject);
        Assert.Equal("ProjectX.AuthenticationFailed", error.ErrorId());
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("wrong-key-456", error.ToString(), StringComparison.Ordinal);
    }
}
