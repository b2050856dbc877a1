using System.Text.RegularExpressions;

namespace ProjectX.Client.Instruments;

/// <summary>
/// The grammar of the gateway's identifiers, in one place: a contract id (<c>CON.F.US.ENQ.Z26</c>), a symbol id
/// (<c>F.US.ENQ</c>) and a contract name (exchange symbol + month code + one- or two-digit year, <c>NQZ6</c> or <c>NQZ26</c>).
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

    /// <summary>The CME month codes, January (F) to December (Z).</summary>
    public const string MonthCodes = "FGHJKMNQUVXZ";

    /// <summary>The exchange symbol of a contract name (<c>NQZ6</c> → <c>NQ</c>), or null when the text is not one.</summary>
    public static string? SymbolOf(string contractName) => TryParse(contractName, out var symbol, out _, out _) ? symbol : null;

    /// <summary>A contract name's parts: <c>NQZ26</c> → NQ, Z, 26 (case-insensitive).</summary>
    public static bool TryParse(string contractName, out string symbol, out string month, out string year)
    {
        var match = NamePattern().Match(contractName);
        symbol = match.Success ? match.Groups["symbol"].Value : "";
        month = match.Success ? match.Groups["month"].Value : "";
        year = match.Success ? match.Groups["year"].Value : "";
        return match.Success;
    }

    /// <summary>The contract id of a product month: root ENQ, 2026, 12 → <c>CON.F.US.ENQ.Z26</c> (years 2000–2099).</summary>
    public static string ContractId(string root, int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2099);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CON.F.US.{root}.{MonthCodes[month - 1]}{year % 100:D2}");
    }

    /// <summary>The month of a contract id: <c>CON.F.US.ENQ.Z26</c> → 2026, 12; false when the text is not one.</summary>
    public static bool TryParseMonth(string contractId, out int year, out int month)
    {
        var tail = contractId[(contractId.LastIndexOf('.') + 1)..];
        month = tail.Length == 3 ? MonthCodes.IndexOf(char.ToUpperInvariant(tail[0]), StringComparison.Ordinal) + 1 : 0;
        year = month > 0 && char.IsAsciiDigit(tail[1]) && char.IsAsciiDigit(tail[2]) ? 2000 + ((tail[1] - '0') * 10) + (tail[2] - '0') : 0;
        var ok = RootOf(contractId) is not null && month > 0 && year > 0;
        if (!ok)
            (year, month) = (0, 0);
        return ok;
    }

    private static string? NonEmpty(string part) => part.Length == 0 ? null : part;

    [GeneratedRegex("^(?<symbol>[A-Z0-9]{1,5}?)(?<month>[FGHJKMNQUVXZ])(?<year>[0-9]{1,2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
}
