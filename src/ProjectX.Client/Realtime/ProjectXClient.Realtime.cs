namespace ProjectX.Client;

// Realtime's view of the client (kept in Realtime/ so the REST files stay untouched).
public sealed partial class ProjectXClient
{
    /// <summary>The client's options (transport, time, logging) for <see cref="Realtime.ProjectXRealtime"/>.</summary>
    internal ProjectXClientOptions OptionsForRealtime => _options;
}
