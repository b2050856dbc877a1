using System.Globalization;
using System.Text.RegularExpressions;
using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The bar-size grammar of <c>-Timeframe</c>: a whole number from 1 to 999 followed by a unit, no spaces,
/// case-insensitive: <c>s</c> (seconds), <c>min</c> (minutes), <c>h</c> (hours), <c>d</c> (days), <c>w</c> (weeks),
/// <c>mo</c> (months). <c>m</c> alone is refused on purpose: it would mean minutes to some and months to others.
/// </summary>
internal sealed partial record Timeframe(int Number, AggregateBarUnit Unit)
{
    /// <summary>The sizes offered by tab completion (any other valid size is accepted too).</summary>
    public static readonly IReadOnlyList<string> Common =
        ["1s", "5s", "10s", "15s", "30s", "1min", "2min", "3min", "5min", "10min", "15min", "30min", "1h", "2h", "4h", "1d", "1w", "1mo"];

    public const string GrammarDescription =
        "a number from 1 to 999 followed by s, min, h, d, w or mo (e.g. 1s, 5min, 1h, 4h, 1d, 1w, 1mo)";

    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = null!;
        var match = Grammar().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var number = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "s" => AggregateBarUnit.Second,
            "min" => AggregateBarUnit.Minute,
            "h" => AggregateBarUnit.Hour,
            "d" => AggregateBarUnit.Day,
            "w" => AggregateBarUnit.Week,
            _ => AggregateBarUnit.Month,
        };
        if (number is < 1 or > 999)
        {
            return false;
        }

        timeframe = new Timeframe(number, unit);
        return true;
    }

    /// <summary>The canonical text, e.g. <c>5min</c>.</summary>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        AggregateBarUnit.Second => "s",
        AggregateBarUnit.Minute => "min",
        AggregateBarUnit.Hour => "h",
        AggregateBarUnit.Day => "d",
        AggregateBarUnit.Week => "w",
        _ => "mo",
    };

    [GeneratedRegex(@"^(?<n>\d{1,3})(?<unit>s|min|h|d|w|mo)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
