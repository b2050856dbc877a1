using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulator;

/// <summary>
/// <c>POST /simulator/faults/{action}</c>: the faults of <see cref="SimulatorFaults"/> and of the hubs, over HTTP, so
/// clients in any language can rehearse failures. Only mapped when <c>SimulatorOptions.FaultControl</c> is on, and
/// only answered to loopback clients (403 otherwise), whatever address the server listens on. Bodies are small JSON
/// objects; a bad one is a 400 with <c>{"error": "..."}</c>.
/// </summary>
internal static class FaultControlEndpoint
{
    public const string Prefix = "/simulator/faults";

    /// <summary>The actions and what they take, for the 404 answer and the docs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["drop"] = """{"operation":"Order/place","times":1} executes the next request(s), then cuts the connection""",
        ["server-error"] = """{"operation":"*","times":1,"statusCode":503} answers 5xx without executing""",
        ["throttle"] = """{"operation":"*","times":1,"retryAfterSeconds":1} answers 429 without executing""",
        ["latency"] = """{"milliseconds":250} delays every request""",
        ["kill-connections"] = """{"hub":"user"|"market"|null} drops hub connections; the clients may reconnect""",
        ["stall-feed"] = """{} stops market data, connections stay open""",
        ["resume-feed"] = """{} publishes market data again""",
        ["revoke-sessions"] = """{"userName":"demo"} ends every session of the user (REST 401, hubs GatewayLogout)""",
        ["reset"] = """{} removes every pending fault and the latency, and resumes the feed""",
    };

    public static void Map(WebApplication app, SimulatedGateway gateway) =>
        app.MapPost(Prefix + "/{action}", (HttpContext http, string action) => HandleAsync(http, action, gateway));

    private static async Task<IResult> HandleAsync(HttpContext http, string action, SimulatedGateway gateway)
    {
        if (http.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
            return Results.Json(new { error = "Fault control answers loopback clients only." }, statusCode: StatusCodes.Status403Forbidden);
        if (!Actions.ContainsKey(action))
            return Results.Json(new { error = $"Unknown action '{action}'.", actions = Actions }, statusCode: StatusCodes.Status404NotFound);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        JsonElement body = default; // no body: every member takes its default
        if (buffer.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(buffer.ToArray());
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return BadRequest("The body is not valid JSON.");
            }
            if (body.ValueKind != JsonValueKind.Object)
                return BadRequest("The body must be a JSON object.");
        }
        try
        {
            return Results.Json(Apply(action.ToLowerInvariant(), body, gateway));
        }
        catch (ArgumentException e)
        {
            return BadRequest(e.Message);
        }
    }

    private static object Apply(string action, JsonElement body, SimulatedGateway gateway)
    {
        var faults = gateway.Faults;
        switch (action)
        {
            case "drop":
                faults.DropResponses(Operation(body), Int(body, "times", 1, 1, 1000));
                return new { ok = true };
            case "server-error":
                faults.FailWithServerError(Operation(body), Int(body, "times", 1, 1, 1000), Int(body, "statusCode", 503, 500, 599));
                return new { ok = true };
            case "throttle":
                faults.Throttle(Operation(body), Int(body, "times", 1, 1, 1000), TimeSpan.FromSeconds(Int(body, "retryAfterSeconds", 1, 1, 3600)));
                return new { ok = true };
            case "latency":
                faults.Latency = TimeSpan.FromMilliseconds(Int(body, "milliseconds", 0, 0, 60_000));
                return new { ok = true };
            case "kill-connections":
                return new { killed = gateway.Realtime.KillConnections(Hub(body)) };
            case "stall-feed":
                gateway.Realtime.StallMarketFeed();
                return new { ok = true };
            case "resume-feed":
                gateway.Realtime.ResumeMarketFeed();
                return new { ok = true };
            case "revoke-sessions":
                return new { revoked = gateway.RevokeSessions(String(body, "userName") ?? throw new ArgumentException("userName is required.")) };
            default: // reset
                faults.Reset();
                gateway.Realtime.ResumeMarketFeed();
                return new { ok = true };
        }
    }

    private static IResult BadRequest(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A gateway operation name (<c>Order/place</c>, an <c>/api/</c> prefix tolerated) or <c>*</c>.</summary>
    private static string Operation(JsonElement body)
    {
        var name = String(body, "operation") ?? SimulatorFaults.AnyOperation;
        var bare = name.Trim().TrimStart('/');
        if (bare.StartsWith("api/", StringComparison.OrdinalIgnoreCase)) bare = bare[4..];
        if (bare != SimulatorFaults.AnyOperation && !GatewayOperation.All.Any(o => string.Equals(o.Name, bare, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"Unknown operation '{name}'. Use '*' or a name such as Order/place.");
        return bare;
    }

    private static HubKind? Hub(JsonElement body) => String(body, "hub")?.ToLowerInvariant() switch
    {
        null => null,
        "user" => HubKind.User,
        "market" => HubKind.Market,
        var other => throw new ArgumentException($"Unknown hub '{other}'. Use user, market or null (both)."),
    };

    private static string? String(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : throw new ArgumentException($"{name} must be a string."))
            : null;

    private static int Int(JsonElement body, string name, int fallback, int min, int max)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
            throw new ArgumentException($"{name} must be an integer from {min} to {max}.");
        return number;
    }
}
