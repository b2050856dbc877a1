using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>Get-PxConnection, the argument completers and the not-connected error of every new cmdlet (in-process simulator, read-only).</summary>
public sealed class SessionTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Get_PxConnection_shows_user_account_token_hubs_rate_limit_and_url_without_secrets()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
            Get-PxConnection
            """).AssertNoErrors();

        var connection = Assert.Single(result.OfType("ProjectX.Connection"));
        Assert.Equal("demo", connection.Prop<string>("UserName"));
        Assert.Equal("PRAC-V2-DEMO-150K", connection.Prop<string>("Account"));
        Assert.Equal(1002, connection.Prop<int>("AccountId"));
        Assert.True(connection.Prop<DateTimeOffset>("TokenExpiresAt") > DateTimeOffset.UtcNow);
        Assert.Equal("Connected", connection.Prop<string>("UserHubState"));
        Assert.Equal("Connected", connection.Prop<string>("MarketHubState"));
        Assert.True(connection.Prop<bool>("IsSimulator"));
        Assert.NotNull(connection.Prop<Uri>("ApiBaseUrl"));
        var rateLimit = connection.Properties["RateLimit"].Value;
        Assert.NotNull(rateLimit);
        Assert.True((int)PSObject.AsPSObject(rateLimit).Properties["GlobalAvailable"].Value < (int)PSObject.AsPSObject(rateLimit).Properties["GlobalPermits"].Value);
        Assert.DoesNotContain("demo-api-key", string.Join("|", connection.Properties.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Get_PxConnection_takes_an_explicit_connection()
    {
        var result = _session.Run("""
            $first = Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-50K -PassThru
            Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
            (Get-PxConnection -Connection $first).Account
            (Get-PxConnection).Account
            """).AssertNoErrors();

        Assert.Equal(["PRAC-V2-DEMO-50K", "PRAC-V2-DEMO-150K"], result.Strings);
    }

    [Theory]
    [InlineData("Get-PxConnection")]
    [InlineData("Get-PxBar MNQ")]
    [InlineData("New-PxOrder MNQ Buy 1 -Confirm:$false")]
    [InlineData("Get-PxOrder")]
    [InlineData("Set-PxOrder 1 -Size 2 -Confirm:$false")]
    [InlineData("Stop-PxOrder 1 -Confirm:$false")]
    [InlineData("Wait-PxOrder 1")]
    [InlineData("Get-PxPosition")]
    [InlineData("Close-PxPosition MNQ -Confirm:$false")]
    [InlineData("Get-PxTrade")]
    [InlineData("Get-PxPortfolio")]
    public void Every_cmdlet_without_a_connection_stops_with_NotConnected(string command)
    {
        var result = _session.Run($"try {{ {command}; 'not reached' }} catch {{ $_ }}");

        var error = Assert.Single(result.CaughtErrors);
        Assert.Equal("ProjectX.NotConnected", error.ErrorId());
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Single(result.Output);
    }

    [Fact]
    public void Timeframe_completion_offers_the_grammar()
    {
        var result = _session.Run("(TabExpansion2 ($l = 'Get-PxBar MNQ -Timeframe 5') $l.Length).CompletionMatches | ForEach-Object CompletionText").AssertNoErrors();

        Assert.Equal(["5s", "5min"], result.Strings);
    }

    [Fact]
    public void Symbol_completion_uses_common_roots_offline_and_the_catalogue_when_connected()
    {
        var offline = _session.Run("(TabExpansion2 ($l = 'Get-PxBar -Symbol MN') $l.Length).CompletionMatches | ForEach-Object CompletionText").AssertNoErrors();
        var online = _session.Run("""
            Connect-ProjectX -Simulator
            (TabExpansion2 ($l = 'New-PxOrder -Symbol M') $l.Length).CompletionMatches | ForEach-Object CompletionText
            """).AssertNoErrors();

        Assert.Equal(["MNQ"], offline.Strings);
        Assert.Contains("MNQ", online.Strings);
        Assert.Contains("MES", online.Strings);
        Assert.All(online.Strings, s => Assert.StartsWith("M", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Account_completion_offers_the_account_names_of_the_default_connection()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            (TabExpansion2 ($l = 'Get-PxPosition -Account PRAC-V2-DEMO-1') $l.Length).CompletionMatches | ForEach-Object CompletionText
            """).AssertNoErrors();

        Assert.Equal(["PRAC-V2-DEMO-150K"], result.Strings);
    }

    [Fact]
    public void Digit_leading_words_complete_bare_and_a_bare_1d_binds_as_text()
    {
        var result = _session.Run("""
            Connect-ProjectX -Simulator
            (TabExpansion2 ($l = 'Get-PxBar -Symbol 6') $l.Length).CompletionMatches | ForEach-Object CompletionText
            @(Get-PxBar MNQ -Timeframe 1d -Count 2)[0].Timeframe
            """).AssertNoErrors();

        Assert.Contains("6E", result.Strings);
        Assert.Equal("1d", result.Strings[^1]);
    }

    [Theory]
    [InlineData("New-PxOrder MNQ Buy -Size 0 -Confirm:$false", "ProjectX.InvalidSize")]
    [InlineData("New-PxOrder MNQ Buy -Size -1 -Confirm:$false", "ProjectX.InvalidSize")]
    [InlineData("Set-PxOrder 1 -Size 0 -Confirm:$false", "ProjectX.InvalidSize")]
    [InlineData("Close-PxPosition MNQ -Size -3 -Confirm:$false", "ProjectX.InvalidSize")]
    [InlineData("Get-PxBar MNQ -Timeframe 5m", "ProjectX.InvalidTimeframe")]
    [InlineData("Get-PxBar MNQ -Start '2026-03-02' -End '2026-03-01'", "ProjectX.InvalidDateRange")]
    [InlineData("Get-PxOrder -Since '2026-03-02' -Until '2026-03-01'", "ProjectX.InvalidDateRange")]
    public void Bad_input_fails_before_any_call_with_an_invalid_argument(string command, string errorId)
    {
        var result = _session.Run($"Connect-ProjectX -Simulator; try {{ {command} -Verbose; 'not reached' }} catch {{ $_ }}");

        var error = Assert.Single(result.CaughtErrors);
        Assert.Equal(errorId, error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Verbose);
    }
}
