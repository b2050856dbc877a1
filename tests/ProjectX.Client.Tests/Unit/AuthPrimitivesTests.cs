using System.Text;
using ProjectX.Client.Auth;

namespace ProjectX.Client.Tests.Unit;

public sealed class AuthPrimitivesTests
{
    [Fact]
    public void JwtExpiry_reads_exp_without_validating()
    {
        var token = Jwt("""{"sub":"demo","exp":1798000000}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_798_000_000), JwtExpiry.TryRead(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public void JwtExpiry_is_null_for_anything_else(string? token) => Assert.Null(JwtExpiry.TryRead(token));

    [Fact]
    public void JwtExpiry_is_null_without_exp() => Assert.Null(JwtExpiry.TryRead(Jwt("""{"sub":"demo"}""")));

    [Fact]
    public void Redactor_removes_jwts_access_tokens_and_named_secrets()
    {
        var token = Jwt("""{"exp":1}""");
        var text = $"bad token {token} at wss://x/hubs/user?access_token=abc.def&x=1 key my-api-key-9";
        var scrubbed = Redactor.Scrub(text, "my-api-key-9")!;
        Assert.DoesNotContain(token, scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("my-api-key-9", scrubbed, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, scrubbed, StringComparison.Ordinal);
    }

    internal static string Jwt(string payloadJson) =>
        $"{B64("""{"alg":"HS256","typ":"JWT"}""")}.{B64(payloadJson)}.c2lnbmF0dXJl";

    private static string B64(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
