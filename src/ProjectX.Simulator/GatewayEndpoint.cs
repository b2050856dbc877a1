using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulator;

/// <summary>Maps one ASP.NET request onto <see cref="SimulatedGateway.HandleAsync"/> and back.</summary>
internal static class GatewayEndpoint
{
    public static async Task HandleAsync(HttpContext http, SimulatedGateway gateway)
    {
        var request = http.Request;
        var limit = gateway.Options.Limits.MaxRequestBodyBytes;
        // An oversized body is refused without reading it all (and without the stack trace an exception would log).
        if (request.ContentLength > limit || await ReadBodyAsync(request, limit, http.RequestAborted).ConfigureAwait(false) is not { } body)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            http.Response.Headers.Connection = "close";
            return;
        }
        var authorization = request.Headers.Authorization.ToString();
        var answer = await gateway.HandleAsync(
            new GatewayHttpRequest(
                request.Method,
                request.PathBase.Add(request.Path).Value ?? "/",
                request.QueryString.Value,
                authorization.Length == 0 ? null : authorization,
                body)
            {
                ContentType = request.ContentType,
                RemoteAddress = http.Connection.RemoteIpAddress,
            },
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

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (chunked bodies have no length up front).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit) return null;
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }
}
