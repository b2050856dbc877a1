using ProjectX.Client;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// An authenticated session with a gateway (PSTypeName <c>ProjectX.Connection</c>). Pass it to
/// <c>-Connection</c>, or let cmdlets use the runspace's default one. Never exposes the token or key.
/// </summary>
public sealed class PxConnection
{
    public const string PSTypeName = "ProjectX.Connection";

    private readonly IDisposable? _ownedTransport;

    internal PxConnection(ProjectXClient client, Uri apiBaseUrl, bool isSimulator, Internal.LiveSession? live, DateTimeOffset connectedAt, IDisposable? ownedTransport)
    {
        Live = live;
        Client = client;
        _ownedTransport = ownedTransport;
        ApiBaseUrl = apiBaseUrl;
        IsSimulator = isSimulator;
        ConnectedAt = connectedAt;
    }

    /// <summary>The underlying client, for scripts that want a call no cmdlet offers yet.</summary>
    public ProjectXClient Client { get; }
    public string? UserName => Client.UserName;
    public Uri ApiBaseUrl { get; }
    public bool IsSimulator { get; }
    /// <summary>True when the hubs were started (Connect-ProjectX without -NoRealtime).</summary>
    public bool RealtimeEnabled => Live is not null;
    public DateTimeOffset ConnectedAt { get; }
    public bool IsAuthenticated => !IsDisposed && Client.IsAuthenticated;
    public DateTimeOffset? TokenExpiresAt => Client.TokenExpiresAt;
    public string? Account => Client.DefaultAccount?.Name;
    public int? AccountId => Client.DefaultAccount?.Id;
    public bool IsDisposed { get; private set; }
    /// <summary>The user hub (orders, positions, trades, account); NotStarted with -NoRealtime.</summary>
    public PxHubState UserHubState => Live?.UserHubState ?? PxHubState.NotStarted;
    /// <summary>The market hub (quotes, trades, depth); NotStarted with -NoRealtime.</summary>
    public PxHubState MarketHubState => Live?.MarketHubState ?? PxHubState.NotStarted;

    /// <summary>The hubs and the live state they feed; null with -NoRealtime.</summary>
    internal Internal.LiveSession? Live { get; }
    /// <summary>Requests left in the client's rate-limit buckets right now.</summary>
    public RateLimitStatus RateLimit => Client.RateLimitStatus;

    internal async ValueTask DisposeAsync()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        if (Live is not null)
        {
            await Live.DisposeAsync().ConfigureAwait(false);
        }

        await Client.DisposeAsync().ConfigureAwait(false);
        // The client does not dispose a transport it was given (the in-process simulator's handler).
        _ownedTransport?.Dispose();
    }

    public override string ToString() => $"{UserName} @ {ApiBaseUrl.Host}";
}
