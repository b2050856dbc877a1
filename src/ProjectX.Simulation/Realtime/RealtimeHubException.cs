namespace ProjectX.Simulation.Realtime;

/// <summary>A hub method refused the call; the message is sent to the client (like SignalR's HubException).</summary>
public sealed class RealtimeHubException : Exception
{
    public RealtimeHubException() { }
    public RealtimeHubException(string message) : base(message) { }
    public RealtimeHubException(string message, Exception innerException) : base(message, innerException) { }
}
