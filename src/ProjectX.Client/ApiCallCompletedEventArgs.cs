using System.Net;

namespace ProjectX.Client;

/// <summary>
/// One HTTP attempt finished (for -Verbose output and statistics). Carries no body, token or key.
/// </summary>
public sealed class ApiCallCompletedEventArgs : EventArgs
{
    public ApiCallCompletedEventArgs(string operation, TimeSpan elapsed, HttpStatusCode? httpStatus, int attempt, bool succeeded)
    {
        Operation = operation;
        Elapsed = elapsed;
        HttpStatus = httpStatus;
        Attempt = attempt;
        Succeeded = succeeded;
    }

    /// <summary>The Gateway operation, e.g. <c>Order/place</c>.</summary>
    public string Operation { get; }
    public TimeSpan Elapsed { get; }
    /// <summary>Null when no response arrived (connection error, timeout, cancellation).</summary>
    public HttpStatusCode? HttpStatus { get; }
    /// <summary>1 for the first attempt; retries of reads count up.</summary>
    public int Attempt { get; }
    /// <summary>HTTP 200 with <c>success: true</c>.</summary>
    public bool Succeeded { get; }

    public override string ToString() =>
        $"{Operation} attempt {Attempt}: {(HttpStatus is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response")} in {Elapsed.TotalMilliseconds:0} ms{(Succeeded ? "" : " (failed)")}";
}
