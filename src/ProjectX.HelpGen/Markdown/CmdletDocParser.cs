using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace ProjectX.HelpGen.Markdown;

/// <summary>
/// Reads a cmdlet help file in platyPS 0.14 markdown (schema 2.0.0). Strict on structure, because a section
/// platyPS would not understand is a section Get-Help would silently lose.
/// </summary>
public static partial class CmdletDocParser
{
    /// <summary>The H2 sections of a platyPS cmdlet file, in their required order.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    public static CmdletDoc Parse(string path, string text)
    {
        var file = MarkdownFile.Parse(path, text);
        var frontMatter = ReadFrontMatter(file);
        var (preamble, titles) = MarkdownFile.Split(file.Body, 1);
        if (preamble.Count > 0 || titles.Count != 1 || titles[0].Heading.Level != 1)
        {
            throw file.Error(preamble.FirstOrDefault() ?? titles.Skip(1).FirstOrDefault().Heading, "Expected exactly one '# <Cmdlet-Name>' title after the front matter.");
        }

        var (title, body) = titles[0];
        var name = file.HeadingText(title);
        if (!CmdletName().IsMatch(name))
        {
            throw file.Error(title, $"The title '{name}' is not a Verb-Noun cmdlet name.");
        }

        var expectedName = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(name, expectedName, StringComparison.OrdinalIgnoreCase))
        {
            throw file.Error(title, $"The title '{name}' does not match the file name '{expectedName}'.");
        }

