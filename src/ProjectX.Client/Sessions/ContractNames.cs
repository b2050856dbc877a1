using System.Text.RegularExpressions;

namespace ProjectX.Client.Sessions;

/// <summary>
/// Reads the product out of the gateway's identifiers: a contract id (<c>CON.F.US.ENQ.Z26</c>), a symbol id
/// (<c>F.US.ENQ</c>) and a contract name (exchange symbol + month code + year, <c>NQZ6</c> or <c>NQZ26</c>).
/// </summary>
internal static partial class ContractNames
{
    /// <summary>The root inside a contract id or symbol id, or null when the text is neither.</summary>
    public static string? RootOf(string identifier)
    {
        var parts = identifier.Split('.');
        // CON.F.US.<ROOT>.<MONTH><YY> and F.US.<ROOT>: the root is the part after the venue.
        if (parts.Length >= 4 && parts[0].Equals("CON", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(parts[3]);
        if (parts.Length == 3 && parts[0].Equals("F", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(parts[2]);
        return null;
    }

    /// <summary>The exchange symbol of a contract name (<c>NQZ6</c> → <c>NQ</c>), or null when the text is not one.</summary>
    public static string? SymbolOf(string contractName)
    {
        var match = NamePattern().Match(contractName);
        return match.Success ? match.Groups["symbol"].Value : null;
    }

    private static string? NonEmpty(string part) => part.Length == 0 ? null : part;

    [GeneratedRegex("^(?<symbol>[A-Z0-9]{1,5}?)[FGHJKMNQUVXZ][0-9]{1,2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
}
