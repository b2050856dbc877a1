using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Help;

/// <summary>
/// The docs must never drift from the code: every parameter of every exported cmdlet matches its doc in name,
/// type, mandatory, position, pipeline input, aliases, wildcards and parameter sets, in both directions.
/// -WhatIf and -Confirm count as parameters (platyPS documents them); the other common parameters do not.
/// </summary>
public sealed class ParameterParityTests
{
    private const string AllSets = "__AllParameterSets";

    public static TheoryData<string> ExportedCmdlets() => new(HelpDocs.ManifestCmdlets());

    [Fact]
    public void Every_exported_cmdlet_has_a_doc_and_every_doc_an_exported_cmdlet()
    {
        using var session = new PowerShellSession();
        var exported = session.Run("Get-Command -Module ProjectX | ForEach-Object Name").AssertNoErrors().Strings;
        var documented = HelpDocs.CmdletDocNames();

        Assert.NotEmpty(exported);
        var missing = exported.Except(documented, StringComparer.Ordinal).ToList();
        var orphaned = documented.Except(exported, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Exported cmdlets without docs/en-US/<name>.md: {string.Join(", ", missing)}");
        Assert.True(orphaned.Count == 0, $"Docs for cmdlets the module does not export: {string.Join(", ", orphaned)}");
        Assert.Equal(exported.Order(StringComparer.Ordinal), HelpDocs.ManifestCmdlets().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Doc_parameters_match_the_cmdlet_both_ways(string cmdlet)
    {
        Assert.True(File.Exists(HelpDocs.PathOf(cmdlet)), $"Missing doc: {HelpDocs.PathOf(cmdlet)}");
        var doc = HelpDocs.ReadCmdlet(cmdlet);
        using var session = new PowerShellSession();
        // Read through PowerShell, on the runspace's own thread: CommandInfo computes its metadata lazily.
        var sets = session.Run("(Get-Command -Name $Name -Module ProjectX).ParameterSets | ForEach-Object { '{0}|{1}' -f $_.Name, $_.IsDefault }", new() { ["Name"] = cmdlet })
            .AssertNoErrors().Strings.Select(s => s.Split('|')).Select(p => (Name: p[0], IsDefault: p[1] == "True")).ToList();
        var code = session.Run("(Get-Command -Name $Name -Module ProjectX).Parameters.Values", new() { ["Name"] = cmdlet }).AssertNoErrors().Output
            .Select(o => (ParameterMetadata)o.BaseObject)
            .Where(p => !Cmdlet.CommonParameters.Contains(p.Name))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();

        foreach (var name in code.Keys.Except(doc.Parameters.Keys, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"-{name} is a parameter of the cmdlet but has no '### -{name}' entry with a yaml block.");
        }

        foreach (var name in doc.Parameters.Keys.Except(code.Keys, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"-{name} is documented but the cmdlet has no such parameter.");
        }

        foreach (var (name, blocks) in doc.Parameters.Where(p => code.ContainsKey(p.Key)))
        {
            CompareParameter(code[name], blocks, problems);
        }

        CompareSyntaxSets(sets, doc, problems);
        Assert.True(problems.Count == 0, $"{HelpDocs.PathOf(cmdlet)} does not match {cmdlet}:\n  " + string.Join("\n  ", problems));
    }

    private static void CompareParameter(ParameterMetadata code, List<DocParameterBlock> blocks, List<string> problems)
    {
        var name = code.Name;
        var type = TypeString(code.ParameterType);
        foreach (var block in blocks.Where(b => b.Type != type))
        {
            problems.Add($"-{name}: Type is '{block.Type}' in the doc, '{type}' in the code.");
        }

        var codeAliases = code.Aliases.Order(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var block in blocks.Where(b => !b.Aliases.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(codeAliases, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"-{name}: Aliases are '{string.Join(", ", block.Aliases)}' in the doc, '{string.Join(", ", codeAliases)}' in the code.");
        }

        var wildcards = code.Attributes.OfType<SupportsWildcardsAttribute>().Any();
        foreach (var block in blocks.Where(b => b.Wildcards != wildcards))
        {
            problems.Add($"-{name}: Accept wildcard characters is {block.Wildcards} in the doc, {wildcards} in the code ([SupportsWildcards]).");
        }

        // Per parameter set: (All) in the doc is __AllParameterSets in the code.
        var docSets = new Dictionary<string, DocParameterBlock>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks)
        {
            foreach (var set in block.Sets)
            {
                if (!docSets.TryAdd(set == "(All)" ? AllSets : set, block))
                {
                    problems.Add($"-{name}: parameter set '{set}' appears in two yaml blocks.");
                }
            }
        }

        var codeSets = code.ParameterSets;
        if (!docSets.Keys.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(codeSets.Keys.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"-{name}: Parameter Sets are '{Sets(docSets.Keys)}' in the doc, '{Sets(codeSets.Keys)}' in the code.");
            return;
        }

        foreach (var (set, metadata) in codeSets)
        {
            var block = docSets[set];
            var where = $"-{name} in set {(set == AllSets ? "(All)" : set)}";
            if (block.Required != metadata.IsMandatory)
            {
                problems.Add($"{where}: Required is {block.Required} in the doc, {metadata.IsMandatory} in the code.");
            }

            var position = metadata.Position == int.MinValue ? "Named" : metadata.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (block.Position != position)
            {
                problems.Add($"{where}: Position is {block.Position} in the doc, {position} in the code.");
            }

            var pipeline = PipelineInput(metadata);
            if (block.PipelineInput != pipeline)
            {
                problems.Add($"{where}: Accept pipeline input is '{block.PipelineInput}' in the doc, '{pipeline}' in the code.");
            }
        }
    }

    private static void CompareSyntaxSets(List<(string Name, bool IsDefault)> sets, CmdletDocFile doc, List<string> problems)
    {
        var codeSets = sets.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var docSets = doc.SyntaxSets.Select(s => s.Set).Order(StringComparer.Ordinal).ToList();
        if (!codeSets.SequenceEqual(docSets, StringComparer.Ordinal))
        {
            problems.Add($"## SYNTAX has the blocks '{string.Join(", ", docSets)}'; the cmdlet's parameter sets are '{string.Join(", ", codeSets)}'.");
        }

        var codeDefault = sets.Count > 1 ? sets.FirstOrDefault(s => s.IsDefault).Name : null;
        var docDefault = doc.SyntaxSets.FirstOrDefault(s => s.IsDefault).Set;
        if (codeDefault != docDefault)
        {
            problems.Add($"## SYNTAX marks '{docDefault ?? "(none)"}' as (Default); the cmdlet's default parameter set is '{codeDefault ?? "(none)"}'.");
        }
    }

    /// <summary>The type name as platyPS 0.14 writes it: the inner type of a Nullable, the full name of other generics, else the short name.</summary>
    private static string TypeString(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? inner.Name
        : type.IsGenericType ? type.ToString()
        : type.Name;

    private static string PipelineInput(ParameterSetMetadata metadata) =>
        (metadata.ValueFromPipeline, metadata.ValueFromPipelineByPropertyName) switch
        {
            (true, true) => "True (ByValue, ByPropertyName)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };

    private static string Sets(IEnumerable<string> sets) =>
        string.Join(", ", sets.Select(s => s == AllSets ? "(All)" : s).Order(StringComparer.OrdinalIgnoreCase));
}
