using System.Text.RegularExpressions;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Examples;

/// <summary>The README's PowerShell tour is run as written, so it stays true of the module.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public async Task The_30_second_tour_runs_in_ProjectX_Shell()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));
        var tour = TourBlock().Match(readme);
        Assert.True(tour.Success, "README.md has no '## A 30-second tour' powershell block.");

        var result = await ProcessRunner.RunShellAsync("-Command", tour.Groups["code"].Value);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        Assert.Matches(@"Filled: Trade \d+ Buy 1 MNQ\w+ @", result.StandardOutput);
        Assert.Matches(@"Filled: Trade \d+ Sell 1 MNQ\w+ @", result.StandardOutput);
    }

    [Fact]
    public async Task The_readme_names_the_two_commands_exactly()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Contains("dotnet run --project src/ProjectX.Shell -- -File examples/Quickstart.ps1", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test", readme, StringComparison.Ordinal);
        foreach (Match script in ExampleScriptName().Matches(readme))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, script.Value)), $"README.md names {script.Value}, which does not exist.");
        }
    }

    [GeneratedRegex(@"## A 30-second tour\s+```powershell\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex TourBlock();

    [GeneratedRegex(@"examples/\w+\.ps1")]
    private static partial Regex ExampleScriptName();
}
