using Markdig.Syntax;

namespace ProjectX.HelpGen.Markdown;

/// <summary>Turns markdown blocks into help paragraphs. Inline markdown is kept as written, as platyPS does.</summary>
internal static class BlockText
{
    public static IReadOnlyList<string> Paragraphs(MarkdownFile file, IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case FencedCodeBlock code:
                    paragraphs.Add(CodeText(code));
                    break;
                case ListBlock list:
                    paragraphs.AddRange(list.OfType<ListItemBlock>().Select(item => (list.IsOrdered ? $"{item.Order}. " : "- ") + Unwrap(ItemText(file, item))));
                    break;
                case ParagraphBlock or QuoteBlock or HtmlBlock:
                    paragraphs.Add(Unwrap(file.Raw(block)));
                    break;
                case ThematicBreakBlock or LinkReferenceDefinitionGroup or BlankLineBlock:
                    break;
                default:
                    paragraphs.Add(file.Raw(block).Trim());
                    break;
            }
        }

        return paragraphs;
    }

    public static string CodeText(FencedCodeBlock code) =>
        string.Join('\n', code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())).TrimEnd();

    /// <summary>A list item's text without its bullet or number.</summary>
    public static string ItemText(MarkdownFile file, ListItemBlock item) =>
        string.Join(' ', item.Select(file.Raw)).Trim();

    /// <summary>Joins a paragraph's source lines (markdown soft breaks) into one line.</summary>
    public static string Unwrap(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
