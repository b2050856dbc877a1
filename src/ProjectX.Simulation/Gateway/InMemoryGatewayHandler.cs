using System.Net;
using System.Net.Http.Headers;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// An HttpMessageHandler that hands every request to <see cref="SimulatedGateway.HandleAsync"/> in
/// memory. A dropped response (fault injection) surfaces like a connection reset after sending:
/// an <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class InMemoryGatewayHandler(SimulatedGateway gateway) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.IsAbsoluteUri) uri = new Uri(SimulatedGateway.InProcessBaseUrl, uri);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null;
        var answer = await gateway.HandleAsync(
            new GatewayHttpRequest(request.Method.Method, uri.AbsolutePath, uri.Query, authorization, body)
            {
                ContentType = request.Content?.Headers.ContentType?.ToString(),
            }, cancellationToken).ConfigureAwait(false);
        if (answer.DropConnection)
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely (simulated connection reset).",
                new IOException("The simulated connection was reset by the peer."));

        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body.ToArray()),
        };
        if (answer.ContentType is not null)
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
                response.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }
}
