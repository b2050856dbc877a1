using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ProjectX.Client.Sessions;

namespace ProjectX.PowerShell.Internal;

/// <summary>Tab completion for Get-PxSession and Test-PxMarketOpen: the symbols the trading calendar covers (offline, no connection needed).</summary>
internal sealed class SessionSymbolCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Match(wordToComplete, ProductGroups.All.Select(p => (p.Symbol, $"{p.Group} (root {p.Root})")));
}
