using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Gateway;

// One route per operation of spec §4, keyed by GatewayOperation: read the body strictly, check, call the engine,
// write the envelope.
public sealed partial class SimulatedGateway
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string ProblemContentType = "application/problem+json; charset=utf-8";

    /// <summary>How one operation is served. <see cref="ReadsBody"/>: it needs a JSON body (Content-Type checked).</summary>
    private sealed record Route(bool ReadsBody, Func<GatewayHttpRequest, TokenSession?, GatewayHttpResponse> Handle);

    private Dictionary<GatewayOperation, Route> CreateRoutes()
    {
        var exchange = Exchange;
        return new Dictionary<GatewayOperation, Route>
        {
            [GatewayOperation.LoginKey] = new(true, (http, _) => LoginKey(http)),
            // Only API-key login exists here (the real loginApp page was withdrawn, spec §3.2).
            [GatewayOperation.LoginApp] = Execute<LoginAppRequest, LoginResponse>((_, _) => new LoginResponse
            {
                Success = false,
                ErrorCode = LoginErrorCode.AppNotFound,
                ErrorMessage = "The simulator supports only API key login (Auth/loginKey).",
            }),
            [GatewayOperation.Validate] = new(false, (_, session) => Json(new ValidateResponse { Success = true, NewToken = _tokens.Issue(session!.UserName) })),
            [GatewayOperation.Logout] = new(false, (_, session) => Logout(session!)),
            [GatewayOperation.SearchAccounts] = Execute<SearchAccountRequest, SearchAccountResponse>(exchange.SearchAccounts),
            [GatewayOperation.SearchContracts] = Execute<SearchContractRequest, SearchContractResponse>((_, r) => exchange.SearchContracts(r)),
            [GatewayOperation.SearchContractById] = Execute<SearchContractByIdRequest, SearchContractByIdResponse>((_, r) => exchange.SearchContractById(r)),
            [GatewayOperation.AvailableContracts] = Execute<ListAvailableContractRequest, ListAvailableContractResponse>((_, r) => exchange.AvailableContracts(r)),
            [GatewayOperation.RetrieveBars] = Execute<RetrieveBarRequest, RetrieveBarResponse>((_, r) => exchange.RetrieveBars(r)),
            [GatewayOperation.SearchOrders] = Execute<SearchOrderRequest, SearchOrderResponse>(exchange.SearchOrders),
            [GatewayOperation.SearchOpenOrders] = Execute<SearchOpenOrderRequest, SearchOrderResponse>(exchange.SearchOpenOrders),
            [GatewayOperation.SearchOrderById] = Execute<SearchOrderByIdRequest, SearchOrderByIdResponse>(exchange.SearchOrderById),
            [GatewayOperation.QueryOrders] = Execute<SearchOrdersQueryRequest, SearchOrdersQueryResponse>(exchange.QueryOrders, QueryProblem),
            [GatewayOperation.PlaceOrder] = Execute<PlaceOrderRequest, PlaceOrderResponse>(exchange.PlaceOrder),
            [GatewayOperation.CancelOrder] = Execute<CancelOrderRequest, CancelOrderResponse>(exchange.CancelOrder),
            [GatewayOperation.ModifyOrder] = Execute<ModifyOrderRequest, ModifyOrderResponse>(exchange.ModifyOrder),
            [GatewayOperation.SearchPositions] = Execute<SearchPositionRequest, SearchPositionResponse>(exchange.SearchPositions),
            [GatewayOperation.ClosePosition] = Execute<CloseContractPositionRequest, ClosePositionResponse>(exchange.ClosePosition),
            [GatewayOperation.PartialClosePosition] = Execute<PartialCloseContractPositionRequest, PartialClosePositionResponse>(exchange.PartialClosePosition),
            [GatewayOperation.SearchTrades] = Execute<SearchTradeRequest, SearchHalfTradeResponse>(exchange.SearchTrades),
        };
    }

    /// <summary>
    /// Wrong key and unknown user both answer errorCode 3 InvalidCredentials with HTTP 200 (spec §3.1), so the
    /// simulator does not reveal which user names exist. Failed logins are throttled per address and per user name
    /// (<see cref="LoginThrottle"/>); only a successful login spends the user's request budget.
    /// </summary>
    private GatewayHttpResponse LoginKey(GatewayHttpRequest http)
    {
        if (!TryRead(http, out LoginApiKeyRequest request, out var problem))
            return problem;
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.UserName)) missing["UserName"] = ["The UserName field is required."];
        if (string.IsNullOrWhiteSpace(request.ApiKey)) missing["ApiKey"] = ["The ApiKey field is required."];
        if (missing.Count > 0)
            return Problem(http.Path, "The login request is missing required properties.", missing);
        if (_loginThrottle.AddressBlocked(http.RemoteAddress) is { } addressWait)
            return TooManyRequests(addressWait);

        var user = _users.GetValueOrDefault(request.UserName.Trim());
        if (user is null || !KeysMatch(user.ApiKey, request.ApiKey))
        {
            if (user is not null && _loginThrottle.UserNameBlocked(user.UserName) is { } nameWait)
                return TooManyRequests(nameWait);
            _loginThrottle.Failed(http.RemoteAddress, user?.UserName);
            return Json(new LoginResponse { Success = false, ErrorCode = LoginErrorCode.InvalidCredentials });
        }
        if (!_rateLimiter.TryAcquire(user.UserName, isBars: false, out var retryAfter))
            return TooManyRequests(retryAfter);
        return Json(new LoginResponse { Success = true, ErrorCode = LoginErrorCode.Success, Token = _tokens.Issue(user.UserName) });
    }

    private static bool KeysMatch(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private GatewayHttpResponse Logout(TokenSession session)
    {
        _tokens.Revoke(session);
        OnLoggedOut(session);
        return Json(new LogoutResponse { Success = true, ErrorCode = LogoutErrorCode.Success });
    }

    /// <summary>Order/v2/query validates its body with HTTP 400 (spec §2): the filter, and enums that name a value.</summary>
    private static string? QueryProblem(SearchOrdersQueryRequest request) =>
        request.Filter is null ? "SearchOrdersQueryRequest was missing required properties including: 'filter'."
        : request.Filter.Statuses?.Any(s => !Enum.IsDefined(s)) == true ? "filter.statuses: every status must be an OrderStatus (0 to 8)."
        : request.SortBy is { } sortBy && !Enum.IsDefined(sortBy) ? $"sortBy: {(int)sortBy} is not an OrderSortField."
        : request.SortDirection is { } direction && !Enum.IsDefined(direction) ? $"sortDirection: {(int)direction} is not a SortDirection."
        : null;

    /// <summary>A route that reads <typeparamref name="TRequest"/>, optionally refuses it with a 400, and answers the handler's envelope.</summary>
    private Route Execute<TRequest, TResponse>(Func<string, TRequest, TResponse> handler, Func<TRequest, string?>? problemOf = null)
        where TRequest : class =>
        new(true, (http, session) =>
        {
            if (!TryRead(http, out TRequest request, out var problem)) return problem;
            if (problemOf?.Invoke(request) is { } detail)
                return Problem(http.Path, detail, new Dictionary<string, string[]> { ["$"] = [detail] });
            return Json(handler(session?.UserName ?? "", request));
        });

    /// <summary>Reads a JSON body like ASP.NET model binding: an empty or malformed body is a 400 ProblemDetails.</summary>
    private bool TryRead<TRequest>(GatewayHttpRequest http, out TRequest request, out GatewayHttpResponse problem)
        where TRequest : class
    {
        request = null!;
        problem = null!;
        if (http.Body.IsEmpty || http.Body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            problem = Problem(http.Path, "A non-empty request body is required.", new Dictionary<string, string[]> { [""] = ["A non-empty request body is required."] });
            return false;
        }
        try
        {
            if (_reader.Read<TRequest>(http.Body.Span) is { } parsed)
            {
                request = parsed;
                return true;
            }
            problem = Problem(http.Path, "The request body must be a JSON object.", new Dictionary<string, string[]> { ["request"] = ["The request field is required."] });
        }
        catch (JsonException e)
        {
            // The reader's own message and the JSON path, never the body: it may hold an API key.
            var at = e.Path ?? "$";
            var detail = e.InnerException is null && e.Message.StartsWith(typeof(TRequest).Name, StringComparison.Ordinal)
                ? e.Message
                : $"The request body is not valid JSON for {typeof(TRequest).Name}.";
            problem = Problem(http.Path, detail,
                new Dictionary<string, string[]> { [at] = [$"The JSON value could not be converted to {typeof(TRequest).Name}. Path: {at}."] });
        }
        return false;
    }

    private static GatewayHttpResponse Json<TResponse>(TResponse response) =>
        new(200, JsonContentType, JsonSerializer.SerializeToUtf8Bytes(response, WireJson.Info<TResponse>()), NoHeaders);

    private static GatewayHttpResponse Problem(string path, string detail, IReadOnlyDictionary<string, string[]> errors)
    {
        var body = new ProblemDetailsModel
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more validation errors occurred.",
            Status = 400,
            Detail = detail,
            Instance = path,
            Errors = errors,
        };
        return new GatewayHttpResponse(400, ProblemContentType, JsonSerializer.SerializeToUtf8Bytes(body, WireJson.Info<ProblemDetailsModel>()), NoHeaders);
    }
}
