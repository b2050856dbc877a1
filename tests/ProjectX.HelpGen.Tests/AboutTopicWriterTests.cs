using ProjectX.HelpGen.About;

namespace ProjectX.HelpGen.Tests;

public sealed class AboutTopicWriterTests
{
    private static string Convert(string text = SampleDocs.About) => AboutTopicWriter.Convert("/docs/about_Widgets.md", text);

    [Fact]
    public void Writes_the_classic_about_layout()
    {
        var lines = Convert().Split('\n');

        Assert.Equal(["TOPIC", "    about_Widgets", "", "SHORT DESCRIPTION", "    Explains widgets.", "", "LONG DESCRIPTION"], lines[..7]);
        Assert.Contains("  MAKING WIDGETS", lines);
        Assert.Contains("        Get-Widget -Name 'a*'", lines);
        Assert.Contains("    - One", lines);
        Assert.Contains("SEE ALSO", lines);
        Assert.Contains("    - Get-Widget", lines);
        Assert.Contains("    - Docs (https://example.com)", lines);
    }

    [Fact]
    public void Wraps_text_at_80_columns_and_drops_inline_markup()
    {
        var text = Convert();
        var lines = text.Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 80, $"Too long: '{l}'"));
        Assert.Contains("small things that", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
        var start = Array.FindIndex(lines, l => l.StartsWith("    Widgets are small", StringComparison.Ordinal));
        Assert.StartsWith("    ", lines[start + 1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## SHORT DESCRIPTION\n", "## SHORT\n", "Expected '## SHORT DESCRIPTION' here.")]
    [InlineData("## LONG DESCRIPTION\n", "## DETAILS\n", "Expected '## LONG DESCRIPTION' here.")]
    [InlineData("# about_Widgets\n", "# about_Gadgets\n", "starts with '# about_Widgets'")]
    public void Malformed_topics_name_file_and_line(string find, string replace, string message)
    {
        var text = SampleDocs.About.Replace(find, replace, StringComparison.Ordinal);
        var expectedLine = text[..text.IndexOf(replace, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<HelpDocFormatException>(() => Convert(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(("/docs/about_Widgets.md", expectedLine), (error.File, error.Line));
    }
}
