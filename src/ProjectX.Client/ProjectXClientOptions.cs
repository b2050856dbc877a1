namespace ProjectX.Client;

/// <summary>
/// Where and how to connect. Defaults point at TopstepX. <see cref="ApiKey"/> never appears in
/// <see cref="ToString"/> or in any message.
/// </summary>
public sealed class ProjectXClientOptions
{
    public Uri ApiBaseUrl { get; set; } = new("https://api.topstepx.com");
    public Uri UserHubUrl { get; set; } = new("https://rtc.topstepx.com/hubs/user");
    public Uri MarketHubUrl { get; set; } = new("https://rtc.topstepx.com/hubs/market");
    /// <summary>The platform user name (not the e-mail, not an account name).</summary>
    public string? UserName { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The default account, by name or id; when unset the first active account that can trade is used.</summary>
    public string? Account { get; set; }
    /// <summary>Transport to use instead of a new socket handler (e.g. an in-memory simulator). Not disposed by the client.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    /// <summary>Replaces the network under the realtime hubs (the simulator's in-memory transport); null = WebSockets to the hub URLs.</summary>
    public Realtime.IRealtimeTransport? RealtimeTransport { get; set; }
    public RateLimitOptions RateLimits { get; set; } = new();
    public ReadRetryOptions ReadRetry { get; set; } = new();
    /// <summary>Per HTTP attempt. A money-moving call that times out is an ambiguous outcome, never resent.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Refresh the session token (Auth/validate) this long before its <c>exp</c>.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// Optional logging for .NET hosts (operation, status, timing, retries; never a body, token or key). PowerShell
    /// users get the same facts from <see cref="ProjectXClient.ApiCallCompleted"/>.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }
    /// <summary>How long resolved contracts (and their tick sizes) are reused.</summary>
    public TimeSpan ContractCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    // Environment variable names: ours first, then project-x-py's.
    public const string UserNameVariable = "PROJECTX_USERNAME";
    public const string ApiKeyVariable = "PROJECTX_API_KEY";
    public const string AccountVariable = "PROJECTX_ACCOUNT";
    public const string FirmVariable = "PROJECTX_FIRM";
    public const string ApiUrlVariable = "PROJECTX_API_URL";
    public const string UserHubUrlVariable = "PROJECTX_USER_HUB_URL";
    public const string MarketHubUrlVariable = "PROJECTX_MARKET_HUB_URL";
    private static readonly string[] UserNameVariables = [UserNameVariable, "PROJECT_X_USERNAME"];
    private static readonly string[] ApiKeyVariables = [ApiKeyVariable, "PROJECT_X_API_KEY"];
    private static readonly string[] AccountVariables = [AccountVariable, "PROJECT_X_ACCOUNT_NAME", "PROJECT_X_ACCOUNT"];

    /// <summary>
    /// Options from environment variables (null = this process's): PROJECTX_USERNAME / PROJECT_X_USERNAME,
    /// PROJECTX_API_KEY / PROJECT_X_API_KEY, PROJECTX_ACCOUNT / PROJECT_X_ACCOUNT_NAME, PROJECTX_FIRM, and
    /// PROJECTX_API_URL / PROJECTX_USER_HUB_URL / PROJECTX_MARKET_HUB_URL (explicit URLs win over the firm).
    /// </summary>
    public static ProjectXClientOptions FromEnvironment(IReadOnlyDictionary<string, string?>? environment = null)
    {
        Func<string, string?> read = environment is null
            ? Environment.GetEnvironmentVariable
            : name => environment.TryGetValue(name, out var v) ? v : null;
        var options = new ProjectXClientOptions
        {
            UserName = First(read, UserNameVariables),
            ApiKey = First(read, ApiKeyVariables),
            Account = First(read, AccountVariables),
        };
        if (First(read, [FirmVariable]) is { } firm)
            options.UseFirm(firm);
        if (First(read, [ApiUrlVariable]) is { } api)
            options.ApiBaseUrl = ParseUrl(api, ApiUrlVariable);
        if (First(read, [UserHubUrlVariable]) is { } user)
            options.UserHubUrl = ParseUrl(user, UserHubUrlVariable);
        if (First(read, [MarketHubUrlVariable]) is { } market)
            options.MarketHubUrl = ParseUrl(market, MarketHubUrlVariable);
        return options;
    }

    /// <summary>Points all three URLs at a firm's deployment (see <see cref="FirmPresets"/>). Returns this.</summary>
    public ProjectXClientOptions UseFirm(string firm)
    {
        var endpoints = FirmPresets.Resolve(firm);
        ApiBaseUrl = endpoints.ApiBaseUrl;
        UserHubUrl = endpoints.UserHubUrl;
        MarketHubUrl = endpoints.MarketHubUrl;
        return this;
    }

    /// <summary>A shallow copy, so a client is not affected by later edits of the caller's options.</summary>
    public ProjectXClientOptions Clone()
    {
        var copy = (ProjectXClientOptions)MemberwiseClone();
        copy.RateLimits = new RateLimitOptions
        {
            Enabled = RateLimits.Enabled, GlobalPermits = RateLimits.GlobalPermits, GlobalWindow = RateLimits.GlobalWindow,
            BarsPermits = RateLimits.BarsPermits, BarsWindow = RateLimits.BarsWindow,
        };
        copy.ReadRetry = new ReadRetryOptions
        {
            MaxRetries = ReadRetry.MaxRetries, BaseDelay = ReadRetry.BaseDelay, MaxDelay = ReadRetry.MaxDelay, MaxRetryAfter = ReadRetry.MaxRetryAfter,
        };
        return copy;
    }

    public override string ToString() =>
        $"ProjectXClientOptions {{ ApiBaseUrl = {ApiBaseUrl}, UserName = {UserName ?? "(none)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, Account = {Account ?? "(default)"}, RateLimits = {RateLimits} }}";

    internal void Validate()
    {
        if (TimeProvider is null || RateLimits is null || ReadRetry is null)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "TimeProvider, RateLimits and ReadRetry must not be null.", nameof(TimeProvider));
        if (UserHubUrl is null || MarketHubUrl is null)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "UserHubUrl and MarketHubUrl must not be null.", nameof(UserHubUrl));
        if (ApiBaseUrl is null || !ApiBaseUrl.IsAbsoluteUri)
            throw new ProjectXValidationException(ValidationReason.InvalidUrl, "ApiBaseUrl must be an absolute URL such as https://api.topstepx.com.", nameof(ApiBaseUrl));
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "RequestTimeout must be positive.", nameof(RequestTimeout));
        if (RateLimits.Enabled && (RateLimits.GlobalPermits <= 0 || RateLimits.BarsPermits <= 0 || RateLimits.GlobalWindow <= TimeSpan.Zero || RateLimits.BarsWindow <= TimeSpan.Zero))
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "Rate-limit permits and windows must be positive (or set RateLimits.Enabled = false).", nameof(RateLimits));
    }

    private static string? First(Func<string, string?> read, string[] names)
    {
        foreach (var name in names)
        {
            var value = read(name);
            if (!string.IsNullOrWhiteSpace(value))
                return value.Trim();
        }
        return null;
    }

    private static Uri ParseUrl(string value, string variable) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new ProjectXValidationException(ValidationReason.InvalidUrl, $"Environment variable {variable} must be an absolute URL, e.g. https://api.topstepx.com.", variable);
}
