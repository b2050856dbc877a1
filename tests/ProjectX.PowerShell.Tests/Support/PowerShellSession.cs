using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>
/// One runspace from <c>InitialSessionState.CreateDefault2()</c> (only Microsoft.PowerShell.Core cmdlets,
/// like a minimal host) with the built module imported from out/ProjectX, as a user would import it.
/// Scripts run one at a time; all six streams are captured.
/// </summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    /// <param name="host">A host to see what PowerShell shows the user (What if: lines, prompts); default none.</param>
    public PowerShellSession(bool importModule = true, System.Management.Automation.Host.PSHost? host = null)
    {
        Assert.True(File.Exists(RepoPaths.ModuleManifest), $"The built module is missing: {RepoPaths.ModuleManifest}");
        _runspace = host is null
            ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
            : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        if (importModule)
        {
            Run("Import-Module -Name $ModulePath -ErrorAction Stop", new() { ["ModulePath"] = RepoPaths.ModuleManifest }).AssertNoErrors();
        }
    }

    public Runspace Runspace => _runspace;

    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? [])
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        RuntimeException? terminating = null;
        var output = new List<PSObject>();
        try
        {
            output.AddRange(ps.Invoke());
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return new ScriptResult(
            output,
            [.. ps.Streams.Error],
            [.. ps.Streams.Warning],
            [.. ps.Streams.Verbose],
            [.. ps.Streams.Debug],
            [.. ps.Streams.Information],
            terminating)
        {
            Progress = [.. ps.Streams.Progress],
        };
    }

    /// <summary>A PowerShell on this runspace for a test that drives it itself (BeginInvoke, Stop).</summary>
    public System.Management.Automation.PowerShell Create(string script)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return ps;
    }

    public void Dispose() => _runspace.Dispose();
}
