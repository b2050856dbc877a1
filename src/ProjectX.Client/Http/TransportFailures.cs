using System.Net;

namespace ProjectX.Client.Http;

// Internal signals between one HTTP attempt and the policy around it (retry for reads, exactly-once for
// mutations). They never escape the client: the policy turns them into public ProjectX exceptions.

internal enum FailureKind { ServerError, TooManyRequests, Network, Timeout, UnreadableResponse }

/// <summary>A fault worth retrying for a read. <see cref="MaybeSent"/> is false only when the request provably never left.</summary>
internal sealed class TransientFailure(FailureKind kind, HttpStatusCode? status, TimeSpan? retryAfter, bool maybeSent, string detail, Exception? inner = null)
    : Exception(detail, inner)
{
    public FailureKind Kind { get; } = kind;
    public HttpStatusCode? Status { get; } = status;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public bool MaybeSent { get; } = maybeSent;
}

/// <summary>HTTP 401: the token was refused.</summary>
internal sealed class UnauthorizedFailure() : Exception("HTTP 401");
