using System.Xml.Linq;

namespace ProjectX.HelpGen.Maml;

/// <summary>
/// Writes the MAML that Get-Help reads for a binary module (<c>&lt;dll&gt;-Help.xml</c>), element for element
/// as platyPS's New-ExternalHelp does, so <c>-Full</c>, <c>-Examples</c>, <c>-Parameter</c> and <c>-Online</c> work.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CmdletDoc> cmdlets) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                cmdlets.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(Command_)));

    private static XElement Command_(CmdletDoc doc) =>
        new(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(
                Command + "details",
                new XElement(Command + "name", doc.Name),
                new XElement(Command + "verb", doc.Verb),
                new XElement(Command + "noun", doc.Noun),
                Description([doc.Synopsis])),
            Description(doc.Description),
            new XElement(Command + "syntax", doc.Syntax.Select(s => SyntaxItem(doc, s))),
            new XElement(Command + "parameters", doc.Parameters.Select(p => Parameter(p, p.Sets[0], inSyntax: false))),
            new XElement(Command + "inputTypes", doc.Inputs.Select(t => TypeEntry("inputType", t))),
            new XElement(Command + "returnValues", doc.Outputs.Select(t => TypeEntry("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(doc.Notes))),
            new XElement(Command + "examples", doc.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", Links(doc)));

    /// <summary>One syntax line per parameter set: positional parameters first, in position order, then the rest as documented.</summary>
    private static XElement SyntaxItem(CmdletDoc doc, SyntaxBlock block)
    {
        var members = doc.Parameters
            .Select(p => (Parameter: p, Set: p.Sets.FirstOrDefault(s => s.AppliesTo(block.ParameterSetName))))
            .Where(m => m.Set is not null)
            .OrderBy(m => int.TryParse(m.Set!.Position, out var position) ? position : int.MaxValue);
        return new XElement(
            Command + "syntaxItem",
            new XElement(Maml + "name", doc.Name),
            members.Select(m => Parameter(m.Parameter, m.Set!, inSyntax: true)));
    }

    private static XElement Parameter(ParameterDoc parameter, ParameterSetDoc set, bool inSyntax)
    {
        var isSwitch = set.Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";
        return new XElement(
            Command + "parameter",
            new XAttribute("required", Lower(set.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(set.AcceptsWildcards)),
            new XAttribute("pipelineInput", set.PipelineInput),
            new XAttribute("position", set.Position == "Named" ? "named" : set.Position),
            new XAttribute("aliases", set.Aliases.Count == 0 ? "none" : string.Join(", ", set.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description),
            // Get-Help shows a switch as [-Name]; platyPS leaves its value out of syntax lines for that reason.
            isSwitch && inSyntax ? null : new XElement(
                Command + "parameterValue",
                new XAttribute("required", Lower(!isSwitch)),
                new XAttribute("variableLength", "false"),
                set.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", set.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", set.DefaultValue));
    }

    private static XElement TypeEntry(string element, TypeDoc type) =>
        new(
            Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Example(ExampleDoc example) =>
        new(
            Command + "example",
            new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks)));

    private static IEnumerable<XElement> Links(CmdletDoc doc)
    {
        if (doc.OnlineVersion is not null)
        {
            yield return Link("Online Version:", doc.OnlineVersion);
        }

        foreach (var link in doc.RelatedLinks)
        {
            // Relative links (other .md files) mean nothing to Get-Help; the text still names the topic.
            yield return Link(link.Text, link.Uri is not null && Uri.TryCreate(link.Uri, UriKind.Absolute, out _) ? link.Uri : "");
        }
    }

    private static XElement Link(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Lower(bool value) => value ? "true" : "false";
}