        var sections = ReadSections(file, title, body);
        var syntax = ReadSyntax(file, sections["SYNTAX"]);
        return new CmdletDoc(
            name,
            frontMatter.GetValueOrDefault("online version") is { Length: > 0 } online ? online : null,
            Synopsis: RequireText(file, sections["SYNOPSIS"], "SYNOPSIS"),
            Syntax: syntax,
            Description: BlockText.Paragraphs(file, sections["DESCRIPTION"].Body),
            Examples: ReadExamples(file, sections["EXAMPLES"]),
            Parameters: ReadParameters(file, sections["PARAMETERS"], syntax.Select(s => s.ParameterSetName).ToHashSet(StringComparer.Ordinal)),
            Inputs: ReadTypes(file, sections["INPUTS"]),
            Outputs: ReadTypes(file, sections["OUTPUTS"]),
            Notes: BlockText.Paragraphs(file, sections["NOTES"].Body),
            RelatedLinks: ReadLinks(file, sections["RELATED LINKS"].Body));
    }

    private static Dictionary<string, string> ReadFrontMatter(MarkdownFile file)
    {
        var block = file.FrontMatter ?? throw file.Error(file.Body.FirstOrDefault(), "Missing the platyPS front matter (--- external help file, Module Name, online version, schema: 2.0.0 ---).");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in file.Raw(block).Split('\n').Where(l => l.Trim() != "---" && l.Contains(':', StringComparison.Ordinal)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        foreach (var key in new[] { "external help file", "Module Name", "online version", "schema" })
        {
            if (!values.ContainsKey(key))
            {
                throw file.Error(block, $"The front matter lacks '{key}:'.");
            }
        }

        if (values["schema"] != "2.0.0")
        {
            throw file.Error(block, $"The front matter has schema '{values["schema"]}'; platyPS cmdlet files use 'schema: 2.0.0'.");
        }

        return values;
    }

    private static Dictionary<string, (HeadingBlock Heading, IReadOnlyList<Block> Body)> ReadSections(MarkdownFile file, HeadingBlock title, IReadOnlyList<Block> body)
    {
        var (preamble, found) = MarkdownFile.Split(body, 2);
        if (preamble.Count > 0)
        {
            throw file.Error(preamble[0], "Text between the title and '## SYNOPSIS'; every part of the file belongs to a '## SECTION'.");
        }

        var sections = new Dictionary<string, (HeadingBlock, IReadOnlyList<Block>)>(StringComparer.Ordinal);
        var next = 0;
        foreach (var (heading, blocks) in found)
        {
            var name = file.HeadingText(heading);
            var index = Sections.ToList().IndexOf(name);
            if (index < 0)
            {
                throw file.Error(heading, $"Unknown section '## {name}' (platyPS sections: {string.Join(", ", Sections)}).");
            }

            if (index != next)
            {
                throw file.Error(heading, $"Section '## {name}' is out of order or repeated; expected '## {Sections[Math.Min(next, Sections.Count - 1)]}'.");
            }

            sections[name] = (heading, blocks);
            next++;
        }

        if (next < Sections.Count)
        {
            throw file.Error(found.Count > 0 ? found[^1].Heading : title, $"Missing section '## {Sections[next]}'.");
        }

        return sections;
    }

    private static string RequireText(MarkdownFile file, (HeadingBlock Heading, IReadOnlyList<Block> Body) section, string name)
    {
        var text = string.Join(' ', BlockText.Paragraphs(file, section.Body));
        return text.Length > 0 ? text : throw file.Error(section.Heading, $"'## {name}' is empty.");
    }

    private static List<SyntaxBlock> ReadSyntax(MarkdownFile file, (HeadingBlock Heading, IReadOnlyList<Block> Body) section)
    {
        var (preamble, sets) = MarkdownFile.Split(section.Body, 3);
        if (preamble.Count > 0 || sets.Count == 0)
        {
            throw file.Error(preamble.FirstOrDefault() ?? section.Heading, "'## SYNTAX' must hold one '### <ParameterSetName>' heading per parameter set (or '### __AllParameterSets'), each followed by a code block.");
        }

        var result = new List<SyntaxBlock>();
        foreach (var (heading, blocks) in sets)
        {
            var text = file.HeadingText(heading);
            var isDefault = text.EndsWith("(Default)", StringComparison.Ordinal);
            var setName = isDefault ? text[..^"(Default)".Length].Trim() : text;
            if (blocks.Count != 1 || blocks[0] is not FencedCodeBlock code)
            {
                throw file.Error(heading, $"Syntax block '### {text}' must be followed by exactly one code block.");
            }

            if (setName == "__AllParameterSets" && sets.Count > 1)
            {
                throw file.Error(heading, "'### __AllParameterSets' is only for a cmdlet with a single parameter set.");
            }

            result.Add(new SyntaxBlock(setName, isDefault, BlockText.CodeText(code)));
        }

        return result;
    }

    private static List<ExampleDoc> ReadExamples(MarkdownFile file, (HeadingBlock Heading, IReadOnlyList<Block> Body) section)
    {
        var (preamble, examples) = MarkdownFile.Split(section.Body, 3);
        if (preamble.Count > 0 || examples.Count == 0)
        {
            throw file.Error(preamble.FirstOrDefault() ?? section.Heading, "'## EXAMPLES' must hold at least one '### Example N: Title' with a code block.");
        }

        var result = new List<ExampleDoc>();
        foreach (var (heading, blocks) in examples)
        {
            var title = file.HeadingText(heading);
            var match = ExampleTitle().Match(title);
            if (!match.Success || match.Groups["n"].Value != (result.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw file.Error(heading, $"Example heading '### {title}' must read '### Example {result.Count + 1}: <title>'.");
            }

            if (blocks.FirstOrDefault() is not FencedCodeBlock code)
            {
                throw file.Error(heading, $"'### {title}' must start with a code block.");
            }

            result.Add(new ExampleDoc(title, BlockText.CodeText(code), BlockText.Paragraphs(file, blocks.Skip(1))));
        }

        return result;
    }

    private static List<ParameterDoc> ReadParameters(MarkdownFile file, (HeadingBlock Heading, IReadOnlyList<Block> Body) section, IReadOnlySet<string> syntaxSets)
    {
        var (preamble, parameters) = MarkdownFile.Split(section.Body, 3);
        if (preamble.Count > 0)
        {
            throw file.Error(preamble[0], "'## PARAMETERS' must hold only '### -Name' entries and '### CommonParameters'.");
        }

        var result = new List<ParameterDoc>();
        foreach (var (heading, blocks) in parameters)
        {
            var text = file.HeadingText(heading);
            if (text == "CommonParameters")
            {
                continue;
            }

            if (!text.StartsWith('-') || text.Length < 2 || text.Contains(' ', StringComparison.Ordinal))
            {
                throw file.Error(heading, $"Parameter heading '### {text}' must read '### -ParameterName'.");
            }

            var name = text[1..];
            var yaml = blocks.OfType<FencedCodeBlock>().Where(b => b.Info == "yaml").ToList();
            if (yaml.Count == 0)
            {
                throw file.Error(heading, $"Parameter -{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
            }

            var description = BlockText.Paragraphs(file, blocks.Where(b => !yaml.Contains(b)));
            if (description.Count == 0)
            {
                throw file.Error(heading, $"Parameter -{name} has no description.");
            }

            var sets = new List<ParameterSetDoc>();
            foreach (var block in yaml)
            {
                var set = ParameterYaml.Read(file, block, name);
                var unknown = set.ParameterSets.FirstOrDefault(s => s != ParameterSetDoc.AllSets && !syntaxSets.Contains(s));
                if (unknown is not null)
                {
                    throw file.Error(block, $"Parameter -{name} names parameter set '{unknown}', which has no '### {unknown}' block under '## SYNTAX'.");
                }

                sets.Add(set);
            }

            result.Add(new ParameterDoc(name, description, sets));
        }

        return result;
    }

    private static List<TypeDoc> ReadTypes(MarkdownFile file, (HeadingBlock Heading, IReadOnlyList<Block> Body) section)
    {
        var (preamble, types) = MarkdownFile.Split(section.Body, 3);
        if (preamble.Count > 0)
        {
            throw file.Error(preamble[0], $"'## {file.HeadingText(section.Heading)}' must hold '### TypeName' entries (or '### None').");
        }

        return types.Select(t => new TypeDoc(file.HeadingText(t.Heading), BlockText.Paragraphs(file, t.Body))).ToList();
    }

    private static List<LinkDoc> ReadLinks(MarkdownFile file, IReadOnlyList<Block> body)
    {
        var lines = body.SelectMany(b => b is ListBlock list
            ? list.OfType<ListItemBlock>().Select(i => (Block: (Block)i, Text: BlockText.ItemText(file, i)))
            : file.Raw(b).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => (Block: b, Text: l)));
        var links = new List<LinkDoc>();
        foreach (var (block, text) in lines)
        {
            var match = MarkdownLink().Match(text);
            if (!match.Success)
            {
                throw file.Error(block, $"Related link '{text}' must read '[Text](uri)' (the uri may be empty).");
            }

            var uri = match.Groups["uri"].Value;
            links.Add(new LinkDoc(match.Groups["text"].Value, uri.Length == 0 ? null : uri));
        }

        return links;
    }

    [GeneratedRegex(@"^[A-Z][a-z]+-[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex CmdletName();

    [GeneratedRegex(@"^Example (?<n>\d+): \S.*$")]
    private static partial Regex ExampleTitle();

    [GeneratedRegex(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)$")]
    private static partial Regex MarkdownLink();
}
