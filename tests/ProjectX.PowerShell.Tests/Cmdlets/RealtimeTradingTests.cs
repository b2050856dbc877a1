using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>
/// Orders and positions with realtime on, against a simulator process of their own (its hubs on the wire,
/// found beside -ApiUrl): live unrealized PnL, user-hub events with -Action, event-driven -Wait.
/// </summary>
public sealed class RealtimeTradingTests(TradingSimulator simulator) : IClassFixture<TradingSimulator>
{
    private ScriptResult Run(string script)
    {
        simulator.Reset();
        return simulator.Run(script);
    }

    [Fact]
    public void UnrealizedPnL_is_live_with_realtime_and_null_without()
    {
        var result = Run("""
            (Get-PxConnection).UserHubState.ToString()
            New-PxOrder MNQ Buy 2 -Confirm:$false | Out-Null
            Get-PxPosition MNQ
            Get-PxPortfolio
            $rest = Connect-ProjectX -UserName demo -ApiKey demo-api-key -ApiUrl $SimulatorUrl -NoRealtime -PassThru
            'rest:'
            Get-PxPosition MNQ -Connection $rest
            Get-PxPortfolio -Connection $rest
            """).AssertNoErrors();

        Assert.Equal("Connected", result.Strings[0]);
        var positions = result.OfType("ProjectX.Position");
        var portfolios = result.OfType("ProjectX.Portfolio");
        Assert.Equal(2, positions.Count);
        var live = positions[0];
        Assert.NotNull(live.Properties["UnrealizedPnL"].Value);
        Assert.NotNull(portfolios[0].Properties["UnrealizedPnL"].Value);
        // Two contracts of 0.50 per tick: a whole number of ticks times 1.00. The two are read at different moments
        // of a market that moves every second, so each is checked on its own rather than against the other.
        Assert.Equal(0m, live.Prop<decimal>("UnrealizedPnL") % 1m);
        Assert.Equal(0m, portfolios[0].Prop<decimal>("UnrealizedPnL") % 1m);
        Assert.Null(positions[1].Properties["UnrealizedPnL"].Value);
        Assert.Null(portfolios[1].Properties["UnrealizedPnL"].Value);
    }

    [Fact]
    public void User_hub_events_reach_actions_as_module_objects()
    {
        var result = Run("""
            $global:orders = [System.Collections.Generic.List[object]]::new()
            $global:fills = [System.Collections.Generic.List[object]]::new()
            $global:positions = [System.Collections.Generic.List[object]]::new()
            Register-PxEvent OrderUpdated -SourceIdentifier T.Orders -Action { $global:orders.Add($EventArgs.Order) } | Out-Null
            Register-PxEvent TradeExecuted -SourceIdentifier T.Fills -Symbol MNQ -Action { $global:fills.Add($EventArgs.Trade) } | Out-Null
            Register-PxEvent PositionUpdated -SourceIdentifier T.Positions -Action { $global:positions.Add($EventArgs.Position) } | Out-Null
            Register-PxEvent AccountUpdated -SourceIdentifier T.Account
            $order = New-PxOrder MNQ Buy 1 -Wait -Confirm:$false
            New-PxOrder MES Buy 1 -Wait -Confirm:$false | Out-Null
            for ($i = 0; $i -lt 50; $i++) {
                $filled = @($global:orders | Where-Object Status -eq 'Filled').Count
                if ($global:fills.Count -ge 1 -and $global:positions.Count -ge 2 -and $filled -ge 2) { break }
                Watch-PxQuote MNQ -Count 1 -Timeout 1 | Out-Null
            }
            $order.OrderId
            @($global:orders | Where-Object { $_.OrderId -eq $order.OrderId -and $_.Status -eq 'Filled' }).Count -ge 1
            @($global:fills).Count
            $global:fills[0].OrderId
            $global:fills[0].GetType().Name
            @($global:positions | ForEach-Object Symbol) -join ','
            """).AssertNoErrors();

        var output = result.Output.Select(o => o.ToString()).ToArray();
        Assert.Equal(6, output.Length);
        Assert.Equal(output[0], output[3]);
        Assert.Equal(["True", "1", "PxTrade"], new[] { output[1], output[2], output[4] });
        Assert.Equal(["MES", "MNQ"], output[5].Split(',').Distinct().Order().ToArray());
        Assert.Equal(4, simulator.Session.Runspace.Events.Subscribers.Count(s => s.SourceIdentifier.StartsWith("T.", StringComparison.Ordinal)));
        // Without -Action the account updates (the fees of each fill change the balance) wait in the queue.
        var account = simulator.Session.Runspace.Events.ReceivedEvents.Where(e => e.SourceIdentifier == "T.Account")
            .Select(e => System.Management.Automation.PSObject.AsPSObject(System.Management.Automation.PSObject.AsPSObject(e.SourceEventArgs).Properties["Account"].Value)).ToList();
        Assert.NotEmpty(account);
        Assert.All(account, a => Assert.Equal(1001, a.Prop<int>("AccountId")));
    }

    [Fact]
    public void Wait_PxOrder_ends_on_the_order_event()
    {
        var result = Run("""
            $quote = Get-PxQuote MNQ
            $order = New-PxOrder MNQ Buy 1 -LimitPrice ($quote.Ask + 5) -Confirm:$false
            ($order | Wait-PxOrder -Timeout 30).Status.ToString()
            $resting = New-PxOrder MNQ Buy 1 -LimitPrice 1000 -Confirm:$false
            Stop-PxOrder -OrderId $resting.OrderId -Confirm:$false
            ($resting | Wait-PxOrder -Status Cancelled -Timeout 30).Status.ToString()
            """).AssertNoErrors();

        Assert.Equal(["Filled", "Cancelled"], result.Strings);
    }
}
