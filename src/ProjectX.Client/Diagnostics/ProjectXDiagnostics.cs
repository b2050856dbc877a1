using System.Diagnostics;

namespace ProjectX.Client.Diagnostics;

/// <summary>
/// How to watch the client. <see cref="ObserveCalls"/> shows the REST calls of one flow of work (what a single
/// cmdlet's <c>-Verbose</c> shows); the <c>ProjectX.Client</c> meter (<see cref="ClientMetrics"/>) and activity
/// source give dotnet-counters, OpenTelemetry and the like the whole process: requests, latency and errors by
/// operation, rate-limit waits and refusals, reconnects, gaps, resyncs, dropped events and feed staleness.
/// Nothing here carries a token, a key or a payload.
/// </summary>
public static class ProjectXDiagnostics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "ProjectX.Client";

    private static readonly AsyncLocal<CallScope?> Current = new();

    /// <summary>One <see cref="Activity"/> per HTTP attempt, named after the operation (<c>Order/place</c>).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(ProjectXDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Calls <paramref name="observer"/> for every REST attempt made by this async flow (and the work it awaits) until
    /// the returned scope is disposed: not for other threads, runspaces or background work started elsewhere. Work this
    /// flow starts in the background reports here only while the scope lives. Scopes nest; each sees its own calls.
    /// </summary>
    public static IDisposable ObserveCalls(Action<ApiCallCompletedEventArgs> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var scope = new CallScope(observer, Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>True when this flow has a scope open (a call record is only built when someone will see it).</summary>
    internal static bool IsObservingCalls => Current.Value is not null;

    internal static void OnCallCompleted(ApiCallCompletedEventArgs call)
    {
        for (var scope = Current.Value; scope is not null; scope = scope.Parent)
            scope.Notify(call);
    }

    private sealed class CallScope(Action<ApiCallCompletedEventArgs> observer, CallScope? parent) : IDisposable
    {
        private volatile bool _disposed;

        public CallScope? Parent { get; } = parent;

        public void Notify(ApiCallCompletedEventArgs call)
        {
            if (_disposed)
                return;
            try
            {
                observer(call);
            }
#pragma warning disable CA1031 // An observer's bug must not turn a good call into a failure.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        public void Dispose()
        {
            // Background work that captured this scope keeps a reference to it; disposed, it stays silent.
            _disposed = true;
            if (Current.Value == this)
                Current.Value = Parent;
        }
    }
}
