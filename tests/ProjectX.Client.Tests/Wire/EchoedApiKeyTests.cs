using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Tests.Wire;

/// <summary>
/// Issue 12, defect 17 (defence in depth): a gateway that echoes the API key in <c>errorMessage</c> or a problem's
/// <c>detail</c> must not put the key into the client's exception.
/// </summary>
public sealed class EchoedApiKeyTests
{
    private const string ApiKey = "sk-live-7f3a9c2e51b84d06a1e2";

    [Fact]
    public async Task An_echoed_key_is_scrubbed_from_envelope_and_problem_exceptions()
    {
        // A minimal gateway on a real socket that echoes whatever key it was sent.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/api/Auth/loginKey", async (HttpContext context) =>
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            var key = body.RootElement.GetProperty("apiKey").GetString();
            return body.RootElement.GetProperty("userName").GetString() == "problem"
                ? Results.Text($$"""{"type":"about:blank","title":"Bad","status":400,"detail":"Invalid key {{key}} for user"}""", "application/problem+json", statusCode: 400)
                : Results.Text($$"""{"token":null,"success":false,"errorCode":3,"errorMessage":"Invalid key {{key}} for user"}""", "application/json");
        });
        await app.StartAsync();
        var url = new Uri(app.Urls.First());

        foreach (var user in new[] { "envelope", "problem" })
        {
            await using var client = new ProjectXClient(new ProjectXClientOptions { ApiBaseUrl = url, UserName = user, ApiKey = ApiKey });
            var error = await Assert.ThrowsAnyAsync<ProjectXException>(() => client.AuthenticateAsync());

            Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, error.GatewayMessage, StringComparison.Ordinal);
            Assert.Contains("Invalid key", error.Message, StringComparison.Ordinal);
        }
        await app.StopAsync();
    }
}
