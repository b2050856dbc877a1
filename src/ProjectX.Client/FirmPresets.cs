using System.Text.RegularExpressions;

namespace ProjectX.Client;

/// <summary>The three endpoints of one prop firm's ProjectX deployment (spec §1).</summary>
public sealed record FirmEndpoints(string Firm, Uri ApiBaseUrl, Uri UserHubUrl, Uri MarketHubUrl);

/// <summary>
/// Endpoint presets: <c>topstepx</c>, the older <c>demo</c> host, and the <c>api.&lt;firm&gt;.projectx.com</c>
/// pattern every other firm uses (spec §1; only topstepx and thefuturesdesk are independently confirmed).
/// </summary>
public static partial class FirmPresets
{
    public const string TopstepX = "topstepx";
    public const string Demo = "demo";

    private static readonly string[] Known =
    [
        "topstepx", "demo", "alphaticks", "blueguardianfutures", "blusky", "e8", "fundingfutures", "thefuturesdesk",
        "futureselite", "fxifyfutures", "goatfundedfutures", "tickticktrader", "toponefutures", "tx3funding",
    ];

    /// <summary>Firm slugs this client knows; any other lower-case slug still resolves by the pattern.</summary>
    public static IReadOnlyList<string> KnownFirms { get; } = Array.AsReadOnly(Known);

    /// <summary>Endpoints for a firm slug (case-insensitive). Throws <see cref="ProjectXValidationException"/> for a malformed slug.</summary>
    public static FirmEndpoints Resolve(string firm)
    {
        ArgumentNullException.ThrowIfNull(firm);
        var slug = firm.Trim().ToLowerInvariant();
        switch (slug)
        {
            case TopstepX:
                return Build(slug, "https://api.topstepx.com", "https://rtc.topstepx.com");
            case Demo:
                return Build(slug, "https://gateway-api-demo.s2f.projectx.com", "https://gateway-rtc-demo.s2f.projectx.com");
        }
        if (!SlugPattern().IsMatch(slug))
            throw new ProjectXValidationException(ValidationReason.UnknownFirm, 
                $"'{firm}' is not a firm slug. Use one of {string.Join(", ", Known)} or the lower-case name in your firm's api.<firm>.projectx.com address.",
                nameof(firm));
        return Build(slug, $"https://api.{slug}.projectx.com", $"https://rtc.{slug}.projectx.com");
    }

    private static FirmEndpoints Build(string firm, string api, string rtc) =>
        new(firm, new Uri(api), new Uri(rtc + "/hubs/user"), new Uri(rtc + "/hubs/market"));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
