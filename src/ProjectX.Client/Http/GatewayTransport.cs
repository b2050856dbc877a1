using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using ProjectX.Client.Auth;
using ProjectX.Client.Diagnostics;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Http;

/// <summary>
/// Sends one Gateway operation with the policy its kind requires: reads wait for rate-limit permits, retry
/// transient faults (Polly) and survive one 401; session calls never touch the token; mutations go out
/// exactly once and report a lost response as an ambiguous outcome.
/// </summary>
internal sealed class GatewayTransport : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMedia = new("application/json");
    private static readonly ResiliencePropertyKey<string> OperationKey = new("ProjectX.Operation");

    private readonly HttpClient _http;
    private readonly ProjectXClientOptions _options;
    private readonly ClientRateLimiter _limiter;
    private readonly ResiliencePipeline _retry;
    private readonly Action<ApiCallCompletedEventArgs> _onCompleted;
    private readonly ILogger _logger;
    private TokenManager? _tokens;

    public GatewayTransport(ProjectXClientOptions options, Action<ApiCallCompletedEventArgs> onCompleted)
    {
        _options = options;
        _onCompleted = onCompleted;
        _logger = options.LoggerFactory?.CreateLogger("ProjectX.Client") ?? NullLogger.Instance;
        _limiter = new ClientRateLimiter(options.RateLimits);
        var handler = options.HttpMessageHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler, disposeHandler: options.HttpMessageHandler is null)
        {
            BaseAddress = options.ApiBaseUrl,
            Timeout = Timeout.InfiniteTimeSpan, // per attempt, below, on the client's TimeProvider
        };
        _retry = BuildRetryPipeline(options, _logger);
    }

    public TokenManager Tokens
    {
        get => _tokens ?? throw new InvalidOperationException("Token manager not attached.");
        set => _tokens = value;
    }

    public RateLimitStatus RateLimitStatus => _limiter.Status;

    /// <summary>Sends <paramref name="operation"/>; <paramref name="body"/> null means no body. <paramref name="sessionBearer"/> is only for Auth/validate and Auth/logout.</summary>
    public Task<TResponse> SendAsync<TRequest, TResponse>(
        GatewayOperation operation, TRequest? body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken, string? customTag = null, string? sessionBearer = null)
        where TRequest : class
        where TResponse : GatewayResponse
    {
        Func<HttpRequestMessage> build = () => BuildRequest(operation, body, requestType);
        Func<HttpResponseMessage, CancellationToken, Task<TResponse>> read = (r, ct) => ReadEnvelopeAsync(operation, r, responseType, customTag, _options.ApiKey, ct);
        return operation.Kind switch
        {
            OperationKind.Mutation => SendMutationAsync(operation, build, read, customTag, cancellationToken),
            OperationKind.Session => SendSessionAsync(operation, build, read, sessionBearer, cancellationToken),
            _ => SendReadAsync(operation, build, read, cancellationToken),
        };
    }

    /// <summary>Sends an operation that has no request body (Auth/validate, Auth/logout).</summary>
    public Task<TResponse> SendWithoutBodyAsync<TResponse>(GatewayOperation operation, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken, string? sessionBearer = null)
        where TResponse : GatewayResponse =>
        SendAsync<ProblemDetailsModel, TResponse>(operation, null, GatewayJsonContext.Default.ProblemDetailsModel, responseType, cancellationToken, sessionBearer: sessionBearer);

    /// <summary>GET Status/ping: a plain string body, no envelope. Sends the current token if there is one, without logging in.</summary>
    public Task<string> PingAsync(CancellationToken cancellationToken) =>
        SendWithRetryAsync(
            GatewayOperation.Ping,
            () => new HttpRequestMessage(HttpMethod.Get, GatewayOperation.Ping.Path),
            async (r, ct) => (await r.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Trim().Trim('"'),
            _tokens?.CurrentToken,
            cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        _limiter.Dispose();
    }

    private async Task<T> SendReadAsync<T>(GatewayOperation operation, Func<HttpRequestMessage> build, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var token = await Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendWithRetryAsync(operation, build, read, token, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedFailure)
        {
            TransportLog.Unauthorized(_logger, operation.Name);
            // The token died early (revoked, clock skew). One fresh login, one more try; reads are safe to repeat.
            await Tokens.RefreshAfterUnauthorizedAsync(token, cancellationToken).ConfigureAwait(false);
            var fresh = await Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await SendWithRetryAsync(operation, build, read, fresh, cancellationToken).ConfigureAwait(false);
            }
            catch (UnauthorizedFailure)
            {
                throw new ProjectXAuthenticationException($"{operation.Name} was refused with HTTP 401 even with a fresh token. Check that the API key is still valid.")
                { Operation = operation.Name, StatusCode = HttpStatusCode.Unauthorized };
            }
        }
    }

    private async Task<T> SendSessionAsync<T>(GatewayOperation operation, Func<HttpRequestMessage> build, Func<HttpResponseMessage, CancellationToken, Task<T>> read, string? bearer, CancellationToken cancellationToken)
    {
        try
        {
            return await SendWithRetryAsync(operation, build, read, bearer, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedFailure)
        {
            throw new ProjectXAuthenticationException($"{operation.Name} was refused with HTTP 401: the session token is invalid or expired. Log in again.")
            { Operation = operation.Name, StatusCode = HttpStatusCode.Unauthorized };
        }
    }

    private async Task<T> SendWithRetryAsync<T>(GatewayOperation operation, Func<HttpRequestMessage> build, Func<HttpResponseMessage, CancellationToken, Task<T>> read, string? bearer, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation.Name);
        try
        {
            return await _retry.ExecuteAsync(async ctx =>
            {
                await _limiter.AcquireAsync(operation, ctx.CancellationToken).ConfigureAwait(false);
                return await SendOnceAsync(operation, build, read, bearer, ++attempt, ctx.CancellationToken).ConfigureAwait(false);
            }, context).ConfigureAwait(false);
        }
        catch (TransientFailure failure)
        {
            throw ToPublic(operation, failure, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> SendMutationAsync<T>(GatewayOperation operation, Func<HttpRequestMessage> build, Func<HttpResponseMessage, CancellationToken, Task<T>> read, string? customTag, CancellationToken cancellationToken)
    {
        if (!_limiter.TryAcquireNow(out var wait))
        {
            ClientMetrics.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("projectx.operation", operation.Name), new KeyValuePair<string, object?>("projectx.source", "client"));
            throw new ProjectXRateLimitedException(
                $"{operation.Name} was not sent: the client-side rate limit ({_options.RateLimits.GlobalPermits} requests per {_options.RateLimits.GlobalWindow.TotalSeconds:0.#} s) is used up. Money-moving calls are never queued; try again{(wait is { } w ? $" in {w.TotalSeconds:0.#} s" : " shortly")}.",
                wait)
            { Operation = operation.Name, NotExecuted = true };
        }

        var token = await Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendOnceAsync(operation, build, read, token, 1, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedFailure)
        {
            // Refused before execution: refresh for the next call, but never resend money-moving requests on our own.
            try
            {
                await Tokens.RefreshAfterUnauthorizedAsync(token, cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectXException)
            {
                // The error below already tells the caller to retry; a failed refresh will surface on that call.
            }
            throw new ProjectXAuthenticationException(
                $"{operation.Name} was refused with HTTP 401 (token expired or revoked) and was NOT executed. The token has been refreshed; send the request again if you still want it.")
            { Operation = operation.Name, StatusCode = HttpStatusCode.Unauthorized, NotExecuted = true };
        }
        catch (TransientFailure failure) when (failure.Kind == FailureKind.TooManyRequests)
        {
            throw new ProjectXRateLimitedException(
                $"{operation.Name} was refused with HTTP 429 (rate limited) and was NOT executed. Wait{(failure.RetryAfter is { } r ? $" {r.TotalSeconds:0.#} s" : " a moment")} before sending it again.",
                failure.RetryAfter)
            { Operation = operation.Name, StatusCode = HttpStatusCode.TooManyRequests, NotExecuted = true };
        }
        catch (TransientFailure failure) when (!failure.MaybeSent)
        {
            throw new ProjectXException(
                $"{operation.Name} was NOT sent: {failure.Message} Nothing was executed; it is safe to send it again.",
                operation.Name, null, null, null, null, failure.InnerException) { NotExecuted = true };
        }
        catch (TransientFailure failure)
        {
            TransportLog.AmbiguousOutcome(_logger, operation.Name, customTag, failure.Message);
            var reconcile = customTag is null
                ? " Check the orders and positions before acting again."
                : $" Reconcile with ReconcileOrderAsync(\"{customTag}\") before acting again.";
            throw new ProjectXAmbiguousOutcomeException(
                $"{operation.Name} may or may not have been executed: {failure.Message} It was not resent.{reconcile}",
                customTag, failure.InnerException)
            { Operation = operation.Name, StatusCode = failure.Status };
        }
    }

    /// <summary>One HTTP exchange. Classifies every failure; returns only for HTTP 200.</summary>
    private async Task<T> SendOnceAsync<T>(GatewayOperation operation, Func<HttpRequestMessage> build, Func<HttpResponseMessage, CancellationToken, Task<T>> read, string? bearer, int attempt, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetTimestamp();
        HttpStatusCode? status = null;
        var succeeded = false;
        string? errorType = null;
        using var activity = ProjectXDiagnostics.ActivitySource.StartActivity(operation.Name, ActivityKind.Client);
        activity?.SetTag("projectx.operation", operation.Name);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = build();
            if (bearer is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            request.Headers.Accept.Add(JsonMedia);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var result = await read(response, linked.Token).ConfigureAwait(false);
                    succeeded = true;
                    return result;
                case HttpStatusCode.Unauthorized:
                    throw new UnauthorizedFailure();
                case HttpStatusCode.TooManyRequests:
                    ClientMetrics.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("projectx.operation", operation.Name), new KeyValuePair<string, object?>("projectx.source", "gateway"));
                    throw new TransientFailure(FailureKind.TooManyRequests, status, ReadRetryAfter(response), maybeSent: true, "the gateway answered HTTP 429 (rate limited).");
                case >= HttpStatusCode.InternalServerError:
                    throw new TransientFailure(FailureKind.ServerError, status, null, maybeSent: true, $"the gateway answered HTTP {(int)response.StatusCode}.");
                case HttpStatusCode.BadRequest:
                    throw ErrorMapper.FromProblem(operation, response.StatusCode, await TryReadProblemAsync(response, linked.Token).ConfigureAwait(false), _options.ApiKey);
                default:
                    throw ErrorMapper.FromHttpStatus(operation, response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller's token always wins, at once
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            errorType = "timeout";
            throw new TransientFailure(FailureKind.Timeout, status, null, maybeSent: true, $"no response within {_options.RequestTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            errorType = "network";
            throw new TransientFailure(FailureKind.Network, status, null, maybeSent: !NeverLeft(ex), $"the connection to {_options.ApiBaseUrl.Host} failed ({Redactor.Scrub(ex.Message)}).", ex);
        }
        catch (IOException ex)
        {
            errorType = "network";
            throw new TransientFailure(FailureKind.Network, status, null, maybeSent: true, $"the connection to {_options.ApiBaseUrl.Host} broke ({Redactor.Scrub(ex.Message)}).", ex);
        }
        catch (JsonException ex)
        {
            errorType = "unreadable_response";
            throw new TransientFailure(FailureKind.UnreadableResponse, status, null, maybeSent: true, "the response body was not the JSON the gateway documents.", ex);
        }
        finally
        {
            RaiseCompleted(operation, started, status, attempt, succeeded, activity, errorType);
        }
    }

    private void RaiseCompleted(GatewayOperation operation, long started, HttpStatusCode? status, int attempt, bool succeeded, Activity? activity, string? errorType)
    {
        var elapsed = _options.TimeProvider.GetElapsedTime(started);
        TransportLog.CallCompleted(_logger, operation.Name, attempt, (int?)status, elapsed.TotalMilliseconds);
        ClientMetrics.RecordCall(operation.Name, elapsed, (int?)status, succeeded, errorType);
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", (int?)status);
            activity.SetTag("projectx.attempt", attempt);
            if (!succeeded)
                activity.SetStatus(ActivityStatusCode.Error, errorType ?? (status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        }
        var call = new ApiCallCompletedEventArgs(operation.Name, elapsed, status, attempt, succeeded);
        ProjectXDiagnostics.OnCallCompleted(call);
        try
        {
            _onCompleted(call);
        }
#pragma warning disable CA1031 // A subscriber's bug must not turn a good call into a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task<TResponse> ReadEnvelopeAsync<TResponse>(GatewayOperation operation, HttpResponseMessage response, JsonTypeInfo<TResponse> type, string? customTag, string? apiKey, CancellationToken cancellationToken)
        where TResponse : GatewayResponse
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var envelope = await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty response body.");
            if (!envelope.Success)
                throw ErrorMapper.FromEnvelope(operation, envelope, response.StatusCode, customTag, apiKey);
            return envelope;
        }
    }

    private static async Task<ProblemDetailsModel?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, GatewayJsonContext.Default.ProblemDetailsModel);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - _options.TimeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>True when the request provably never reached the server (no connection was made).</summary>
    private static bool NeverLeft(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
        || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable };

    private static HttpRequestMessage BuildRequest<TRequest>(GatewayOperation operation, TRequest? body, JsonTypeInfo<TRequest> type)
        where TRequest : class
    {
        var request = new HttpRequestMessage(operation.IsGet ? HttpMethod.Get : HttpMethod.Post, operation.Path);
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, type);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return request;
    }

    private ProjectXException ToPublic(GatewayOperation operation, TransientFailure failure, int attempts)
    {
        var tries = attempts == 1 ? "once" : $"{attempts} times";
        if (failure.Kind == FailureKind.TooManyRequests)
            return new ProjectXRateLimitedException(
                $"{operation.Name} was rate limited by the gateway (HTTP 429), tried {tries}. Wait{(failure.RetryAfter is { } r ? $" {r.TotalSeconds:0.#} s" : " a moment")} and try again, or lower the request rate.",
                failure.RetryAfter)
            { Operation = operation.Name, StatusCode = failure.Status };
        return new ProjectXException(
            $"{operation.Name} failed after trying {tries}: {failure.Message} Try again later; check the network and ApiBaseUrl if it persists.",
            operation.Name, null, null, failure.Status, null, failure.InnerException);
    }

    private static ResiliencePipeline BuildRetryPipeline(ProjectXClientOptions options, ILogger logger)
    {
        var retry = options.ReadRetry;
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (retry.MaxRetries <= 0)
            return builder.Build();
        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is TransientFailure f
                && !(f.Kind == FailureKind.TooManyRequests && f.RetryAfter > retry.MaxRetryAfter)),
            MaxRetryAttempts = retry.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            // Honour the gateway's Retry-After; otherwise exponential backoff with jitter.
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is TransientFailure { RetryAfter: { } after } ? (TimeSpan?)after : null),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is TransientFailure failure && args.Context.Properties.TryGetValue(OperationKey, out var name))
                    TransportLog.Retrying(logger, name, failure.Message, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
