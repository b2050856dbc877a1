using System.Management.Automation;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>Everything one script produced, stream by stream.</summary>
internal sealed record ScriptResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<WarningRecord> Warnings,
    IReadOnlyList<VerboseRecord> Verbose,
    IReadOnlyList<DebugRecord> Debug,
    IReadOnlyList<InformationRecord> Information,
    RuntimeException? TerminatingError)
{
    public IReadOnlyList<ProgressRecord> Progress { get; init; } = [];

    /// <summary>The error records a script caught with <c>try {...} catch { $_ }</c> and wrote as output.</summary>
    public IReadOnlyList<ErrorRecord> CaughtErrors => Output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();

    /// <summary>Output objects whose first type name is <paramref name="psTypeName"/> (e.g. ProjectX.Account).</summary>
    public IReadOnlyList<PSObject> OfType(string psTypeName) => Output.Where(o => o.TypeNames.Count > 0 && o.TypeNames[0] == psTypeName).ToList();

    public IReadOnlyList<string> Strings => Output.Where(o => o.BaseObject is string).Select(o => (string)o.BaseObject).ToList();

    /// <summary>Fails with every error's text when the script was expected to be clean.</summary>
    public ScriptResult AssertNoErrors()
    {
        var problems = Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}").ToList();
        if (TerminatingError is not null)
        {
            problems.Add($"terminating {TerminatingError.ErrorRecord.FullyQualifiedErrorId}: {TerminatingError.Message}");
        }

        Assert.True(problems.Count == 0, "Unexpected errors:\n" + string.Join('\n', problems));
        return this;
    }
}

internal static class PSObjectExtensions
{
    public static T Prop<T>(this PSObject value, string name)
        => LanguagePrimitives.ConvertTo<T>(value.Properties[name]?.Value ?? throw new KeyNotFoundException($"No property '{name}' on {string.Join(",", value.TypeNames)}."));

    /// <summary>The ErrorId part of FullyQualifiedErrorId (before ",<command type>").</summary>
    public static string ErrorId(this ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];
}
