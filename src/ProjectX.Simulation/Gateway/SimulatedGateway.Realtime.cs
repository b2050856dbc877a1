using ProjectX.Client;
using ProjectX.Simulation.Realtime;
using ProjectX.Simulation.Realtime.InProcess;

namespace ProjectX.Simulation.Gateway;

// The realtime side of the gateway: the hubs' logic, session revocation, and wiring a client to run in-process.
public sealed partial class SimulatedGateway
{
    private readonly object _realtimeGate = new();
    private RealtimeServer? _realtime;

    /// <summary>User hub URL to give a client that uses <see cref="ConfigureClient"/> (never resolved).</summary>
    public static Uri InProcessUserHubUrl { get; } = new(InProcessBaseUrl, "/hubs/user");
    /// <summary>Market hub URL to give a client that uses <see cref="ConfigureClient"/> (never resolved).</summary>
    public static Uri InProcessMarketHubUrl { get; } = new(InProcessBaseUrl, "/hubs/market");

    /// <summary>The logic of both SignalR hubs (created on first use; its feed timers start with the first connection).</summary>
    public RealtimeServer Realtime
    {
        get
        {
            lock (_realtimeGate)
            {
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                return _realtime ??= new RealtimeServer(this);
            }
        }
    }

    /// <summary>A session ended: (user, token id), or (user, null) for every session of the user.</summary>
    internal event Action<string, string?>? SessionRevoked;

    /// <summary>
    /// Ends every session of <paramref name="userName"/>: its tokens stop working on REST and on the hubs, and its
    /// hub connections get <c>GatewayLogout</c> and are closed. Returns how many tokens were revoked.
    /// </summary>
    public int RevokeSessions(string userName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var count = _tokens.RevokeUser(userName);
        SessionRevoked?.Invoke(userName, null);
        return count;
    }

    /// <summary>
    /// Points a client at this gateway in-process: REST through <see cref="CreateHttpMessageHandler"/> and both hubs
    /// through an in-memory SignalR transport. The client's own HubConnection, protocol and reconnect logic still run.
    /// </summary>
    public void ConfigureClient(ProjectXClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ApiBaseUrl = InProcessBaseUrl;
        options.HttpMessageHandler = CreateHttpMessageHandler();
        options.UserHubUrl = InProcessUserHubUrl;
        options.MarketHubUrl = InProcessMarketHubUrl;
        options.RealtimeTransport = new InMemoryHubTransport(Realtime);
    }

    /// <summary>Who holds a token and which session it is, or null (for the hubs, to close the right connections on logout).</summary>
    internal (string UserName, string TokenId)? ValidateSession(string? token) =>
        _tokens.Validate(token) is { } session ? (session.UserName, session.TokenId) : null;

    private void OnLoggedOut(TokenSession session) => SessionRevoked?.Invoke(session.UserName, session.TokenId);

    private void DisposeRealtime()
    {
        lock (_realtimeGate) _realtime?.Dispose();
    }
}
