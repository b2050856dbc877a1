using System.Net;
using System.Text;

namespace ProjectX.Simulation.Gateway;

/// <summary>A transport-neutral HTTP request for <see cref="SimulatedGateway.HandleAsync"/>.</summary>
/// <param name="Method">HTTP verb, e.g. <c>POST</c>.</param>
/// <param name="Path">Path from the host root, e.g. <c>/api/Order/place</c>. Matched case-insensitively.</param>
/// <param name="Query">Query string (ignored by the REST operations).</param>
/// <param name="Authorization">The raw <c>Authorization</c> header value, e.g. <c>Bearer eyJ…</c>.</param>
/// <param name="Body">The request body (UTF-8 JSON).</param>
public sealed record GatewayHttpRequest(
    string Method,
    string Path,
    string? Query = null,
    string? Authorization = null,
    ReadOnlyMemory<byte> Body = default)
{
    /// <summary>The raw <c>Content-Type</c> header; operations that read a body require JSON (else HTTP 415).</summary>
    public string? ContentType { get; init; }

    /// <summary>The client's address (failed logins are throttled per address); null in-process.</summary>
    public IPAddress? RemoteAddress { get; init; }

    /// <summary>A POST with a UTF-8 JSON body.</summary>
    public static GatewayHttpRequest Post(string path, string? json, string? bearerToken = null) =>
        new("POST", path, null, bearerToken is null ? null : "Bearer " + bearerToken, json is null ? default : Encoding.UTF8.GetBytes(json))
        {
            ContentType = json is null ? null : "application/json; charset=utf-8",
        };

    // Never print the Authorization header or the body (it may hold an API key).
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>What the gateway answers.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="ContentType">Content type of <paramref name="Body"/>, or null when empty.</param>
/// <param name="Body">The response body.</param>
/// <param name="Headers">Extra response headers, e.g. <c>Retry-After</c>.</param>
/// <param name="DropConnection">True when the transport must cut the connection instead of answering (fault injection).</param>
public sealed record GatewayHttpResponse(
    int StatusCode,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Headers,
    bool DropConnection = false)
{
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    public override string ToString() => $"HTTP {StatusCode}{(DropConnection ? " (dropped)" : "")}";
}
