using System.Diagnostics;
using System.Net;
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
/// <para>
/// A call costs little beyond the HTTP exchange itself: the operation travels as a struct (no closures), an attempt
/// has one cancellation source (the caller's token and the timeout), the handler is called directly (HttpClient would
/// link a third source and buffer the body; the envelope is read from the stream under the same timeout), URLs and
/// header values are made once, and call records are built only when something observes them.
/// </para>
/// </summary>
internal sealed class GatewayTransport : IDisposable
{
    private const string JsonMediaType = "application/json";
    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly ResiliencePropertyKey<string> OperationKey = new("ProjectX.Operation");
    /// <summary>The attempt about to run (set by the retry strategy before each retry; absent on the first).</summary>
    private static readonly ResiliencePropertyKey<int> AttemptKey = new("ProjectX.Attempt");

    private readonly HttpMessageInvoker _http;
    private readonly Dictionary<GatewayOperation, Uri> _urls = new(ReferenceEqualityComparer.Instance);
    private readonly ProjectXClientOptions _options;
    private readonly ClientRateLimiter _limiter;
    private readonly ResiliencePipeline _retry;
    private readonly Action<ApiCallCompletedEventArgs> _onCompleted;
    private readonly Func<bool> _hasCallObservers;
    private readonly ILogger _logger;
    private TokenManager? _tokens;
    private volatile BearerHeader? _bearer;

    /// <param name="hasCallObservers">True when <paramref name="onCompleted"/> has anyone to tell (the client's event).</param>
    public GatewayTransport(ProjectXClientOptions options, Action<ApiCallCompletedEventArgs> onCompleted, Func<bool> hasCallObservers)
    {
        _options = options;
        _onCompleted = onCompleted;
        _hasCallObservers = hasCallObservers;
        _logger = options.LoggerFactory?.CreateLogger("ProjectX.Client") ?? NullLogger.Instance;
        _limiter = new ClientRateLimiter(options.RateLimits);
        var handler = options.HttpMessageHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        // The timeout is per attempt, below, on the client's TimeProvider.
        _http = new HttpMessageInvoker(handler, disposeHandler: options.HttpMessageHandler is null);
        foreach (var operation in GatewayOperation.All)
            _urls[operation] = new Uri(options.ApiBaseUrl, operation.Path);
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
        var exchange = new Exchange<TRequest, TResponse>(operation, body, requestType, responseType, customTag);
        return operation.Kind switch
        {
            OperationKind.Mutation => SendMutationAsync(exchange, cancellationToken),
            OperationKind.Session => SendSessionAsync(exchange, sessionBearer, cancellationToken),
            _ => SendReadAsync(exchange, cancellationToken),
        };
    }

    /// <summary>Sends an operation that has no request body (Auth/validate, Auth/logout).</summary>
    public Task<TResponse> SendWithoutBodyAsync<TResponse>(GatewayOperation operation, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken, string? sessionBearer = null)
        where TResponse : GatewayResponse =>
        SendAsync<ProblemDetailsModel, TResponse>(operation, null, GatewayJsonContext.Default.ProblemDetailsModel, responseType, cancellationToken, sessionBearer: sessionBearer);

    /// <summary>GET Status/ping: a plain string body, no envelope. Sends the current token if there is one, without logging in.</summary>
    public Task<string> PingAsync(CancellationToken cancellationToken) =>
        SendWithRetryAsync(new Exchange<ProblemDetailsModel, string>(GatewayOperation.Ping, null, null, null, null), _tokens?.CurrentToken, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        _limiter.Dispose();
    }

