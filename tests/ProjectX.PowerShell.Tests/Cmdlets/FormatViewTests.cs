using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>The default views of ProjectX.Format.ps1xml, rendered by ProjectX.Shell (a host with the formatter).</summary>
public sealed class FormatViewTests
{
    [Fact]
    public async Task Every_new_output_type_renders_through_its_default_view()
    {
        // One Out-Default per command, so each type starts its own view (not an out-of-band list).
        var result = await ProcessRunner.RunShellAsync("-Command", """
            Connect-ProjectX -Simulator
            Get-PxBar MNQ -Timeframe 5min -Count 2 | Out-Default
            New-PxOrder MNQ Buy 1 -LimitPrice 1000 -Confirm:$false | Out-Default
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            Get-PxPosition | Out-Default
            Get-PxTrade | Out-Default
            Get-PxPortfolio | Out-Default
            Get-PxConnection | Out-Default
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.Matches(@"Symbol\s+Timeframe\s+Time \(UTC\)\s+Open\s+High\s+Low\s+Close\s+Volume", output);
        Assert.Matches(@"OrderId\s+Contract\s+Side\s+Size\s+Type\s+Status\s+LimitPrice\s+StopPrice\s+Filled\s+ParentId\s+Tag", output);
        Assert.Matches(@"MNQ\w\d\s+Buy\s+1\s+Limit\s+Open\s+1000\s", output);
        Assert.Matches(@"Account\s+Symbol\s+Contract\s+Side\s+Size\s+AveragePrice\s+UnrealizedPnL", output);
        Assert.Matches(@"Time \(UTC\)\s+TradeId\s+OrderId\s+Contract\s+Side\s+Size\s+Price\s+RealizedPnL\s+Fees", output);
        Assert.Matches(@"UnrealizedPnL\s+: -?\d[\d,]*\.\d\d", output);
        Assert.Matches(@"UserHubState\s+: Connected", output);
        Assert.Matches(@"MarketHubState\s+: Connected", output);
        Assert.Matches(@"RateLimit\s+: global \d+/200", output);
    }

    [Fact]
    public async Task Live_output_types_and_event_payloads_render_through_their_views()
    {
        var result = await ProcessRunner.RunShellAsync("-Command", """
            Connect-ProjectX -Simulator
            Get-PxQuote MNQ | Out-Default
            Get-PxOrderBook MNQ -Levels 2 | Out-Default
            Start-PxDataFeed MNQ -Timeframe 1min -HistoryCount 5 | Out-Default
            $global:seen = @()
            Register-PxEvent Quote -Symbol MNQ -MaxTriggerCount 1 -Action { $global:seen += $Event.SourceEventArgs.Quote } | Out-Null
            for ($i = 0; $i -lt 20 -and $global:seen.Count -eq 0; $i++) { Watch-PxQuote MNQ -Count 1 -Timeout 2 | Out-Null }
            'event:'
            $global:seen | Out-Default
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.Matches(@"Symbol\s+Bid\s+Ask\s+Last\s+Spread\s+Volume\s+Time", output);
        Assert.Matches(@"Symbol\s+BidSize\s+Bid\s+Ask\s+AskSize\s+Spread\s+Imbalance\s+Levels", output);
        Assert.Matches(@"MNQ\s+\d+\s+[\d.]+\s+[\d.]+\s+\d+\s+[\d.]+\s+-?[\d.]+\s+2/2", output);
        Assert.Matches(@"Symbol\s+Contract\s+Timeframes\s+ClosedBars", output);
        Assert.Matches(@"MNQ\s+MNQ\w\d\s+1min\s+1min=5", output);
        // The quote inside the event arguments has no PSTypeName of its own; the view is selected by its .NET type.
        Assert.Matches(@"event:\s+Symbol\s+Bid\s+Ask\s+Last", output);
    }
}
