using System.Xml.Linq;

namespace ProjectX.HelpGen.Tests;

public sealed class HelpGeneratorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("helpgen-tests-").FullName;

    private string Docs => Path.Combine(_root, "docs");

    private string Output => Path.Combine(_root, "out", "en-US");

    public HelpGeneratorTests()
    {
        Directory.CreateDirectory(Docs);
        File.WriteAllText(Path.Combine(Docs, "Get-Widget.md"), SampleDocs.Cmdlet);
        File.WriteAllText(Path.Combine(Docs, "about_Widgets.md"), SampleDocs.About);
    }

    [Fact]
    public void Writes_the_maml_file_and_one_text_file_per_about_topic()
    {
        var errors = HelpGenerator.Generate(Docs, Output, "Sample.dll-Help.xml", Path.Combine(_root, "tmp"));

        Assert.Empty(errors);
        Assert.Equal(["Sample.dll-Help.xml", "about_Widgets.help.txt"], Directory.GetFiles(Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var maml = XDocument.Load(Path.Combine(Output, "Sample.dll-Help.xml"));
        Assert.Equal("Get-Widget", maml.Descendants(Maml.MamlWriter.Command + "name").First().Value);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public void Reports_every_malformed_file_and_writes_nothing()
    {
        File.WriteAllText(Path.Combine(Docs, "Get-Broken.md"), SampleDocs.Cmdlet.Replace("Get-Widget", "Get-Broken", StringComparison.Ordinal).Replace("## NOTES\n", "## NOTE\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(Docs, "about_Broken.md"), "# about_Broken\n\nNo sections.\n");

        var errors = HelpGenerator.Generate(Docs, Output, "Sample.dll-Help.xml");

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith(Path.Combine(Docs, "Get-Broken.md") + "(", StringComparison.Ordinal) && e.Contains("): error PXHELP001: Unknown section '## NOTE'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(Path.Combine(Docs, "about_Broken.md") + "(3): error PXHELP001: ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Output));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