    private async Task<TResponse> SendReadAsync<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, CancellationToken cancellationToken)
        where TRequest : class
    {
        var operation = exchange.Operation;
        var token = await Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendWithRetryAsync(exchange, token, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedFailure)
        {
            TransportLog.Unauthorized(_logger, operation.Name);
            // The token died early (revoked, clock skew). One fresh login, one more try; reads are safe to repeat.
            await Tokens.RefreshAfterUnauthorizedAsync(token, cancellationToken).ConfigureAwait(false);
            var fresh = await Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await SendWithRetryAsync(exchange, fresh, cancellationToken).ConfigureAwait(false);
            }
            catch (UnauthorizedFailure)
            {
                throw new ProjectXAuthenticationException($"{operation.Name} was refused with HTTP 401 even with a fresh token. Check that the API key is still valid.")
                { Operation = operation.Name, StatusCode = HttpStatusCode.Unauthorized };
            }
        }
    }

    private async Task<TResponse> SendSessionAsync<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, string? bearer, CancellationToken cancellationToken)
        where TRequest : class
    {
        try
        {
            return await SendWithRetryAsync(exchange, bearer, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedFailure)
        {
            throw new ProjectXAuthenticationException($"{exchange.Operation.Name} was refused with HTTP 401: the session token is invalid or expired. Log in again.")
            { Operation = exchange.Operation.Name, StatusCode = HttpStatusCode.Unauthorized };
        }
    }

    /// <summary>
    /// A read: the first attempt runs directly, so a call that succeeds never enters the retry pipeline. When it fails
    /// transiently, the pipeline takes that failure as its own first outcome (the same handling, delays, Retry-After and
    /// logging as if it had made the attempt) and makes the retries.
    /// </summary>
    private async Task<TResponse> SendWithRetryAsync<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, string? bearer, CancellationToken cancellationToken)
        where TRequest : class
    {
        TransientFailure first;
        try
        {
            await _limiter.AcquireAsync(exchange.Operation, cancellationToken).ConfigureAwait(false);
            return await SendOnceAsync(exchange, bearer, 1, cancellationToken).ConfigureAwait(false);
        }
        catch (TransientFailure failure)
        {
            first = failure;
        }
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, exchange.Operation.Name);
        try
        {
            return await _retry.ExecuteAsync(
                static (ctx, state) => ctx.Properties.GetValue(AttemptKey, 1) == 1
                    ? ValueTask.FromException<TResponse>(state.First)
                    : state.Transport.AttemptAsync(state.Exchange, state.Bearer, ctx),
                context, (Transport: this, Exchange: exchange, Bearer: bearer, First: first)).ConfigureAwait(false);
        }
        catch (TransientFailure failure)
        {
            throw ToPublic(exchange.Operation, failure, context.Properties.GetValue(AttemptKey, 1));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<TResponse> AttemptAsync<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, string? bearer, ResilienceContext context)
        where TRequest : class
    {
        await _limiter.AcquireAsync(exchange.Operation, context.CancellationToken).ConfigureAwait(false);
        return await SendOnceAsync(exchange, bearer, context.Properties.GetValue(AttemptKey, 1), context.CancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> SendMutationAsync<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, CancellationToken cancellationToken)
        where TRequest : class
    {
        var (operation, customTag) = (exchange.Operation, exchange.CustomTag);
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
            return await SendOnceAsync(exchange, token, 1, cancellationToken).ConfigureAwait(false);
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
    private async Task<TResponse> SendOnceAsync<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, string? bearer, int attempt, CancellationToken cancellationToken)
        where TRequest : class
    {
        var operation = exchange.Operation;
        var started = _options.TimeProvider.GetTimestamp();
        HttpStatusCode? status = null;
        var succeeded = false;
        string? errorType = null;
        using var activity = ProjectXDiagnostics.ActivitySource.StartActivity(operation.Name, ActivityKind.Client);
        activity?.SetTag("projectx.operation", operation.Name);
        using var attemptToken = new AttemptCancellation(cancellationToken, _options.RequestTimeout, _options.TimeProvider);
        var token = attemptToken.Token;
        try
        {
            using var request = BuildRequest(exchange, bearer);
            using var response = await _http.SendAsync(request, token).ConfigureAwait(false);
            status = response.StatusCode;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    TResponse result;
                    if (exchange.ResponseType is not { } type)
                        result = (TResponse)(object)(await response.Content.ReadAsStringAsync(token).ConfigureAwait(false)).Trim().Trim('"'); // Status/ping
                    else
                        result = await ReadEnvelopeAsync(exchange.Operation, response, type, exchange.CustomTag, _options.ApiKey, token).ConfigureAwait(false);
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
                    throw ErrorMapper.FromProblem(operation, response.StatusCode, await TryReadProblemAsync(response, token).ConfigureAwait(false), _options.ApiKey);
                default:
                    throw ErrorMapper.FromHttpStatus(operation, response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller's token always wins, at once
        }
        catch (OperationCanceledException ex) when (attemptToken.TimedOut)
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
        if (!ProjectXDiagnostics.IsObservingCalls && !_hasCallObservers())
            return;
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

    /// <summary>The envelope of an HTTP 200; a <c>success: false</c> one throws.</summary>
    private static async ValueTask<TResponse> ReadEnvelopeAsync<TResponse>(GatewayOperation operation, HttpResponseMessage response, JsonTypeInfo<TResponse> type, string? customTag, string? apiKey, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var envelope = await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty response body.");
            if (envelope is GatewayResponse { Success: false } failed)
                throw ErrorMapper.FromEnvelope(operation, failed, response.StatusCode, customTag, apiKey);
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

    private HttpRequestMessage BuildRequest<TRequest, TResponse>(Exchange<TRequest, TResponse> exchange, string? bearer)
        where TRequest : class
    {
        var operation = exchange.Operation;
        var request = new HttpRequestMessage(operation.IsGet ? HttpMethod.Get : HttpMethod.Post, UrlOf(operation));
        // Header values as text: the same bytes on the wire as the typed header objects, without building them per call.
        if (exchange.Body is { } body)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, exchange.RequestType!));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        }
        if (bearer is not null)
            request.Headers.TryAddWithoutValidation("Authorization", BearerValue(bearer));
        request.Headers.TryAddWithoutValidation("Accept", JsonMediaType);
        return request;
    }

    private Uri UrlOf(GatewayOperation operation) =>
        _urls.TryGetValue(operation, out var url) ? url : new Uri(_options.ApiBaseUrl, operation.Path);

    /// <summary>"Bearer {token}", made once per token.</summary>
    private string BearerValue(string token)
    {
        var cached = _bearer;
        if (cached is null || !ReferenceEquals(cached.Token, token))
            _bearer = cached = new BearerHeader(token, "Bearer " + token);
        return cached.Value;
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
                args.Context.Properties.Set(AttemptKey, args.AttemptNumber + 2); // AttemptNumber counts the failed attempt from 0
                if (args.Outcome.Exception is TransientFailure failure && args.Context.Properties.TryGetValue(OperationKey, out var name))
                    TransportLog.Retrying(logger, name, failure.Message, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>The bearer header value of one token (never logged: it is the token).</summary>
    private sealed class BearerHeader(string token, string value)
    {
        public string Token { get; } = token;
        public string Value { get; } = value;

        public override string ToString() => "BearerHeader";
    }

    /// <summary>
    /// One operation's request and how to read its answer, passed by value through the send path so that a call
    /// allocates no closure. <see cref="ResponseType"/> null: the answer is plain text (Status/ping, <c>TResponse</c> string).
    /// Not a record: a generated <c>ToString</c> would print the body, and a login body holds the API key.
    /// </summary>
    private readonly struct Exchange<TRequest, TResponse>(
        GatewayOperation operation, TRequest? body, JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse>? responseType, string? customTag)
        where TRequest : class
    {
        public GatewayOperation Operation { get; } = operation;
        public TRequest? Body { get; } = body;
        public JsonTypeInfo<TRequest>? RequestType { get; } = requestType;
        public JsonTypeInfo<TResponse>? ResponseType { get; } = responseType;
        public string? CustomTag { get; } = customTag;

        public override string ToString() => Operation.Name;
    }

    /// <summary>
    /// One cancellation source per attempt: the caller's token and the request timeout, on the client's TimeProvider.
    /// </summary>
    private readonly struct AttemptCancellation : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly CancellationTokenRegistration _caller;
        private readonly CancellationToken _callerToken;

        public AttemptCancellation(CancellationToken caller, TimeSpan timeout, TimeProvider time)
        {
            _callerToken = caller;
            if (time == TimeProvider.System)
            {
                _source = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
                _source.CancelAfter(timeout);
            }
            else
            {
                _source = new CancellationTokenSource(timeout, time);
                _caller = caller.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
            }
        }

        public CancellationToken Token => _source.Token;

        /// <summary>Cancelled by the timeout rather than by the caller.</summary>
        public bool TimedOut => _source.IsCancellationRequested && !_callerToken.IsCancellationRequested;

        public void Dispose()
        {
            _caller.Dispose();
            _source.Dispose();
        }
    }
}
