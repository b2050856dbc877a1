using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// Issues and checks session tokens: JWT-shaped (base64url header.payload.signature, HS256 with a key
/// that lives only as long as this instance) carrying <c>sub</c>, <c>name</c>, <c>jti</c>, <c>iat</c> and
/// <c>exp</c>, so clients can read the expiry like they do with the real gateway's tokens.
/// </summary>
internal sealed class TokenService(TimeProvider time, TimeSpan lifetime)
{
    private static readonly string EncodedHeader = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    /// <summary>Logged-out token ids and their expiry (kept only until they would have expired anyway).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    /// <summary>Live token ids per user, so every session of a user can be revoked at once (RevokeSessions).</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _issued = new(StringComparer.OrdinalIgnoreCase);

    public string Issue(string userName)
    {
        var now = time.GetUtcNow();
        var tokenId = Guid.NewGuid().ToString("N");
        var issued = _issued.GetOrAdd(userName, _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        foreach (var (id, expires) in issued)
        {
            if (expires <= now) issued.TryRemove(id, out _);
        }
        issued[tokenId] = now + lifetime;
        var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", userName);
            writer.WriteString("name", userName);
            writer.WriteString("jti", tokenId);
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            writer.WriteEndObject();
        }
        var unsigned = EncodedHeader + "." + Base64Url(payload.ToArray());
        return unsigned + "." + Sign(unsigned);
    }

    /// <summary>The session behind a bearer token, or null when it is malformed, forged, expired or logged out.</summary>
    public TokenSession? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != EncodedHeader) return null;
        var expected = Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2]))) return null;
        try
        {
            using var document = JsonDocument.Parse(FromBase64Url(parts[1]));
            var root = document.RootElement;
            var session = new TokenSession(
                root.GetProperty("sub").GetString() ?? "",
                root.GetProperty("jti").GetString() ?? "",
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()));
            if (session.Expires <= time.GetUtcNow() || _revoked.ContainsKey(session.TokenId)) return null;
            return session;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Revoke(TokenSession session)
    {
        _revoked[session.TokenId] = session.Expires;
        var now = time.GetUtcNow();
        foreach (var (id, expires) in _revoked)
        {
            if (expires <= now) _revoked.TryRemove(id, out _);
        }
    }

    /// <summary>Revokes every live token of a user; returns how many.</summary>
    public int RevokeUser(string userName)
    {
        if (!_issued.TryRemove(userName, out var issued)) return 0;
        foreach (var (id, expires) in issued)
            _revoked[id] = expires;
        return issued.Count;
    }

    private string Sign(string unsigned)
    {
        using var hmac = new HMACSHA256(_key);
        return Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(unsigned)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}

/// <summary>A valid session: who, which token, until when.</summary>
internal sealed record TokenSession(string UserName, string TokenId, DateTimeOffset Expires);
