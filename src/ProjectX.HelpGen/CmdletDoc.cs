namespace ProjectX.HelpGen;

/// <summary>One cmdlet's help, as read from its platyPS markdown file.</summary>
public sealed record CmdletDoc(
    string Name,
    string? OnlineVersion,
    string Synopsis,
    IReadOnlyList<SyntaxBlock> Syntax,
    IReadOnlyList<string> Description,
    IReadOnlyList<ExampleDoc> Examples,
    IReadOnlyList<ParameterDoc> Parameters,
    IReadOnlyList<TypeDoc> Inputs,
    IReadOnlyList<TypeDoc> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkDoc> RelatedLinks)
{
    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Split('-', 2)[^1];
}

/// <summary>A <c>### SetName</c> block of SYNTAX (<c>__AllParameterSets</c> for single-set cmdlets).</summary>
public sealed record SyntaxBlock(string ParameterSetName, bool IsDefault, string Code);

public sealed record ExampleDoc(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A <c>### -Name</c> entry; one <see cref="ParameterSetDoc"/> per yaml block (platyPS writes one per distinct metadata).</summary>
public sealed record ParameterDoc(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterSetDoc> Sets);

public sealed record ParameterSetDoc(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool AcceptsWildcards)
{
    public const string AllSets = "(All)";

    public bool AppliesTo(string parameterSetName) =>
        ParameterSets.Contains(AllSets, StringComparer.OrdinalIgnoreCase)
        || ParameterSets.Contains(parameterSetName, StringComparer.OrdinalIgnoreCase)
        || parameterSetName == "__AllParameterSets";
}

public sealed record TypeDoc(string TypeName, IReadOnlyList<string> Description);

public sealed record LinkDoc(string Text, string? Uri);
