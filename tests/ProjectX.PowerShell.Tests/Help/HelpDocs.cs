using System.Text.RegularExpressions;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Help;

/// <summary>
/// The docs under docs/en-US, read line by line. Deliberately independent of ProjectX.HelpGen: these tests
/// compare the markdown with the code and with what Get-Help shows, so a generator bug cannot hide a doc bug.
/// </summary>
internal static partial class HelpDocs
{
    public static string Directory => Path.Combine(RepoPaths.Root, "docs", "en-US");

    public static string PathOf(string name) => Path.Combine(Directory, name + ".md");

    /// <summary>Cmdlet doc names (every .md that is not an about topic).</summary>
    public static IReadOnlyList<string> CmdletDocNames() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList()!;

    public static IReadOnlyList<string> AboutTopicNames() =>
        System.IO.Directory.EnumerateFiles(Directory, "about_*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The cmdlets the manifest exports (CmdletsToExport), for test data that must exist before any runspace does.</summary>
    public static IReadOnlyList<string> ManifestCmdlets()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "ProjectX.psd1"));
        var block = CmdletsToExport().Match(manifest);
        Assert.True(block.Success, "ProjectX.psd1 has no CmdletsToExport = @(...) block.");
        return QuotedName().Matches(block.Groups["names"].Value).Select(m => m.Groups["name"].Value).ToList();
    }

    public static CmdletDocFile ReadCmdlet(string name) => CmdletDocFile.Parse(File.ReadAllLines(PathOf(name)));

    /// <summary>Every fenced code block of a file whose info string is powershell, with its 1-based first line.</summary>
    public static IEnumerable<(int Line, string Code)> PowerShellBlocks(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```powershell")
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            Assert.True(end > i, $"{path}({i + 1}): unterminated code block.");
            yield return (i + 1, string.Join('\n', lines[(i + 1)..end]));
            i = end;
        }
    }

    [GeneratedRegex(@"CmdletsToExport\s*=\s*@\((?<names>[^)]*)\)")]
    private static partial Regex CmdletsToExport();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex QuotedName();
}

/// <summary>One yaml block under a parameter: the metadata for the parameter sets it names.</summary>
internal sealed record DocParameterBlock(string Type, IReadOnlyList<string> Sets, IReadOnlyList<string> Aliases, bool Required, string Position, string PipelineInput, bool Wildcards);

internal sealed record DocExample(string Title, string Code, int Line);

/// <summary>The parts of a platyPS cmdlet file the tests compare: synopsis, syntax sets, parameters, examples.</summary>
internal sealed class CmdletDocFile
{
    public string Synopsis { get; private set; } = "";
    public string FirstDescriptionParagraph { get; private set; } = "";
    public List<(string Set, bool IsDefault)> SyntaxSets { get; } = [];
    public Dictionary<string, List<DocParameterBlock>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> ParameterDescriptions { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<DocExample> Examples { get; } = [];

    public static CmdletDocFile Parse(string[] lines)
    {
        var doc = new CmdletDocFile();
        string section = "", sub = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                (section, sub) = (line[3..].Trim(), "");
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                sub = line[4..].Trim();
                if (section == "SYNTAX")
                {
                    var isDefault = sub.EndsWith("(Default)", StringComparison.Ordinal);
                    doc.SyntaxSets.Add((isDefault ? sub[..^"(Default)".Length].Trim() : sub, isDefault));
                }

                continue;
            }

            switch (section)
            {
                case "SYNOPSIS" when line.Trim().Length > 0:
                    doc.Synopsis = (doc.Synopsis + " " + line.Trim()).Trim();
                    break;
                case "DESCRIPTION" when line.Trim().Length > 0 && !doc.FirstDescriptionParagraph.EndsWith('\n'):
                    doc.FirstDescriptionParagraph = (doc.FirstDescriptionParagraph + " " + line.Trim()).Trim();
                    break;
                case "DESCRIPTION" when line.Trim().Length == 0 && doc.FirstDescriptionParagraph.Length > 0:
                    doc.FirstDescriptionParagraph = doc.FirstDescriptionParagraph.TrimEnd() + "\n";
                    break;
                case "PARAMETERS" when sub.StartsWith('-') && line.Trim() == "```yaml":
                    i = ReadYaml(lines, i, out var block);
                    doc.Parameters.TryAdd(sub[1..], []);
                    doc.Parameters[sub[1..]].Add(block);
                    break;
                case "PARAMETERS" when sub.StartsWith('-') && line.Trim().Length > 0 && !doc.ParameterDescriptions.ContainsKey(sub[1..]):
                    doc.ParameterDescriptions[sub[1..]] = line.Trim();
                    break;
                case "EXAMPLES" when sub.StartsWith("Example", StringComparison.Ordinal) && line.StartsWith("```", StringComparison.Ordinal) && doc.Examples.All(e => e.Title != sub):
                    var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                    doc.Examples.Add(new DocExample(sub, string.Join('\n', lines[(i + 1)..end]), i + 2));
                    i = end;
                    break;
            }
        }

        doc.FirstDescriptionParagraph = doc.FirstDescriptionParagraph.Trim();
        return doc;
    }

    private static int ReadYaml(string[] lines, int start, out DocParameterBlock block)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = start + 1;
        for (; lines[i].Trim() != "```"; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        string[] List(string key) => values.GetValueOrDefault(key, "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        block = new DocParameterBlock(
            values.GetValueOrDefault("Type", "?"),
            List("Parameter Sets"),
            List("Aliases"),
            values.GetValueOrDefault("Required") == "True",
            values.GetValueOrDefault("Position", "?"),
            values.GetValueOrDefault("Accept pipeline input", "?"),
            values.GetValueOrDefault("Accept wildcard characters") == "True");
        return i;
    }
}
