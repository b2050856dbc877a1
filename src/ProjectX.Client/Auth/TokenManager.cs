using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;
using ProjectX.Client.Http;

namespace ProjectX.Client.Auth;

/// <summary>
/// Holds the session token and keeps it fresh: before the JWT's <c>exp</c> (minus a margin) it calls
/// Auth/validate, and logs in again with the key when validate fails. Single-flight: concurrent callers
/// share one refresh.
/// </summary>
internal sealed class TokenManager : IDisposable
{
    // The docs promise 24 h; used only when a token carries no readable exp.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromHours(24);

    private readonly ProjectXClientOptions _options;
    private readonly GatewayTransport _transport;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile Session? _session;

    public TokenManager(ProjectXClientOptions options, GatewayTransport transport)
    {
        _options = options;
        _transport = transport;
    }

    private sealed record Session(string Token, DateTimeOffset? ExpiresAt, DateTimeOffset RefreshAt);

    public string? CurrentToken => _session?.Token;
    public DateTimeOffset? ExpiresAt => _session?.ExpiresAt;
    public bool HasToken => _session is not null;

    /// <summary>The current token, logging in or refreshing first when needed.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var session = _session;
        if (session is not null && !NeedsRefresh(session))
            return session.Token;
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            session = _session;
            if (session is not null && !NeedsRefresh(session))
                return session.Token;
            if (session is not null && !IsExpired(session) && await TryValidateAsync(session.Token, cancellationToken).ConfigureAwait(false) is { } renewed)
                return renewed;
            return await LoginCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Logs in with the key now (Auth/loginKey), replacing any token.</summary>
    public async Task LoginAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoginCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>After a 401 with <paramref name="refusedToken"/>: log in again unless another caller already replaced it.</summary>
    public async Task RefreshAfterUnauthorizedAsync(string? refusedToken, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is { } current && !string.Equals(current.Token, refusedToken, StringComparison.Ordinal))
                return;
            await LoginCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Adopts a token the caller obtained (e.g. the low-level Auth/validate).</summary>
    public void Adopt(string token) => _session = NewSession(token);

    public void Clear() => _session = null;

    public void Dispose() => _refreshGate.Dispose();

    private async Task<string?> TryValidateAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _transport.SendWithoutBodyAsync(
                GatewayOperation.Validate, GatewayJsonContext.Default.ValidateResponse,
                cancellationToken, sessionBearer: token).ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.NewToken))
                return null;
            _session = NewSession(response.NewToken);
            return response.NewToken;
        }
        catch (ProjectXException)
        {
            return null; // validate refused or failed: a fresh login below is the fallback
        }
    }

    private async Task<string> LoginCoreAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.UserName) || string.IsNullOrWhiteSpace(_options.ApiKey))
            throw new ProjectXAuthenticationException(
                "No credentials: set UserName and ApiKey (or the PROJECTX_USERNAME and PROJECTX_API_KEY environment variables) before connecting.");
        var response = await _transport.SendAsync(
            GatewayOperation.LoginKey,
            new LoginApiKeyRequest { UserName = _options.UserName, ApiKey = _options.ApiKey },
            GatewayJsonContext.Default.LoginApiKeyRequest, GatewayJsonContext.Default.LoginResponse,
            cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Token))
            throw new ProjectXAuthenticationException("Auth/loginKey reported success but returned no token. Try again; contact the firm if it persists.")
            { Operation = GatewayOperation.LoginKey.Name };
        _session = NewSession(response.Token);
        return response.Token;
    }

    private Session NewSession(string token)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var expires = JwtExpiry.TryRead(token);
        var lifetimeEnd = expires ?? now + AssumedLifetime;
        var refreshAt = lifetimeEnd - _options.TokenRefreshMargin;
        // A margin longer than the token's life would refresh on every call; refresh halfway instead.
        if (refreshAt <= now)
            refreshAt = now + (lifetimeEnd - now) / 2;
        return new Session(token, expires, refreshAt);
    }

    private bool NeedsRefresh(Session session) => _options.TimeProvider.GetUtcNow() >= session.RefreshAt;

    private bool IsExpired(Session session) => session.ExpiresAt is { } exp && _options.TimeProvider.GetUtcNow() >= exp;
}
