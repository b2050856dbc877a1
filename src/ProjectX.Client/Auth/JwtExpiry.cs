using System.Text.Json;

namespace ProjectX.Client.Auth;

/// <summary>Reads the <c>exp</c> claim of a JWT without validating it: the client only needs to know when to refresh.</summary>
internal static class JwtExpiry
{
    public static DateTimeOffset? TryRead(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        var parts = token.Split('.');
        if (parts.Length < 2)
            return null;
        try
        {
            var payload = DecodeBase64Url(parts[1]);
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("exp", out var exp) &&
                exp.ValueKind == JsonValueKind.Number &&
                exp.TryGetInt64(out var seconds))
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (FormatException) { }
        catch (JsonException) { }
        catch (ArgumentOutOfRangeException) { }
        return null;
    }

    private static byte[] DecodeBase64Url(string segment)
    {
        var text = segment.Replace('-', '+').Replace('_', '/');
        text = (text.Length % 4) switch { 2 => text + "==", 3 => text + "=", _ => text };
        return Convert.FromBase64String(text);
    }
}
