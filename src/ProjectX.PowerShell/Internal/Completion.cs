using System.Management.Automation;
using System.Management.Automation.Language;

namespace ProjectX.PowerShell.Internal;

/// <summary>Shared matching and quoting for the module's argument completers.</summary>
internal static class Completion
{
    /// <summary>Candidates matching <paramref name="wordToComplete"/>* (wildcards allowed), quoted when PowerShell needs it.</summary>
    public static IEnumerable<CompletionResult> Match(string? wordToComplete, IEnumerable<(string Value, string ToolTip)> candidates)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
        return candidates
            .Where(c => pattern.IsMatch(c.Value))
            .DistinctBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip));
    }

    /// <summary>
    /// Single-quotes text the parser would not read back as one bare word (spaces, $, quotes, ...). A leading digit
    /// is fine: a string parameter receives a numeric-looking word (5s, 1d, 6E) as the text typed.
    /// </summary>
    public static string Quote(string value)
    {
        var bare = value.Length > 0
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return bare ? value : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
    }

    /// <summary>The default connection of the runspace asking for completion, if it is usable.</summary>
    public static Models.PxConnection? DefaultConnection()
        => System.Management.Automation.Runspaces.Runspace.DefaultRunspace is { } runspace
           && ConnectionRegistry.GetDefault(runspace) is { IsDisposed: false } connection
            ? connection
            : null;

    /// <summary>
    /// Completers are synchronous (PowerShell's API), so a first lookup is awaited for a short time only;
    /// when it is slower, the caller falls back and the finished lookup serves the next Tab.
    /// </summary>
    public static T? WaitBriefly<T>(Task<T> lookup) where T : class
    {
        try
        {
            return lookup.Wait(TimeSpan.FromSeconds(2)) ? lookup.Result : null;
        }
        catch (AggregateException)
        {
            return null;
        }
    }
}

/// <summary>Tab completion for <c>-Timeframe</c>: the common sizes of the grammar.</summary>
internal sealed class TimeframeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        => Completion.Match(wordToComplete, ProjectX.Client.State.Timeframe.Common.Select(t => (t, $"{t} bars")));
}
