using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulator.Hubs;

/// <summary>
/// Every request under <c>/hubs</c> (negotiate and connect) must carry a valid session token, either as
/// <c>?access_token=</c> (what skip-negotiation WebSocket clients send) or as <c>Authorization: Bearer</c>.
/// Otherwise: 401, before SignalR sees the request.
/// </summary>
internal static class HubAuthentication
{
    public static async Task InvokeAsync(HttpContext http, Func<Task> next, SimulatedGateway gateway)
    {
        if (!http.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
        {
            await next().ConfigureAwait(false);
            return;
        }
        var token = Token(http.Request);
        if (gateway.ValidateToken(token) is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }
        http.Items[HubBridge.TokenKey] = token;
        await next().ConfigureAwait(false);
    }

    private static string? Token(HttpRequest request)
    {
        var query = request.Query["access_token"].ToString();
        if (query.Length > 0) return query;
        var header = request.Headers.Authorization.ToString().Trim();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
