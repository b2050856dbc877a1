using System.Xml.Linq;
using ProjectX.HelpGen.Maml;
using ProjectX.HelpGen.Markdown;

namespace ProjectX.HelpGen.Tests;

public sealed class MamlWriterTests
{
    private static readonly XNamespace Maml = MamlWriter.Maml;
    private static readonly XNamespace Command = MamlWriter.Command;
    private static readonly XNamespace Dev = MamlWriter.Dev;

    private static XElement Write()
    {
        var document = MamlWriter.Write([CmdletDocParser.Parse("Get-Widget.md", SampleDocs.Cmdlet)]);
        // Round-trip through text, as Get-Help reads it.
        return Assert.Single(XDocument.Parse(document.ToString()).Root!.Elements(Command + "command"));
    }

    [Fact]
    public void Root_is_a_maml_helpItems()
    {
        var root = MamlWriter.Write([]).Root!;

        Assert.Equal(XName.Get("helpItems", "http://msh"), root.Name);
        Assert.Equal("maml", root.Attribute("schema")?.Value);
    }

    [Fact]
    public void Details_carry_name_verb_noun_and_synopsis()
    {
        var details = Write().Element(Command + "details")!;

        Assert.Equal("Get-Widget", details.Element(Command + "name")?.Value);
        Assert.Equal("Get", details.Element(Command + "verb")?.Value);
        Assert.Equal("Widget", details.Element(Command + "noun")?.Value);
        Assert.Equal("Gets widgets by name.", details.Element(Maml + "description")?.Element(Maml + "para")?.Value);
    }

    [Fact]
    public void Description_is_one_para_per_paragraph()
    {
        var paras = Write().Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value);

        Assert.Equal(["The Get-Widget cmdlet gets widgets.", "- First point.", "- Second point."], paras);
    }

    [Fact]
    public void Syntax_has_one_item_per_parameter_set_with_that_sets_metadata()
    {
        var items = Write().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Get-Widget", i.Element(Maml + "name")?.Value));
        var nameSet = items[0].Elements(Command + "parameter").ToList();
        Assert.Equal(["Name", "Force"], nameSet.Select(p => p.Element(Maml + "name")?.Value));
        Assert.Equal(("false", "0", "true", "False"), Attributes(nameSet[0]));
        Assert.Equal("String[]", nameSet[0].Element(Command + "parameterValue")?.Value);
        Assert.Null(nameSet[1].Element(Command + "parameterValue"));
        var idSet = items[1].Elements(Command + "parameter").ToList();
        Assert.Equal(["Id", "Force"], idSet.Select(p => p.Element(Maml + "name")?.Value));
        Assert.Equal(("true", "named", "false", "True (ByPropertyName)"), Attributes(idSet[0]));
        Assert.Equal("WidgetId", idSet[0].Attribute("aliases")?.Value);
        Assert.Equal("true", idSet[1].Attribute("required")?.Value);
    }

    [Fact]
    public void Parameters_section_lists_each_parameter_once_with_type_and_description()
    {
        var parameters = Write().Element(Command + "parameters")!.Elements(Command + "parameter").ToList();

        Assert.Equal(["Id", "Name", "Force"], parameters.Select(p => p.Element(Maml + "name")?.Value));
        Assert.Equal("Widget ids.", parameters[0].Element(Maml + "description")?.Element(Maml + "para")?.Value);
        Assert.Equal("Int32[]", parameters[0].Element(Dev + "type")?.Element(Maml + "name")?.Value);
        Assert.Equal("SwitchParameter", parameters[2].Element(Command + "parameterValue")?.Value);
        Assert.Equal("False", parameters[2].Element(Dev + "defaultValue")?.Value);
    }

    [Fact]
    public void Inputs_outputs_notes_examples_and_links_are_written()
    {
        var command = Write();

        Assert.Equal("System.Int32[]", command.Element(Command + "inputTypes")?.Element(Command + "inputType")?.Element(Dev + "type")?.Element(Maml + "name")?.Value);
        Assert.Equal("Sample.Widget", command.Element(Command + "returnValues")?.Element(Command + "returnValue")?.Element(Dev + "type")?.Element(Maml + "name")?.Value);
        Assert.Equal("Widgets are cached.", command.Element(Maml + "alertSet")?.Element(Maml + "alert")?.Element(Maml + "para")?.Value);
        var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.Equal(2, examples.Count);
        Assert.Contains("Example 1: Get every widget", examples[0].Element(Maml + "title")?.Value, StringComparison.Ordinal);
        Assert.Equal("Get-Widget", examples[0].Element(Dev + "code")?.Value);
        Assert.Equal("Lists them all.", examples[0].Element(Dev + "remarks")?.Element(Maml + "para")?.Value);
        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (l.Element(Maml + "linkText")?.Value, l.Element(Maml + "uri")?.Value));
        Assert.Equal([("Online Version:", "https://example.com/Get-Widget"), ("Set-Widget", ""), ("Widget docs", "https://example.com/widgets")], links);
    }

    private static (string?, string?, string?, string?) Attributes(XElement parameter) =>
        (parameter.Attribute("required")?.Value, parameter.Attribute("position")?.Value, parameter.Attribute("globbing")?.Value, parameter.Attribute("pipelineInput")?.Value);
}
