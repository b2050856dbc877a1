namespace ProjectX.PowerShell.Tests.Examples;

/// <summary>examples/BracketStrategy.ps1 in ProjectX.Shell: bars, a bracket, Register-PxEvent actions, clean-up.</summary>
public sealed class BracketStrategyTests(ScriptsSimulator simulator) : IClassFixture<ScriptsSimulator>
{
    [Fact]
    public async Task The_strategy_trades_a_bracket_follows_it_through_events_and_ends_flat()
    {
        var result = await ExampleScript.RunAsync("BracketStrategy.ps1", ExampleScript.GatewayEnvironment(simulator.ApiUrl), "-DurationSeconds", "10", "-SmaBars", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"trade 1: last close [\d.]+ vs SMA\(10\) [\d.]+: (Buy|Sell) 1 filled at [\d.]+", result.StandardOutput);
        // The -Action blocks ran: the entry fill and the position, then the exit (by the bracket, or at the end).
        Assert.Matches(@"event: fill (Buy|Sell) 1 @ [\d.]+", result.StandardOutput);
        Assert.Matches(@"event: position (Long|Short) 1 @", result.StandardOutput);
        Assert.Matches(@"1 trade\(s\), 2 fill event\(s\), 1 exit\(s\) seen", result.StandardOutput);
        Assert.Contains("Flat.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, await simulator.OpenPositionCountAsync());
        Assert.Equal(0, await simulator.WorkingOrderCountAsync());
    }

    [Fact]
    public async Task A_bad_api_key_exits_2_before_trading()
    {
        var result = await ExampleScript.RunAsync("BracketStrategy.ps1", ExampleScript.GatewayEnvironment(simulator.ApiUrl, apiKey: "not-the-key"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("BracketStrategy: cannot trade:", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("trade 1:", result.StandardOutput, StringComparison.Ordinal);
    }
}
