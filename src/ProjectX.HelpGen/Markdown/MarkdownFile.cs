using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace ProjectX.HelpGen.Markdown;

/// <summary>A parsed markdown file that remembers its source, so every block maps back to raw text and a line number.</summary>
internal sealed class MarkdownFile
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePreciseSourceLocation()
        .Build();

    private MarkdownFile(string path, string text, MarkdownDocument document)
    {
        Path = path;
        Text = text;
        Document = document;
    }

    public string Path { get; }

    public string Text { get; }

    public MarkdownDocument Document { get; }

    public static MarkdownFile Parse(string path, string text)
    {
        // Markdig's spans index the text as given; CRLF files are normalised first so raw slices have no '\r'.
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return new MarkdownFile(path, normalized, Markdig.Markdown.Parse(normalized, Pipeline));
    }

    public YamlFrontMatterBlock? FrontMatter => Document.FirstOrDefault() as YamlFrontMatterBlock;

    /// <summary>Top-level blocks after the front matter.</summary>
    public IReadOnlyList<Block> Body => Document.Where(b => b is not YamlFrontMatterBlock).ToList();

    public string Raw(Block block) => Text.Substring(block.Span.Start, block.Span.Length);

    public static int LineOf(Block block) => block.Line + 1;

    /// <summary>A heading's text as written (no markdown rendering: "-Name" and "Example 1: ..." stay literal).</summary>
    public string HeadingText(HeadingBlock heading) => Raw(heading).Trim().TrimStart('#').Trim();

    public HelpDocFormatException Error(Block? block, string message) => new(Path, block is null ? 1 : LineOf(block), message);

    /// <summary>
    /// Splits blocks at headings of <paramref name="level"/>: what comes before the first one, then each heading
    /// with the blocks up to the next heading of that level or higher.
    /// </summary>
    public static (IReadOnlyList<Block> Preamble, IReadOnlyList<(HeadingBlock Heading, IReadOnlyList<Block> Body)> Sections) Split(IEnumerable<Block> blocks, int level)
    {
        var preamble = new List<Block>();
        var sections = new List<(HeadingBlock, IReadOnlyList<Block>)>();
        List<Block>? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading && heading.Level <= level)
            {
                current = [];
                sections.Add((heading, current));
                continue;
            }

            (current ?? preamble).Add(block);
        }

        return (preamble, sections);
    }
}
