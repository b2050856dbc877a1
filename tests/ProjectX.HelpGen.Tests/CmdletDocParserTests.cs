using ProjectX.HelpGen.Markdown;

namespace ProjectX.HelpGen.Tests;

public sealed class CmdletDocParserTests
{
    private static CmdletDoc Parse(string text = SampleDocs.Cmdlet) => CmdletDocParser.Parse("/docs/Get-Widget.md", text);

    [Fact]
    public void Reads_the_header_sections()
    {
        var doc = Parse();

        Assert.Equal("Get-Widget", doc.Name);
        Assert.Equal(("Get", "Widget"), (doc.Verb, doc.Noun));
        Assert.Equal("https://example.com/Get-Widget", doc.OnlineVersion);
        Assert.Equal("Gets widgets by name.", doc.Synopsis);
        Assert.Equal(["The Get-Widget cmdlet gets widgets.", "- First point.", "- Second point."], doc.Description);
        Assert.Equal(["Widgets are cached."], doc.Notes);
    }

    [Fact]
    public void Reads_one_syntax_block_per_parameter_set()
    {
        var doc = Parse();

        Assert.Collection(
            doc.Syntax,
            s => Assert.Equal(("Name", true, "Get-Widget [[-Name] <String[]>] [<CommonParameters>]"), (s.ParameterSetName, s.IsDefault, s.Code)),
            s => Assert.Equal(("Id", false), (s.ParameterSetName, s.IsDefault)));
    }

    [Fact]
    public void Reads_parameters_with_every_yaml_block()
    {
        var doc = Parse();

        Assert.Equal(["Id", "Name", "Force"], doc.Parameters.Select(p => p.Name));
        var id = Assert.Single(doc.Parameters[0].Sets);
        Assert.Equal(("Int32[]", true, "Named", "None", "True (ByPropertyName)", false), (id.Type, id.Required, id.Position, id.DefaultValue, id.PipelineInput, id.AcceptsWildcards));
        Assert.Equal(["Id"], id.ParameterSets);
        Assert.Equal(["WidgetId"], id.Aliases);
        var name = Assert.Single(doc.Parameters[1].Sets);
        Assert.Equal(("0", true, false), (name.Position, name.AcceptsWildcards, name.Required));
        Assert.Empty(name.Aliases);
        var force = doc.Parameters[2].Sets;
        Assert.Equal([false, true], force.Select(s => s.Required));
        Assert.Equal(["Both sets, different metadata per set."], doc.Parameters[2].Description);
    }

    [Fact]
    public void Reads_examples_inputs_outputs_and_links()
    {
        var doc = Parse();

        Assert.Collection(
            doc.Examples,
            e => Assert.Equal(("Example 1: Get every widget", "Get-Widget", "Lists them all."), (e.Title, e.Code, Assert.Single(e.Remarks))),
            e => Assert.Equal(("Example 2: Get one by id", "Get-Widget -Id 7", 0), (e.Title, e.Code, e.Remarks.Count)));
        Assert.Equal(("System.Int32[]", "Ids by property name."), (Assert.Single(doc.Inputs).TypeName, Assert.Single(doc.Inputs[0].Description)));
        Assert.Equal("Sample.Widget", Assert.Single(doc.Outputs).TypeName);
        Assert.Equal([new LinkDoc("Set-Widget", "Set-Widget.md"), new LinkDoc("Widget docs", "https://example.com/widgets")], doc.RelatedLinks);
    }

    [Fact]
    public void Accepts_windows_line_endings()
    {
        var doc = Parse(SampleDocs.Cmdlet.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("Gets widgets by name.", doc.Synopsis);
        Assert.Equal("Get-Widget -Id 7", doc.Examples[1].Code);
    }

    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // name, text to replace, replacement, expected message fragment (the error line is the replacement's line)
        { "missing section", "## NOTES\nWidgets are cached.\n", "", "expected '## NOTES'" },
        { "unknown section", "## NOTES\n", "## REMARKS\n", "Unknown section '## REMARKS'" },
        { "sections out of order", "## DESCRIPTION\n", "## EXAMPLES\n", "out of order" },
        { "example heading", "### Example 2: Get one by id", "### Example 3: Get one by id", "must read '### Example 2: <title>'" },
        { "example without code", "### Example 2: Get one by id\n```powershell\nGet-Widget -Id 7\n```", "### Example 2: Get one by id\nJust words.", "must start with a code block" },
        { "yaml key missing", "Aliases: WidgetId\n\nRequired: True\n", "Aliases: WidgetId\n\n", "Parameter -Id: the yaml block lacks Required" },
        { "yaml bad boolean", "Required: True\n", "Required: Yes\n", "Parameter -Id: 'Required: Yes' must be True or False" },
        { "yaml bad pipeline", "Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: sometimes", "'Accept pipeline input: sometimes' must be" },
        { "yaml unknown key", "Aliases: WidgetId\n", "Alias: WidgetId\n", "unknown yaml key 'Alias'" },
        { "unknown parameter set", "Parameter Sets: Id\nAliases: WidgetId", "Parameter Sets: Ids\nAliases: WidgetId", "names parameter set 'Ids'" },
        { "parameter without yaml", "Widget ids.\n\n```yaml", "Widget ids.\n\n```text", "Parameter -Id has no ```yaml block" },
        { "parameter heading", "### -Name\n", "### Name\n", "must read '### -ParameterName'" },
        { "title mismatch", "# Get-Widget\n", "# Get-Gadget\n", "does not match the file name 'Get-Widget'" },
        { "bad link", "[Set-Widget](Set-Widget.md)", "Set-Widget", "Related link 'Set-Widget' must read '[Text](uri)'" },
        { "wrong schema", "schema: 2.0.0", "schema: 1.0.0", "use 'schema: 2.0.0'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_structure_names_the_file_and_line(string name, string find, string replace, string message)
    {
        Assert.Contains(find, SampleDocs.Cmdlet, StringComparison.Ordinal);
        var text = SampleDocs.Cmdlet.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<HelpDocFormatException>(() => Parse(text));

        Assert.Equal("/docs/Get-Widget.md", error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 1, text.Split('\n').Length);
        Assert.StartsWith($"/docs/Get-Widget.md({error.Line}): error PXHELP001: ", error.ToMSBuildError(), StringComparison.Ordinal);
        if (replace.Length > 0 && name != "yaml key missing" && name != "missing section")
        {
            // The error points at the changed text (or the heading that owns it), never at line 1 by default.
            var changedLine = text[..text.IndexOf(replace, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
            Assert.InRange(error.Line, changedLine - 8, changedLine + 2);
        }
    }

    [Fact]
    public void Missing_front_matter_is_an_error()
    {
        var text = SampleDocs.Cmdlet[(SampleDocs.Cmdlet.IndexOf("# Get-Widget", StringComparison.Ordinal))..];

        var error = Assert.Throws<HelpDocFormatException>(() => Parse(text));

        Assert.Contains("front matter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_yaml_value_points_at_its_own_line()
    {
        var text = SampleDocs.Cmdlet.Replace("Position: 0", "Position: first", StringComparison.Ordinal);
        var expectedLine = text[..text.IndexOf("Position: first", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<HelpDocFormatException>(() => Parse(text));

        Assert.Equal(expectedLine, error.Line);
        Assert.Equal("Parameter -Name: 'Position: first' must be Named or a number.", error.Message);
    }
}
