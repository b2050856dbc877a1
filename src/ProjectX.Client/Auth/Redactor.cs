using System.Text.RegularExpressions;

namespace ProjectX.Client.Auth;

/// <summary>Removes anything token-shaped from text the client did not write itself (gateway messages, exception text).</summary>
internal static partial class Redactor
{
    public const string Mask = "[redacted]";

    public static string? Scrub(string? text, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        var result = JwtPattern().Replace(text, Mask);
        result = AccessTokenPattern().Replace(result, "access_token=" + Mask);
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return result;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"access_token=[^&\s""']+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AccessTokenPattern();
}
