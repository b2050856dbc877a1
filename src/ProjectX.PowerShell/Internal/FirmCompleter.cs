using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ProjectX.Client;

namespace ProjectX.PowerShell.Internal;

/// <summary>Tab completion for <c>-Firm</c> from the client's firm presets.</summary>
internal sealed class FirmCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        var pattern = new WildcardPattern((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (var firm in FirmPresets.KnownFirms)
        {
            if (pattern.IsMatch(firm))
            {
                var text = firm.Contains(' ', StringComparison.Ordinal) ? $"'{firm}'" : firm;
                yield return new CompletionResult(text, firm, CompletionResultType.ParameterValue, firm);
            }
        }
    }
}
