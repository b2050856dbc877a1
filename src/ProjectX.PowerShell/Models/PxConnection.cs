using ProjectX.Client;
using ProjectX.Client.Live;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// An authenticated session with a gateway (PSTypeName <c>ProjectX.Connection</c>). Pass it to
/// <c>-Connection</c>, or let cmdlets use the runspace's default one. Never exposes the token or key.
/// </summary>
public sealed class PxConnection
{
    public const string PSTypeName = "ProjectX.Connection";

    private readonly IDisposable? _ownedTransport;

    internal PxConnection(ProjectXClient client, Uri apiBaseUrl, bool isSimulator, Internal.LiveProjection? live, DateTimeOffset connectedAt, IDisposable? ownedTransport)
    {
        Projection = live;
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
    public bool RealtimeEnabled => Projection is not null;
    public DateTimeOffset ConnectedAt { get; }
    public bool IsAuthenticated => !IsDisposed && Client.IsAuthenticated;
    public DateTimeOffset? TokenExpiresAt => Client.TokenExpiresAt;
    public string? Account => Client.DefaultAccount?.Name;
    public int? AccountId => Client.DefaultAccount?.Id;
    public bool IsDisposed { get; private set; }
    /// <summary>The user hub (orders, positions, trades, account); NotStarted with -NoRealtime.</summary>
    public PxHubState UserHubState => Projection?.UserHubState ?? PxHubState.NotStarted;
    /// <summary>The market hub (quotes, trades, depth); NotStarted with -NoRealtime.</summary>
    public PxHubState MarketHubState => Projection?.MarketHubState ?? PxHubState.NotStarted;

    /// <summary>
    /// The client's live engine behind this connection (orders, positions, PnL, watched market data), for scripts that
    /// want what no cmdlet shows yet; null with -NoRealtime.
    /// </summary>
    public LiveAccount? Live => Projection?.Engine;

    /// <summary>Seconds since the market hub last sent anything, while market data is watched; null otherwise.</summary>
    public double? MarketSilenceSeconds => Health?.MarketSilence is { } silence ? Math.Round(silence.TotalSeconds, 1) : null;
    /// <summary>Reconnects of the user and market hubs since connecting.</summary>
    public long Reconnects => Health is { } h ? h.UserReconnects + h.MarketReconnects : 0;
    /// <summary>Gaps in the realtime stream (reconnects, a consumer falling behind), each followed by a resync.</summary>
    public long Gaps => Health?.Gaps ?? 0;
    /// <summary>REST re-reads of the account's orders, positions and fills after gaps.</summary>
    public long Resyncs => Health?.Resyncs ?? 0;
    /// <summary>Events the live state dropped because it fell behind (each drop is a repaired gap).</summary>
    public long DroppedEvents => Health?.DroppedEvents ?? 0;

    /// <summary>The hubs, the projection of their events and the engine; null with -NoRealtime.</summary>
    internal Internal.LiveProjection? Projection { get; }
    /// <summary>Requests left in the client's rate-limit buckets right now.</summary>
    public RateLimitStatus RateLimit => Client.RateLimitStatus;

    private LiveHealth? Health => IsDisposed ? null : Live?.GetHealth();

    internal async ValueTask DisposeAsync()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        foreach (var guard in Client.RiskGuards)
        {
            await guard.DisposeAsync().ConfigureAwait(false);
        }

        if (Projection is not null)
        {
            await Projection.DisposeAsync().ConfigureAwait(false);
        }

        await Client.DisposeAsync().ConfigureAwait(false);
        // The client does not dispose a transport it was given (the in-process simulator's handler).
        _ownedTransport?.Dispose();
    }

    public override string ToString() => $"{UserName} @ {ApiBaseUrl.Host}";
}
