using System.Collections.Concurrent;

namespace ProjectX.Client.Tests.Support;

/// <summary>
/// Real HTTP over a real socket, with the path of every request sent noted down: how tests count what a call costs
/// on the wire (the operation names, e.g. <c>Account/search</c>).
/// </summary>
internal sealed class RequestLog() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> _operations = new();

    public IReadOnlyList<string> Operations => [.. _operations];

    public int Count(string operation) => _operations.Count(o => o == operation);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _operations.Enqueue(request.RequestUri!.AbsolutePath.TrimStart('/')["api/".Length..]);
        return base.SendAsync(request, cancellationToken);
    }
}
