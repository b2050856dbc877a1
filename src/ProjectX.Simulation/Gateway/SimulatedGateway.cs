using System.Net.Http.Headers;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Gateway;

/// <summary>
/// The simulated ProjectX Gateway's REST surface, independent of any transport: give it a request,
/// get the exact response the real gateway would send (status, headers, JSON body). The ASP.NET host
/// maps HTTP onto it; <see cref="CreateHttpMessageHandler"/> runs it in-process for the client.
/// </summary>
public sealed partial class SimulatedGateway : IDisposable
{
    /// <summary>Base URL to give a client that uses <see cref="CreateHttpMessageHandler"/> (never resolved: .invalid).</summary>
    public static Uri InProcessBaseUrl { get; } = new("http://simulator.projectx.invalid");

    private static readonly Dictionary<string, GatewayOperation> OperationsByPath =
        GatewayOperation.All.ToDictionary(o => o.Path, StringComparer.OrdinalIgnoreCase);
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private readonly TokenService _tokens;
    private readonly UserRateLimiter _rateLimiter;
    private readonly LoginThrottle _loginThrottle;
    private readonly RequestReader _reader;
    private readonly Dictionary<string, SimulatorUser> _users;
    private readonly IReadOnlyDictionary<GatewayOperation, Route> _routes;
    private int _disposed;

    /// <summary>A gateway over the built-in contract catalogue and seeded market.</summary>
    public SimulatedGateway(SimulatorOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, catalog: null, market: null)
    {
    }

    /// <summary>A gateway over a given catalogue and market (tests use deterministic ones). Null means the built-in ones.</summary>
    public SimulatedGateway(SimulatorOptions? options, TimeProvider? timeProvider, IContractCatalog? catalog, IMarketData? market)
    {
        Options = options ?? new SimulatorOptions();
        Time = timeProvider ?? TimeProvider.System;
        Diagnostics = new SimulatorDiagnostics(Options.LoggerFactory);
        var contracts = catalog ?? new ContractCatalog();
        Exchange = new SimulatedExchange(contracts, market ?? BuiltInMarket.Create(contracts, Options, Time), Options, Time, Diagnostics);
        _users = Options.Users.ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);
        _tokens = new TokenService(Time, Options.TokenLifetime);
        var rateLimits = Options.RateLimits ?? new SimulatorRateLimits();
        _rateLimiter = new UserRateLimiter(rateLimits, Time);
        _loginThrottle = new LoginThrottle(rateLimits, Time);
        _reader = new RequestReader(Limits);
        _routes = CreateRoutes();
    }

    public SimulatorOptions Options { get; }
    public TimeProvider Time { get; }
    /// <summary>The engine, for inspection by tests and for the realtime hubs.</summary>
    public SimulatedExchange Exchange { get; }
    public SimulatorFaults Faults { get; } = new();
    /// <summary>Faults the simulator survived (orders it rejected, timer ticks it skipped), counted and logged.</summary>
    public SimulatorDiagnostics Diagnostics { get; }

    private SimulatorLimits Limits => Options.Limits ?? new SimulatorLimits();

    /// <summary>An in-memory transport: every request goes straight to <see cref="HandleAsync"/>. Use with <see cref="InProcessBaseUrl"/>.</summary>
    public HttpMessageHandler CreateHttpMessageHandler() => new InMemoryGatewayHandler(this);

    /// <summary>The user a bearer token belongs to, or null if it is not a valid session (for the hubs).</summary>
    public string? ValidateToken(string? token) => _tokens.Validate(token)?.UserName;

    public async Task<GatewayHttpResponse> HandleAsync(GatewayHttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var latency = Faults.Latency;
        if (latency > TimeSpan.Zero)
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Handle(request);
    }

    private GatewayHttpResponse Handle(GatewayHttpRequest request)
    {
        var path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
        if (!OperationsByPath.TryGetValue(path, out var operation))
            return Empty(404);
        var method = operation.IsGet ? "GET" : "POST";
        if (!string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
            return new GatewayHttpResponse(405, null, default, new Dictionary<string, string> { ["Allow"] = method });
        if (ReferenceEquals(operation, GatewayOperation.Ping))
            return new GatewayHttpResponse(200, "text/plain; charset=utf-8", "pong"u8.ToArray(), NoHeaders);
        if (request.Body.Length > Limits.MaxRequestBodyBytes)
            return Empty(413);

        if (Faults.TakeServerError(operation.Name) is { } status)
            return Empty(status);

        TokenSession? session = null;
        if (!IsLogin(operation))
        {
            session = _tokens.Validate(BearerToken(request.Authorization));
            if (session is null)
                return new GatewayHttpResponse(401, null, default, new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });
        }
        if (Faults.TakeThrottle(operation.Name) is { } wait)
            return TooManyRequests(wait);
        // Logins spend the user's budget only once the key is known to be right (LoginKey).
        if (session is not null && !_rateLimiter.TryAcquire(session.UserName, operation.IsBars, out var retryAfter))
            return TooManyRequests(retryAfter);

        var route = _routes[operation];
        if (route.ReadsBody && !IsJson(request.ContentType))
            return Empty(415);
        GatewayHttpResponse response;
        try
        {
            response = route.Handle(request, session);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Like an unhandled exception in ASP.NET: a bare 500, no details on the wire.
            return Empty(500);
        }
        return Faults.TakeDrop(operation.Name) ? response with { DropConnection = true } : response;
    }

    private static bool IsLogin(GatewayOperation operation) =>
        ReferenceEquals(operation, GatewayOperation.LoginKey) || ReferenceEquals(operation, GatewayOperation.LoginApp);

    /// <summary>The media types the Swagger says the gateway consumes: application/json, text/json, application/*+json.</summary>
    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is not { } media) return false;
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string? BearerToken(string? authorization)
    {
        if (authorization is null) return null;
        var value = authorization.Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
    }

    private static GatewayHttpResponse Empty(int status) => new(status, null, default, NoHeaders);

    private static GatewayHttpResponse TooManyRequests(TimeSpan retryAfter)
    {
        var seconds = (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        return new GatewayHttpResponse(429, null, default,
            new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        DisposeRealtime();
        _rateLimiter.Dispose();
        _loginThrottle.Dispose();
    }
}
