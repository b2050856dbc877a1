using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulator;

/// <summary>Maps one ASP.NET request onto <see cref="SimulatedGateway.HandleAsync"/> and back.</summary>
internal static class GatewayEndpoint
{
    public static async Task HandleAsync(HttpContext http, SimulatedGateway gateway)
    {
        var request = http.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
        var authorization = request.Headers.Authorization.ToString();
        var answer = await gateway.HandleAsync(
            new GatewayHttpRequest(
                request.Method,
                request.PathBase.Add(request.Path).Value ?? "/",
                request.QueryString.Value,
                authorization.Length == 0 ? null : authorization,
                body.ToArray()),
            http.RequestAborted).ConfigureAwait(false);

        if (answer.DropConnection)
        {
            // The request was executed; the client only sees the connection die.
            http.Abort();
            return;
        }
        var response = http.Response;
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
            response.Headers[name] = value;
        if (answer.ContentType is not null)
            response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        if (!answer.Body.IsEmpty)
            await response.Body.WriteAsync(answer.Body, http.RequestAborted).ConfigureAwait(false);
    }
}
