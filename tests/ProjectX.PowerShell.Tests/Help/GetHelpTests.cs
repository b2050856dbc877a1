using System.Management.Automation;
using System.Text.RegularExpressions;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Help;

/// <summary>
/// Get-Help in a host that imported the BUILT module shows what the docs say: the MAML the build generated
/// (en-US/ProjectX.PowerShell.dll-Help.xml) and the about topics. Without that file Get-Help would still answer,
/// with a synopsis made from the syntax, which is what these assertions tell apart. Culture: Get-Help looks in
/// en-US/ under any UI culture (it falls back to en-US; checked with invariant and de-DE), so the tests do not
/// change the thread's culture.
/// </summary>
public sealed partial class GetHelpTests
{
    public static TheoryData<string> CmdletDocs() => new(HelpDocs.CmdletDocNames());

    public static TheoryData<string> AboutTopics() => new(HelpDocs.AboutTopicNames());

    [Fact]
    public void The_build_puts_the_help_files_into_the_module()
    {
        var enUs = Path.Combine(RepoPaths.ModuleDirectory, "en-US");

        Assert.True(File.Exists(Path.Combine(enUs, "ProjectX.PowerShell.dll-Help.xml")), $"No MAML help in {enUs}.");
        foreach (var about in HelpDocs.AboutTopicNames())
        {
            Assert.True(File.Exists(Path.Combine(enUs, about + ".help.txt")), $"No {about}.help.txt in {enUs}.");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletDocs))]
    public void Full_help_shows_synopsis_description_parameters_and_examples(string cmdlet)
    {
        var doc = HelpDocs.ReadCmdlet(cmdlet);
        using var session = new PowerShellSession();

        var help = Single(RunFor(session, """
            $h = Get-Help -Name $Name -Full
            [pscustomobject]@{
                Synopsis = $h.Synopsis
                Description = @($h.description | ForEach-Object Text) -join "`n"
                Parameters = @($h.parameters.parameter | ForEach-Object name)
                SyntaxItems = @($h.syntax.syntaxItem).Count
                Titles = @($h.examples.example | ForEach-Object title)
                Codes = @($h.examples.example | ForEach-Object code)
            }
            """, cmdlet));

        Assert.Equal(doc.Synopsis, help.Prop<string>("Synopsis"));
        Assert.StartsWith(Normalize(doc.FirstDescriptionParagraph), Normalize(help.Prop<string>("Description")), StringComparison.Ordinal);
        Assert.Equal(doc.Parameters.Keys.Order(StringComparer.OrdinalIgnoreCase), help.Prop<string[]>("Parameters").Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(doc.SyntaxSets.Count, help.Prop<int>("SyntaxItems"));
        Assert.Equal(doc.Examples.Select(e => e.Code), help.Prop<string[]>("Codes"));
        Assert.All(doc.Examples.Zip(help.Prop<string[]>("Titles")), pair => Assert.Contains(pair.First.Title, pair.Second, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletDocs))]
    public void Examples_help_shows_the_doc_examples(string cmdlet)
    {
        var doc = HelpDocs.ReadCmdlet(cmdlet);
        using var session = new PowerShellSession();

        var help = Single(RunFor(session, """
            $h = Get-Help -Name $Name -Examples
            [pscustomobject]@{ Synopsis = $h.Synopsis; Codes = @($h.examples.example | ForEach-Object code) }
            """, cmdlet));

        Assert.Equal(doc.Synopsis, help.Prop<string>("Synopsis"));
        Assert.NotEmpty(doc.Examples);
        Assert.Equal(doc.Examples.Select(e => e.Code), help.Prop<string[]>("Codes"));
    }

    [Theory]
    [MemberData(nameof(CmdletDocs))]
    public void Parameter_help_shows_each_documented_parameter(string cmdlet)
    {
        var doc = HelpDocs.ReadCmdlet(cmdlet);
        using var session = new PowerShellSession();

        foreach (var (name, blocks) in doc.Parameters)
        {
            var help = Single(RunFor(session, """
                $p = Get-Help -Name $Name -Parameter $Parameter
                [pscustomobject]@{ Name = $p.name; Description = @($p.description | ForEach-Object Text) -join "`n"; Type = $p.type.name; Required = $p.required }
                """, cmdlet, name));

            Assert.Equal(name, help.Prop<string>("Name"));
            Assert.StartsWith(Normalize(doc.ParameterDescriptions[name]), Normalize(help.Prop<string>("Description")), StringComparison.Ordinal);
            Assert.Equal(blocks[0].Type, help.Prop<string>("Type"));
            Assert.Equal(blocks[0].Required ? "true" : "false", help.Prop<string>("Required"));
        }
    }

    [Theory]
    [MemberData(nameof(AboutTopics))]
    public void About_topic_is_found_by_Get_Help(string topic)
    {
        var shortDescription = File.ReadAllLines(HelpDocs.PathOf(topic))
            .SkipWhile(l => l.Trim() != "## SHORT DESCRIPTION").Skip(1).TakeWhile(l => l.Trim().Length > 0);
        using var session = new PowerShellSession();

        var text = string.Join('\n', session.Run("Get-Help -Name $Name", new() { ["Name"] = topic }).AssertNoErrors().Strings);

        Assert.StartsWith($"TOPIC {topic} SHORT DESCRIPTION", Normalize(text), StringComparison.Ordinal);
        Assert.Contains(Normalize(string.Join(' ', shortDescription).Replace("`", "", StringComparison.Ordinal)), Normalize(text), StringComparison.Ordinal);
        Assert.Contains("LONG DESCRIPTION", text, StringComparison.Ordinal);
    }

    private static PSObject Single(ScriptResult result) => Assert.Single(result.AssertNoErrors().Output);

    private static ScriptResult RunFor(PowerShellSession session, string script, string name, string? parameter = null) =>
        session.Run(script, new() { ["Name"] = name, ["Parameter"] = parameter });

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
