using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Examples;

/// <summary>
/// examples/EndOfDayFlatten.ps1 and examples/PnlMonitor.ps1, run in ProjectX.Shell as a scheduler would: against the
/// in-process simulator by default, and against a simulator process through the environment variables.
/// </summary>
public sealed class UnattendedScriptTests(ScriptsSimulator simulator) : IClassFixture<ScriptsSimulator>
{
    [Fact]
    public async Task EndOfDayFlatten_cancels_orders_and_closes_positions_from_the_environment()
    {
        await simulator.MarketAsync(side: 0, size: 2);
        await simulator.RestingBuyLimitAsync();
        Assert.Equal(1, await simulator.OpenPositionCountAsync());
        Assert.Equal(1, await simulator.WorkingOrderCountAsync());

        var result = await ExampleScript.RunAsync("EndOfDayFlatten.ps1", ExampleScript.GatewayEnvironment(simulator.ApiUrl));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{ScriptsSimulator.AccountName}: 1 working order(s), 1 open position(s).", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("flat. No working orders, no open positions.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, await simulator.OpenPositionCountAsync());
        Assert.Equal(0, await simulator.WorkingOrderCountAsync());
    }

    [Fact]
    public async Task EndOfDayFlatten_runs_against_the_in_process_simulator_when_asked()
    {
        var result = await ExampleScript.RunAsync("EndOfDayFlatten.ps1", environment: null, "-Simulator");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PRAC-V2-DEMO-50K: flat.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndOfDayFlatten_exits_2_on_a_bad_api_key_without_prompting()
    {
        var result = await ExampleScript.RunAsync("EndOfDayFlatten.ps1", ExampleScript.GatewayEnvironment(simulator.ApiUrl, apiKey: "not-the-key"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("EndOfDayFlatten: cannot trade:", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndOfDayFlatten_exits_2_without_credentials_and_never_falls_back()
    {
        var result = await ExampleScript.RunAsync("EndOfDayFlatten.ps1", environment: null);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("No ProjectX credentials", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndOfDayFlatten_exits_2_when_the_gateway_is_unreachable()
    {
        var environment = ExampleScript.GatewayEnvironment(new Uri("http://127.0.0.1:9"));

        var result = await ExampleScript.RunAsync("EndOfDayFlatten.ps1", environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot trade", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PnlMonitor_watches_for_its_duration_and_exits_0_within_the_limit()
    {
        var result = await ExampleScript.RunAsync("PnlMonitor.ps1", environment: null, "-Simulator", "-DurationSeconds", "2", "-IntervalSeconds", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d net 0[.,]00 \(realized 0[.,]00, fees 0[.,]00", result.StandardOutput);
        Assert.Contains("Done: the net PnL stayed above -500.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PnlMonitor_flattens_past_the_loss_limit_and_exits_4()
    {
        // A 20-lot round trip costs its fees and the spread (about -25), and one contract stays open to be closed.
        const string account = ScriptsSimulator.MonitorAccountName;
        await simulator.MarketAsync(side: 0, size: 20, account);
        await simulator.MarketAsync(side: 1, size: 20, account);
        await simulator.MarketAsync(side: 0, size: 1, account);
        await simulator.RestingBuyLimitAsync(account);

        var result = await ExampleScript.RunAsync("PnlMonitor.ps1", ExampleScript.GatewayEnvironment(simulator.ApiUrl), "-Account", account, "-LossLimit", "5", "-IntervalSeconds", "1", "-DurationSeconds", "60");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("Loss limit hit", result.StandardOutput, StringComparison.Ordinal);
        // With the hubs connected, the open position's unrealized PnL is live (not "n/a").
        Assert.Matches(@"unrealized -?[\d.,]+\), 1 open position", result.StandardOutput);
        Assert.Equal(0, await simulator.OpenPositionCountAsync(account));
        Assert.Equal(0, await simulator.WorkingOrderCountAsync(account));
    }

    [Fact]
    public async Task PnlMonitor_exits_2_on_a_bad_api_key()
    {
        var result = await ExampleScript.RunAsync("PnlMonitor.ps1", ExampleScript.GatewayEnvironment(simulator.ApiUrl, apiKey: "not-the-key"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("PnlMonitor: cannot trade:", result.StandardError, StringComparison.Ordinal);
    }
}
