using System.Text.RegularExpressions;

namespace ProjectX.Client.Journal;

/// <summary>
/// The one rule that turns an order's customTag (unique per account, so usually a name plus a unique suffix) into the
/// strategy label the journal groups by: <c>quickstart-1a2b3c4d</c> → <c>quickstart</c>, <c>orb-long-0042</c> →
/// <c>orb-long</c>. A last segment after '-', '_', '.' or ':' is dropped when it is 4 or more hex digits; the tags this
/// client makes up itself (<see cref="CustomTags.New"/>, <c>px-</c> + a GUID) have no label.
/// </summary>
public static partial class TradeTags
{
    public static string? Label(string? customTag)
    {
        if (string.IsNullOrWhiteSpace(customTag))
            return null;
        if (GeneratedTag().IsMatch(customTag))
            return null;
        var match = UniqueSuffix().Match(customTag);
        return match.Success ? customTag[..match.Index] : customTag;
    }

    [GeneratedRegex("^px-[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedTag();

    [GeneratedRegex("(?<=.)[-_.:][0-9a-fA-F]{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex UniqueSuffix();
}
