using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ProjectX.HelpGen.Markdown;

namespace ProjectX.HelpGen.About;

/// <summary>
/// Turns a platyPS about topic (<c># about_X</c>, <c>## SHORT DESCRIPTION</c>, <c>## LONG DESCRIPTION</c>, ...) into
/// the classic <c>about_X.help.txt</c> layout: section titles in capitals at the margin, text wrapped at 80
/// columns and indented four spaces, code indented eight. Get-Help reads the synopsis from SHORT DESCRIPTION.
/// </summary>
public static class AboutTopicWriter
{
    private const int Width = 80;

    public static string Convert(string path, string text)
    {
        var file = MarkdownFile.Parse(path, text);
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var (preamble, titles) = MarkdownFile.Split(file.Body, 1);
        if (preamble.Count > 0 || titles.Count != 1 || file.HeadingText(titles[0].Heading) != name)
        {
            throw file.Error(preamble.FirstOrDefault() ?? titles.ElementAtOrDefault(1).Heading ?? titles.FirstOrDefault().Heading, $"An about topic starts with '# {name}' (the file name) and has no other level-1 heading.");
        }

        var (intro, sections) = MarkdownFile.Split(titles[0].Body, 2);
        if (intro.Count > 0)
        {
            throw file.Error(intro[0], "Text before '## SHORT DESCRIPTION'.");
        }

        RequireSection(file, sections, 0, "SHORT DESCRIPTION", titles[0].Heading);
        RequireSection(file, sections, 1, "LONG DESCRIPTION", sections[0].Heading);

        var output = new StringBuilder();
        output.Append("TOPIC\n    ").Append(name).Append("\n\n");
        foreach (var (heading, body) in sections)
        {
            output.Append(file.HeadingText(heading).ToUpperInvariant()).Append('\n');
            WriteBlocks(file, body, output);
            output.Append('\n');
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    private static void RequireSection(MarkdownFile file, IReadOnlyList<(HeadingBlock Heading, IReadOnlyList<Block> Body)> sections, int index, string name, HeadingBlock previous)
    {
        if (sections.Count <= index || file.HeadingText(sections[index].Heading) != name)
        {
            throw file.Error(sections.ElementAtOrDefault(index).Heading ?? previous, $"Expected '## {name}' here.");
        }

        if (sections[index].Body.Count == 0)
        {
            throw file.Error(sections[index].Heading, $"'## {name}' is empty.");
        }
    }

    private static void WriteBlocks(MarkdownFile file, IEnumerable<Block> blocks, StringBuilder output)
    {
        var first = true;
        foreach (var block in blocks)
        {
            if (block is BlankLineBlock or LinkReferenceDefinitionGroup)
            {
                continue;
            }

            if (!first)
            {
                output.Append('\n');
            }

            first = false;
            switch (block)
            {
                case HeadingBlock heading:
                    var title = file.HeadingText(heading);
                    output.Append(heading.Level == 3 ? "  " + title.ToUpperInvariant() : "    " + title).Append('\n');
                    // The title's own blank line is enough; the next block follows directly.
                    first = true;
                    break;
                case FencedCodeBlock code:
                    foreach (var line in BlockText.CodeText(code).Split('\n'))
                    {
                        output.Append(line.Length == 0 ? "" : "        " + line).Append('\n');
                    }

                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var bullet = list.IsOrdered ? $"{item.Order}. " : "- ";
                        Wrap(string.Join(' ', item.OfType<LeafBlock>().Select(BlockText.Plain)), "    " + bullet, new string(' ', 4 + bullet.Length), output);
                    }

                    break;
                case LeafBlock leaf when leaf.Inline is not null:
                    Wrap(BlockText.Plain(leaf), "    ", "    ", output);
                    break;
                default:
                    Wrap(BlockText.Unwrap(file.Raw(block)), "    ", "    ", output);
                    break;
            }
        }
    }

    private static void Wrap(string text, string firstIndent, string indent, StringBuilder output)
    {
        var line = new StringBuilder(firstIndent);
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > Width)
            {
                output.Append(line).Append('\n');
                line.Clear().Append(indent);
                empty = true;
            }

            line.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        output.Append(line).Append('\n');
    }
}
