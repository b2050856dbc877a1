using System.Management.Automation.Language;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Help;

/// <summary>
/// Every PowerShell code block in the docs parses, and the examples that only need the module and the Core
/// cmdlets of this host run against the in-process simulator without an error.
/// </summary>
public sealed class ExampleTests
{
    // The journal and risk examples write to this process's own folder, never the user's (Shared/IsolatedUserData.cs).

    // The host has only Microsoft.PowerShell.Core; examples using Select-Object, Format-*, Get-Credential... are parsed, not run.
    private static readonly HashSet<string> HostCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "ForEach-Object", "Where-Object", "Out-Null", "Get-Command", "Get-Help", "Get-Module",
    };

    public static TheoryData<string, int> CodeBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in HelpDocs.CmdletDocNames().Concat(HelpDocs.AboutTopicNames()))
        {
            foreach (var (line, _) in HelpDocs.PowerShellBlocks(HelpDocs.PathOf(name)))
            {
                data.Add(name, line);
            }
        }

        return data;
    }

    public static TheoryData<string> CmdletDocs() => new(HelpDocs.CmdletDocNames());

    [Theory]
    [MemberData(nameof(CodeBlocks))]
    public void Code_block_parses(string doc, int line)
    {
        var code = HelpDocs.PowerShellBlocks(HelpDocs.PathOf(doc)).Single(b => b.Line == line).Code;

        Parser.ParseInput(code, out _, out var errors);

        Assert.True(errors.Length == 0, $"{HelpDocs.PathOf(doc)}({line}): " + string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
    }

    /// <summary>
    /// Runs a doc's runnable examples in order in one session, as a reader would (examples after the first may use
    /// the connection it made). One session per doc, not per example: every test of this process shares the
    /// in-process simulator and its per-user rate limit.
    /// </summary>
    [Theory]
    [MemberData(nameof(CmdletDocs))]
    public void Runnable_examples_run_against_the_in_process_simulator(string doc)
    {
        var examples = HelpDocs.ReadCmdlet(doc).Examples.Where(e => IsRunnable(e.Code)).ToList();
        Assert.True(examples.Count > 0, $"{HelpDocs.PathOf(doc)}: no example uses only the module and Core cmdlets against Connect-ProjectX -Simulator.");
        using var session = new PowerShellSession();
        if (!examples[0].Code.Contains("Connect-ProjectX", StringComparison.OrdinalIgnoreCase))
        {
            session.Run("Connect-ProjectX -Simulator").AssertNoErrors();
        }

        foreach (var example in examples)
        {
            var result = session.Run(example.Code);

            var problems = result.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}").ToList();
            if (result.TerminatingError is { } terminating)
            {
                problems.Add($"terminating {terminating.ErrorRecord.FullyQualifiedErrorId}: {terminating.Message}");
            }

            Assert.True(problems.Count == 0, $"{HelpDocs.PathOf(doc)}({example.Line}) '{example.Title}' failed:\n{example.Code}\n--\n{string.Join('\n', problems)}");
        }
    }

    /// <summary>Only the module's cmdlets and this host's commands; only the simulator; no process-wide side effects.</summary>
    private static bool IsRunnable(string code)
    {
        var ast = Parser.ParseInput(code, out _, out var errors);
        if (errors.Length > 0 || code.Contains("$env:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var module = HelpDocs.ManifestCmdlets().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var commands = ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().ToList();
        return commands.All(c => c.GetCommandName() is { } name && (module.Contains(name) || HostCommands.Contains(name)))
            && commands.Where(c => string.Equals(c.GetCommandName(), "Connect-ProjectX", StringComparison.OrdinalIgnoreCase))
                .All(c => c.CommandElements.OfType<CommandParameterAst>().Any(p => p.ParameterName.Equals("Simulator", StringComparison.OrdinalIgnoreCase)));
    }
}
