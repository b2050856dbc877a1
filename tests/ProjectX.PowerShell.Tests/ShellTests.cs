using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

/// <summary>The built ProjectX.Shell, run as a separate process the way CI or cron would run it.</summary>
public sealed class ShellTests
{
    [Fact]
    public async Task Command_connects_and_renders_accounts_through_the_format_view()
    {
        var result = await ProcessRunner.RunShellAsync("-Command", "Connect-ProjectX -Simulator; Get-PxAccount");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"AccountId\s+Name\s+Balance\s+CanTrade\s+Simulated", result.StandardOutput);
        Assert.Matches(@"1001\s+PRAC-V2-DEMO-50K\s+50[,.]000[.,]00\s+True\s+True", result.StandardOutput);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Module_option_imports_the_given_module()
    {
        var result = await ProcessRunner.RunShellAsync("-Module", RepoPaths.ModuleManifest, "-Command", "(Get-Module ProjectX).ModuleBase");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(RepoPaths.ModuleDirectory, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task File_runs_the_quickstart()
    {
        var result = await ProcessRunner.RunShellAsync("-File", RepoPaths.Quickstart);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PRAC-V2-DEMO-50K", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"Symbol\s+Name\s+ContractId", result.StandardOutput);
        Assert.Matches(@"MNQ\s+MNQ\w\d\s+CON\.F\.US\.MNQ\.", result.StandardOutput);
        Assert.Equal("", result.StandardError);
        var output = result.StandardOutput;
        var sections = System.Text.RegularExpressions.Regex.Matches(output, @"^== (\d)\.", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9"], sections);
        Assert.EndsWith("== Done.", output.TrimEnd(), StringComparison.Ordinal);
        // 4: ten 5-minute bars.
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(Section(output, 4), @"^MNQ\s+5min\s", System.Text.RegularExpressions.RegexOptions.Multiline).Count);
        // 5: the entry filled (with its bracket tag); 6: the event action saw that fill, rendered by the trade view.
        var entry = System.Text.RegularExpressions.Regex.Match(Section(output, 5), @"^\s*(\d+)\s+MNQ\w\d\s+Buy\s+1\s+Market\s+Filled\s.*quickstart", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(entry.Success, Section(output, 5));
        Assert.Matches(@"TradeId\s+OrderId\s+Contract", Section(output, 6));
        Assert.Matches($@"\d+\s+{entry.Groups[1].Value}\s+MNQ\w\d\s+Buy\s+1\s", Section(output, 6));
        // 7: the position has a live unrealized PnL; 9: the entry and the exit. The market is live, so on a fast
        // day a bracket leg can close the position before step 7: then step 8 has nothing to close, and step 9
        // still shows the exit. Either way the run is clean (no error output, asserted above).
        var position = System.Text.RegularExpressions.Regex.IsMatch(Section(output, 7), @"1001\s+MNQ\s+MNQ\w\d\s+Long\s+1\s+[\d.]+\s+-?[\d,]+\.\d\d");
        Assert.True(position || !Section(output, 7).Contains("Long", StringComparison.Ordinal), Section(output, 7));
        Assert.Matches(@"MNQ\w\d\s+Buy\s+1\s[\s\S]*MNQ\w\d\s+Sell\s+1\s", Section(output, 9));
    }

    private static string Section(string output, int number)
    {
        var start = output.IndexOf($"== {number}.", StringComparison.Ordinal);
        var end = output.IndexOf("== ", start + 3, StringComparison.Ordinal);
        return output[start..(end < 0 ? output.Length : end)];
    }

    [Fact]
    public async Task The_quickstart_runs_twice_in_one_session()
    {
        // As in an interactive pwsh: the same process (so the same in-process simulator and account) both times.
        var result = await ProcessRunner.RunShellAsync("-Command", $"& '{RepoPaths.Quickstart}'; & '{RepoPaths.Quickstart}'");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(result.StandardOutput, @"^== Done\.", System.Text.RegularExpressions.RegexOptions.Multiline).Count);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(result.StandardOutput, @"\sMarket\s+Filled\s.*quickstart-").Count);
    }

    [Fact]
    public async Task A_terminating_error_exits_non_zero_with_the_error_on_stderr()
    {
        var result = await ProcessRunner.RunShellAsync("-Command", "Get-PxAccount");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Connect-ProjectX", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_codes_pass_through_from_Command_and_File()
    {
        var script = Path.Combine(Path.GetTempPath(), $"projectx-shell-{Guid.NewGuid():N}.ps1");
        await File.WriteAllTextAsync(script, "param([int]$Code, [string]$Label, [switch]$Loud) \"before exit $Label $Loud\"; exit $Code");
        try
        {
            var command = await ProcessRunner.RunShellAsync("-Command", "exit 3");
            var file = await ProcessRunner.RunShellAsync("-File", script, "4", "-Label", "named", "-Loud");

            Assert.True(command.ExitCode == 3, command.ToString());
            Assert.True(file.ExitCode == 4, file.ToString());
            Assert.Contains("before exit named True", file.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Nothing_waits_for_a_person()
    {
        // A missing mandatory parameter fails at once, and so does anything that asks the host for input.
        var missing = await ProcessRunner.RunShellAsync("-Command", "Connect-ProjectX -UserName demo -ApiUrl http://127.0.0.1:9");
        var readLine = await ProcessRunner.RunShellAsync("-Command", "$Host.UI.ReadLine()");

        Assert.True(missing.ExitCode != 0, missing.ToString());
        Assert.Contains("missing mandatory parameters: ApiKey", missing.StandardError, StringComparison.Ordinal);
        Assert.True(readLine.ExitCode != 0, readLine.ToString());
        Assert.Contains("non-interactive", readLine.StandardError, StringComparison.Ordinal);
    }
}
