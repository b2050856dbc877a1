using System.Text;
using Markdig.Syntax.Inlines;
using Markdig.Syntax;

namespace ProjectX.HelpGen.Markdown;

/// <summary>Turns markdown blocks into help paragraphs: prose in plain text (Get-Help shows no markdown marks), code as written.</summary>
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
                    paragraphs.AddRange(list.OfType<ListItemBlock>().Select(item => (list.IsOrdered ? $"{item.Order}. " : "- ") + string.Join(' ', item.OfType<LeafBlock>().Select(Plain))));
                    break;
                case ParagraphBlock paragraph when paragraph.Inline is not null:
                    paragraphs.Add(Plain(paragraph));
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

    /// <summary>Inline markdown as plain text, as Get-Help shows it (MAML and about topics alike): code and emphasis lose their marks, absolute links keep their address.</summary>
    public static string Plain(LeafBlock block)
    {
        var text = new StringBuilder();
        Append(block.Inline);
        return BlockText.Unwrap(text.ToString());

        void Append(Inline? inline)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case AutolinkInline auto:
                    text.Append(auto.Url);
                    break;
                case LinkInline link:
                    foreach (var child in link)
                    {
                        Append(child);
                    }

                    if (Uri.TryCreate(link.Url, UriKind.Absolute, out _))
                    {
                        text.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(child);
                    }

                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
            }
        }
    }

    /// <summary>Joins a paragraph's source lines (markdown soft breaks) into one line.</summary>
    public static string Unwrap(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
