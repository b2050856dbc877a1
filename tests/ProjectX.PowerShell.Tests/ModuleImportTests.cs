using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests;

public sealed class ModuleImportTests
{
    private static readonly string[] ExpectedCmdlets = 
    [
        "Close-PxPosition", "Connect-ProjectX", "Disconnect-ProjectX", "Get-PxAccount", "Get-PxBar", "Get-PxConnection", "Get-PxInstrument",
        "Get-PxOrder", "Get-PxOrderBook", "Get-PxPortfolio", "Get-PxPosition", "Get-PxQuote", "Get-PxTrade", "New-PxOrder", "Register-PxEvent",
        "Set-PxOrder", "Start-PxDataFeed", "Stop-PxDataFeed", "Stop-PxOrder", "Wait-PxOrder", "Watch-PxQuote",
    ];

    [Fact]
    public void Import_exports_exactly_the_manifest_cmdlets()
    {
        using var session = new PowerShellSession();

        var result = session.Run("Get-Command -Module ProjectX | ForEach-Object Name; (Get-Module ProjectX).Version.ToString()").AssertNoErrors();

        Assert.Equal(ExpectedCmdlets, result.Strings.Take(ExpectedCmdlets.Length).Order().ToArray());
        Assert.Equal("0.1.0", result.Strings[^1]);
    }

    [Fact]
    public void Manifest_is_valid_and_carries_the_Gallery_metadata()
    {
        using var session = new PowerShellSession();

        var result = session.Run($$"""
            $manifest = Test-ModuleManifest -Path '{{Path.Combine(RepoPaths.ModuleDirectory, "ProjectX.psd1")}}'
            $manifest.PowerShellVersion.ToString()
            $manifest.ProjectUri.AbsoluteUri
            $manifest.LicenseUri.AbsoluteUri
            $manifest.ReleaseNotes
            $manifest.Tags -join ','
            @($manifest.ExportedAliases.Keys).Count
            """).AssertNoErrors();

        Assert.Equal("7.4", result.Strings[0]);
        Assert.Equal("https://github.com/projectx-powershell/ProjectX", result.Strings[1]);
        Assert.EndsWith("/LICENSE", result.Strings[2], StringComparison.Ordinal);
        Assert.Contains("Connect-ProjectX", result.Strings[3], StringComparison.Ordinal);
        Assert.Contains("TopstepX", result.Strings[4].Split(','));
        Assert.Equal(0, result.Output[^1].BaseObject);
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleDirectory, "LICENSE")), "the built module ships its licence");
    }

    [Fact]
    public void Connect_ProjectX_offers_four_parameter_sets_with_Environment_as_default()
    {
        using var session = new PowerShellSession();

        var result = session.Run("""
            $command = Get-Command Connect-ProjectX
            $command.DefaultParameterSet
            $command.ParameterSets | ForEach-Object Name
            """).AssertNoErrors();

        Assert.Equal("Environment", result.Strings[0]);
        Assert.Equal(["ApiKey", "Credential", "Environment", "Simulator"], result.Strings.Skip(1).Order().ToArray());
    }

    [Fact]
    public void Every_gateway_cmdlet_takes_Connection()
    {
        using var session = new PowerShellSession();

        var result = session.Run("""
            Get-Command -Module ProjectX | Where-Object Name -ne 'Connect-ProjectX' |
                ForEach-Object { (Get-Command $_).Parameters['Connection'].ParameterType.FullName }
            """).AssertNoErrors();

        Assert.All(result.Strings, type => Assert.Equal("ProjectX.PowerShell.Models.PxConnection", type));
        Assert.Equal(ExpectedCmdlets.Length - 1, result.Strings.Count);
    }

    [Fact]
    public void Built_layout_keeps_only_the_cmdlet_assembly_at_the_root()
    {
        var rootAssemblies = Directory.GetFiles(RepoPaths.ModuleDirectory, "*.dll").Select(f => Path.GetFileName(f)).ToArray();
        var dependencies = Directory.GetFiles(RepoPaths.ModuleDependencies, "*.dll").Select(f => Path.GetFileName(f)).ToHashSet();

        Assert.Equal(["ProjectX.PowerShell.dll"], rootAssemblies);
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleDirectory, "ProjectX.psd1")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleDirectory, "ProjectX.Format.ps1xml")));
        Assert.Contains("ProjectX.Client.dll", dependencies);
        Assert.Contains("ProjectX.Simulation.dll", dependencies);
        Assert.Contains("Microsoft.AspNetCore.SignalR.Client.dll", dependencies);
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions.dll", dependencies);
        Assert.Contains("Polly.Core.dll", dependencies);
        // PowerShell itself supplies System.Management.Automation; a private copy would break the module.
        Assert.DoesNotContain("System.Management.Automation.dll", dependencies);
        Assert.DoesNotContain("ProjectX.PowerShell.dll", dependencies);
    }

    [Fact]
    public void Firm_completion_offers_the_known_presets()
    {
        using var session = new PowerShellSession();

        var result = session.Run("""
            $line = 'Connect-ProjectX -Firm tops'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText
            """).AssertNoErrors();

        Assert.Equal(["topstepx"], result.Strings);
    }
}
