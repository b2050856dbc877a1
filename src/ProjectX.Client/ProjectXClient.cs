using ProjectX.Client.Auth;
using ProjectX.Client.Gateway;
using ProjectX.Client.Http;
using ProjectX.Client.Instruments;

namespace ProjectX.Client;

/// <summary>
/// The ProjectX Gateway client: one session, one pair of rate-limit buckets, thread-safe. High-level
/// methods here; every raw operation under <see cref="Gateway"/>.
/// </summary>
public sealed partial class ProjectXClient : IAsyncDisposable
{
    private readonly ProjectXClientOptions _options;
    private readonly GatewayTransport _transport;
    private readonly TokenManager _tokens;
    private readonly ContractResolver _contracts;
    private volatile TradingAccountModel? _defaultAccount;
    private int _disposed;

    /// <summary>Creates a client without any network call; the first call (or <see cref="AuthenticateAsync"/>) logs in.</summary>
    public ProjectXClient(ProjectXClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _transport = new GatewayTransport(_options, OnApiCallCompleted, () => ApiCallCompleted is not null);
        _tokens = new TokenManager(_options, _transport);
        _transport.Tokens = _tokens;
        Gateway = new GatewayApi(_transport);
        _contracts = new ContractResolver(Gateway, _options);
    }

    /// <summary>
    /// Checks that credentials are present (<see cref="ProjectXAuthenticationException"/> if not), logs in and
    /// selects the default account: <see cref="ProjectXClientOptions.Account"/>, else the first active account that can trade.
    /// </summary>
    public static async Task<ProjectXClient> ConnectAsync(ProjectXClientOptions options, CancellationToken cancellationToken = default)
    {
        var client = await LogInAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.SelectDefaultAccountAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Selects the default account with one Account/search: <see cref="ProjectXClientOptions.Account"/> when set (an
    /// unknown one is <see cref="ProjectXNotFoundException"/>), else the first active account that can trade, else none
    /// (a read-only user). Returns it.
    /// </summary>
    public async Task<TradingAccountModel?> SelectDefaultAccountAsync(CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(_options.Account))
            return await SelectAccountAsync(_options.Account, cancellationToken).ConfigureAwait(false);
        var accounts = await GetAccountsAsync(onlyActive: true, cancellationToken).ConfigureAwait(false);
        return _defaultAccount = accounts.FirstOrDefault(a => a.CanTrade);
    }

    /// <summary>
    /// Checks that credentials are present (<see cref="ProjectXAuthenticationException"/> if not) and logs in, without
    /// reading the accounts: for callers that read them anyway (<see cref="Live.LiveAccount.StartAsync"/> selects the
    /// default account from its own snapshot).
    /// </summary>
    public static async Task<ProjectXClient> LogInAsync(ProjectXClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrWhiteSpace(options.ApiKey))
            throw new ProjectXAuthenticationException(
                "No credentials: set UserName and ApiKey (or the PROJECTX_USERNAME and PROJECTX_API_KEY environment variables) before connecting.");
        var client = new ProjectXClient(options);
        try
        {
            await client.AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The low level: one async method per Gateway operation.</summary>
    public GatewayApi Gateway { get; }

    /// <summary>Raised after every HTTP attempt (operation, time, status, attempt). Never carries a body or token.</summary>
    public event EventHandler<ApiCallCompletedEventArgs>? ApiCallCompleted;

    public string? UserName => _options.UserName;
    public Uri ApiBaseUrl => _options.ApiBaseUrl;
    public Uri UserHubUrl => _options.UserHubUrl;
    public Uri MarketHubUrl => _options.MarketHubUrl;
    public DateTimeOffset? TokenExpiresAt => _tokens.ExpiresAt;
    public bool IsAuthenticated => _tokens.HasToken;
    public TradingAccountModel? DefaultAccount => _defaultAccount;
    public RateLimitStatus RateLimitStatus => _transport.RateLimitStatus;

    /// <summary>The current session token, for the realtime hubs (refreshed first when close to expiry). Never log it.</summary>
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => _tokens.GetTokenAsync(cancellationToken);

    /// <summary>Logs in with the API key now (Auth/loginKey), replacing any current token.</summary>
    public Task AuthenticateAsync(CancellationToken cancellationToken = default) => _tokens.LoginAsync(cancellationToken);

    /// <summary>Logs in again unless the token in use is no longer <paramref name="refusedToken"/> (someone already did).</summary>
    internal Task ReplaceRefusedTokenAsync(string? refusedToken, CancellationToken cancellationToken) =>
        _tokens.RefreshAfterUnauthorizedAsync(refusedToken, cancellationToken);

    /// <summary>GET Status/ping: "pong" when the gateway is up.</summary>
    public Task<string> PingAsync(CancellationToken cancellationToken = default) => Gateway.PingAsync(cancellationToken);

    /// <summary>Auth/logout: ends the session on the gateway; a later call logs in again with the key.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (_tokens.HasToken)
            await Gateway.LogoutAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the HTTP connections and rate limiters. Does not log out (see <see cref="LogoutAsync"/>).</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _transport.Dispose();
            _tokens.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    public override string ToString() =>
        $"ProjectXClient {{ {_options.ApiBaseUrl}, User = {UserName ?? "(none)"}, Account = {DefaultAccount?.ToString() ?? "(none)"}, Authenticated = {IsAuthenticated} }}";

    private void OnApiCallCompleted(ApiCallCompletedEventArgs args) => ApiCallCompleted?.Invoke(this, args);

    /// <summary>The explicit account, else the default one; a helpful error when neither exists.</summary>
    private int ResolveAccountId(int? accountId) =>
        accountId ?? _defaultAccount?.Id ?? throw new ProjectXValidationException(ValidationReason.NoAccount, 
            "No account given and no default account: pass an account id or call SelectAccountAsync first.", "accountId");
}
