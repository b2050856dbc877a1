using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>Get/Close-PxPosition, Get-PxTrade and Get-PxPortfolio against a simulator process of their own.</summary>
public sealed class PositionTests(TradingSimulator simulator) : IClassFixture<TradingSimulator>
{
    private ScriptResult Run(string script)
    {
        simulator.Reset();
        return simulator.Run(script);
    }

    [Fact]
    public void Accounts_that_can_trade_pipe_into_Get_PxPosition()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 2 -Confirm:$false | Out-Null
            New-PxOrder MES Sell 1 -Account PRAC-V2-DEMO-150K -Confirm:$false | Out-Null
            Get-PxAccount | Where-Object CanTrade | Get-PxPosition
            """).AssertNoErrors();

        var positions = result.OfType("ProjectX.Position");
        Assert.Equal(2, positions.Count);
        var mnq = Assert.Single(positions, p => p.Prop<int>("AccountId") == 1001);
        Assert.Equal("MNQ", mnq.Prop<string>("Symbol"));
        Assert.Equal("Long", mnq.Prop<string>("Side"));
        Assert.Equal(2, mnq.Prop<int>("Size"));
        Assert.Equal(0.25m, mnq.Prop<decimal>("TickSize"));
        Assert.Equal(0.5m, mnq.Prop<decimal>("TickValue"));
        Assert.True(mnq.Prop<decimal>("AveragePrice") > 0);
        // Marked to the live last price: the fixture's connection has realtime.
        Assert.NotNull(mnq.Properties["UnrealizedPnL"].Value);
        var mes = Assert.Single(positions, p => p.Prop<int>("AccountId") == 1002);
        Assert.Equal(("MES", "Short", 1), (mes.Prop<string>("Symbol"), mes.Prop<string>("Side"), mes.Prop<int>("Size")));
    }

    [Fact]
    public async Task Get_PxPosition_piped_to_Close_PxPosition_WhatIf_closes_nothing_and_names_each_position()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 2 -Confirm:$false | Out-Null
            New-PxOrder MES Sell 1 -Confirm:$false | Out-Null
            Get-PxPosition | Close-PxPosition -WhatIf
            @(Get-PxPosition).Count
            """).AssertNoErrors();

        Assert.Equal(2, Assert.Single(result.Output).BaseObject);
        Assert.Equal(2, (await simulator.Rest.PositionsAsync(1001)).Count);
        var lines = simulator.Host.WhatIfLines;
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^What if: Performing the operation ""Close Long 2 MNQ\w+: Sell 2 MNQ\w+ Market"" on target ""PRAC-V2-DEMO-50K \(1001\)""\.$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^What if: Performing the operation ""Close Short 1 MES\w+: Buy 1 MES\w+ Market"" on target ""PRAC-V2-DEMO-50K \(1001\)""\.$"));
    }

    [Fact]
    public async Task Close_PxPosition_closes_part_then_all_of_a_position()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 3 -Confirm:$false | Out-Null
            Close-PxPosition MNQ -Size 1 -Confirm:$false
            (Get-PxPosition MNQ).Size
            Get-PxPosition | Close-PxPosition -Confirm:$false
            @(Get-PxPosition).Count
            """).AssertNoErrors();

        Assert.Equal([2, 0], result.Output.Select(o => (int)o.BaseObject).ToArray());
        Assert.Empty(await simulator.Rest.PositionsAsync(1001));
    }

    [Fact]
    public void Close_PxPosition_All_confirms_at_high_impact_then_closes_everything()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
            Close-PxPosition -All
            @(Get-PxPosition).Count
            Close-PxPosition -All -Confirm:$false
            @(Get-PxPosition).Count
            """).AssertNoErrors();

        var prompt = Assert.Single(simulator.Host.Prompts);
        Assert.Contains("Close all 2 open position(s) at market", prompt, StringComparison.Ordinal);
        Assert.Equal([2, 0], result.Output.Select(o => (int)o.BaseObject).ToArray());
    }

    [Fact]
    public void WhatIf_false_is_not_a_dry_run_and_All_still_confirms()
    {
        // -WhatIf:$dryRun with $dryRun = $false must not skip the high-impact confirmation.
        var result = Run("""
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
            Close-PxPosition -All -WhatIf:$false
            @(Get-PxPosition).Count
            """).AssertNoErrors();

        var prompt = Assert.Single(simulator.Host.Prompts);
        Assert.Contains("Close all 2 open position(s) at market", prompt, StringComparison.Ordinal);
        Assert.Equal(2, (int)Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void An_explicit_Symbol_is_not_overridden_by_the_ContractId_of_piped_positions()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
            Get-PxPosition | Close-PxPosition -Symbol MNQ -Confirm:$false
            @(Get-PxPosition).Symbol
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.PositionDoesNotMatchSymbol", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("MES", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void Closing_what_is_not_open_or_more_than_is_open_are_specific_errors()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            Close-PxPosition MES -Confirm:$false
            Close-PxPosition MNQ -Size 5 -Confirm:$false
            try { Close-PxPosition MNQ -Size 0 -Confirm:$false; 'not reached' } catch { $_ }
            (Get-PxPosition MNQ).Size
            """);

        Assert.Equal(["ProjectX.PositionNotFound", "ProjectX.InvalidSize"], result.Errors.Select(e => e.ErrorId()).ToArray());
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[1].CategoryInfo.Category);
        Assert.Equal("ProjectX.InvalidSize", Assert.Single(result.CaughtErrors).ErrorId());
        Assert.Equal(1, result.Output[^1].BaseObject);
    }

    [Fact]
    public void A_piped_position_that_has_closed_since_it_was_read_is_a_warning_not_an_error()
    {
        var result = Run("""
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            $positions = Get-PxPosition
            Close-PxPosition MNQ -Confirm:$false
            $positions | Close-PxPosition -Confirm:$false
            'continued'
            @(Get-PxPosition).Count
            """).AssertNoErrors();

        // What the script wanted (flat) already holds, so -ErrorAction Stop must not end it; a typed symbol with no
        // position stays the error ProjectX.PositionNotFound (see the test above).
        Assert.Contains("has already closed", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
        Assert.Equal("continued", Assert.Single(result.Strings));
        Assert.Equal(0, result.Output[^1].BaseObject);
    }

    [Fact]
    public void Get_PxTrade_shows_opening_fills_without_and_closing_fills_with_realized_PnL()
    {
        var result = Run("""
            $since = [datetime]::UtcNow
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            Close-PxPosition MNQ -Confirm:$false
            New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
            Get-PxTrade -Since $since -Symbol MNQ
            @(Get-PxTrade -Since $since).Count
            try { Get-PxTrade -Since '2026-03-02' -Until '2026-03-01'; 'not reached' } catch { $_ }
            """);

        var trades = result.OfType("ProjectX.Trade");
        Assert.Equal(2, trades.Count);
        Assert.Equal(["Buy", "Sell"], trades.Select(t => t.Prop<string>("Side")).ToArray());
        Assert.Null(trades[0].Properties["RealizedPnL"].Value);
        Assert.NotNull(trades[1].Properties["RealizedPnL"].Value);
        Assert.All(trades, t => Assert.True(t.Prop<decimal>("Fees") > 0));
        Assert.All(trades, t => Assert.Equal("MNQ", t.Prop<string>("Symbol")));
        Assert.True(trades[0].Prop<DateTimeOffset>("Time") <= trades[1].Prop<DateTimeOffset>("Time"));
        Assert.Equal(3, result.Output.Single(o => o.BaseObject is int).BaseObject);
        var error = Assert.Single(result.CaughtErrors);
        Assert.Equal("ProjectX.InvalidDateRange", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Get_PxPortfolio_sums_todays_fills_and_counts_open_positions()
    {
        var result = Run("""
            $since = [datetime]::UtcNow
            New-PxOrder MNQ Buy 1 -Confirm:$false | Out-Null
            Close-PxPosition MNQ -Confirm:$false
            New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
            $trades = @(Get-PxTrade -Since $since)
            ($trades | ForEach-Object { $_.RealizedPnL } | Where-Object { $_ -ne $null } | ForEach-Object -Begin { $s = 0 } -Process { $s += $_ } -End { $s })
            ($trades | ForEach-Object -Begin { $f = 0 } -Process { $f += $_.Fees } -End { $f })
            Get-PxAccount -Name PRAC-V2-DEMO-50K | Get-PxPortfolio -Since $since
            """).AssertNoErrors();

        var portfolio = Assert.Single(result.OfType("ProjectX.Portfolio"));
        Assert.Equal(1001, portfolio.Prop<int>("AccountId"));
        Assert.Equal("PRAC-V2-DEMO-50K", portfolio.Prop<string>("Account"));
        Assert.Equal(Convert.ToDecimal(result.Output[0].BaseObject, System.Globalization.CultureInfo.InvariantCulture), portfolio.Prop<decimal>("RealizedPnL"));
        Assert.Equal(Convert.ToDecimal(result.Output[1].BaseObject, System.Globalization.CultureInfo.InvariantCulture), portfolio.Prop<decimal>("Fees"));
        Assert.Equal(portfolio.Prop<decimal>("RealizedPnL") - portfolio.Prop<decimal>("Fees"), portfolio.Prop<decimal>("NetPnL"));
        Assert.Equal(1, portfolio.Prop<int>("OpenPositions"));
        Assert.Equal(3, portfolio.Prop<int>("TradeCount"));
        Assert.True(portfolio.Prop<decimal>("Balance") > 0);
        // The open MES position is marked to the live price (the fixture's connection has realtime).
        Assert.NotNull(portfolio.Properties["UnrealizedPnL"].Value);
    }
}
