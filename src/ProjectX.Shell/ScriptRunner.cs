using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ProjectX.Shell;

/// <summary>Imports the module into a fresh runspace, runs the script through Out-Default, and works out the exit code.</summary>
internal sealed class ScriptRunner(ShellHost host)
{
    public int Run(ShellArguments arguments, string modulePath)
    {
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            // A script runner must not trip on an unsigned module (execution policy exists only on Windows).
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }
        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();

        if (!TryInvoke(runspace, ps => ps.AddCommand("Import-Module").AddParameter("Name", modulePath).AddParameter("ErrorAction", "Stop"), out _))
        {
            return 1;
        }

        var succeeded = TryInvoke(runspace, ps => AddScript(ps, arguments), out var hadErrors);
        if (host.ExitCode is { } exitCode)
        {
            return exitCode;
        }

        if (!succeeded)
        {
            return 1;
        }

        // `exit N` inside a -File script ends the script and leaves N in $LASTEXITCODE (as in pwsh -File).
        if (arguments.File is not null && runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int lastExitCode)
        {
            return lastExitCode;
        }

        // Like pwsh -Command, a command that reported an error (a cmdlet error or a statement-terminating one) fails.
        return arguments.Command is not null && hadErrors ? 1 : 0;
    }

    private static void AddScript(System.Management.Automation.PowerShell ps, ShellArguments arguments)
    {
        if (arguments.File is not null)
        {
            ps.AddCommand(Path.GetFullPath(arguments.File));
            AddScriptArguments(ps, arguments.ScriptArguments);
        }
        else
        {
            ps.AddScript(arguments.Command!);
        }
    }

    /// <summary>
    /// Like pwsh -File: <c>-Name value</c> and <c>-Name:value</c> bind by name, a <c>-Name</c> followed by another
    /// <c>-Name</c> (or nothing) is a switch, anything else (negative numbers included) is positional.
    /// </summary>
    private static void AddScriptArguments(System.Management.Automation.PowerShell ps, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!IsParameterName(args[i]))
            {
                ps.AddArgument(args[i]);
                continue;
            }

            var name = args[i][1..];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                ps.AddParameter(name[..colon], name[(colon + 1)..]);
            }
            else if (i + 1 < args.Count && !IsParameterName(args[i + 1]))
            {
                ps.AddParameter(name, args[++i]);
            }
            else
            {
                ps.AddParameter(name);
            }
        }
    }

    private static bool IsParameterName(string arg) => arg.Length > 1 && arg[0] == '-' && char.IsLetter(arg[1]);

    /// <summary>Runs a pipeline through Out-Default, errors to stderr as they happen; false on a terminating error.</summary>
    private bool TryInvoke(Runspace runspace, Action<System.Management.Automation.PowerShell> build, out bool hadErrors)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        ps.AddCommand("Out-Default");
        // Errors stay on the error stream (so they count), and are shown when written, not at the end.
        ps.Streams.Error.DataAdded += (sender, e) => WriteError(((PSDataCollection<ErrorRecord>)sender!)[e.Index]);
        hadErrors = false;
        try
        {
            ps.Invoke();
            hadErrors = ps.HadErrors || ps.Streams.Error.Count > 0;
            return true;
        }
        catch (RuntimeException ex) when (IsExit(ex, out var code))
        {
            host.SetShouldExit(code);
            return true;
        }
        catch (RuntimeException ex)
        {
            hadErrors = true;
            WriteError(ex.ErrorRecord);
            return false;
        }
    }

    /// <summary>pwsh's concise view: "Command: message", and where in a script it happened.</summary>
    private void WriteError(ErrorRecord record)
    {
        var source = record.InvocationInfo?.MyCommand?.Name is { Length: > 0 } command ? command + ": " : "";
        var message = record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception?.Message ?? record.ToString();
        host.UI.WriteErrorLine(source + message);
        if (record.InvocationInfo is { ScriptName: { Length: > 0 } script, ScriptLineNumber: > 0 } at)
        {
            host.UI.WriteErrorLine($"    at {script}:{at.ScriptLineNumber}");
        }
    }

    /// <summary><c>exit N</c> at the top level of -Command surfaces as PowerShell's internal ExitException.</summary>
    private static bool IsExit(RuntimeException ex, out int code)
    {
        code = 0;
        if (ex.GetType().Name != "ExitException")
        {
            return false;
        }

        code = ex.GetType().GetProperty("Argument")?.GetValue(ex) is { } argument
            && LanguagePrimitives.TryConvertTo(argument, out int converted) ? converted : 0;
        return true;
    }
}
