using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Gateway;

// One handler per operation of spec §4: read the body, call the engine, write the envelope.
public sealed partial class SimulatedGateway
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string ProblemContentType = "application/problem+json; charset=utf-8";

    private GatewayHttpResponse Dispatch(GatewayOperation operation, TokenSession? session, GatewayHttpRequest http)
    {
        var user = session?.UserName ?? "";
        var exchange = Exchange;
        return operation.Name switch
        {
            "Auth/loginKey" => LoginKey(http),
            // Only API-key login exists here (the real loginApp page was withdrawn, spec §3.2).
            "Auth/loginApp" => Execute(http, WireJson.Info<LoginAppRequest>(), _ => new LoginResponse
            {
                Success = false,
                ErrorCode = LoginErrorCode.AppNotFound,
                ErrorMessage = "The simulator supports only API key login (Auth/loginKey).",
            }, WireJson.Info<LoginResponse>()),
            "Auth/validate" => Json(new ValidateResponse { Success = true, NewToken = _tokens.Issue(user) }, WireJson.Info<ValidateResponse>()),
            "Auth/logout" => Logout(session!),
            "Account/search" => Execute(http, WireJson.Info<SearchAccountRequest>(), r => exchange.SearchAccounts(user, r), WireJson.Info<SearchAccountResponse>()),
            "Contract/search" => Execute(http, WireJson.Info<SearchContractRequest>(), exchange.SearchContracts, WireJson.Info<SearchContractResponse>()),
            "Contract/searchById" => Execute(http, WireJson.Info<SearchContractByIdRequest>(), exchange.SearchContractById, WireJson.Info<SearchContractByIdResponse>()),
            "Contract/available" => Execute(http, WireJson.Info<ListAvailableContractRequest>(), exchange.AvailableContracts, WireJson.Info<ListAvailableContractResponse>()),
            "History/retrieveBars" => Execute(http, WireJson.Info<RetrieveBarRequest>(), exchange.RetrieveBars, WireJson.Info<RetrieveBarResponse>()),
            "Order/search" => Execute(http, WireJson.Info<SearchOrderRequest>(), r => exchange.SearchOrders(user, r), WireJson.Info<SearchOrderResponse>()),
            "Order/searchOpen" => Execute(http, WireJson.Info<SearchOpenOrderRequest>(), r => exchange.SearchOpenOrders(user, r), WireJson.Info<SearchOrderResponse>()),
            "Order/searchById" => Execute(http, WireJson.Info<SearchOrderByIdRequest>(), r => exchange.SearchOrderById(user, r), WireJson.Info<SearchOrderByIdResponse>()),
            "Order/v2/query" => QueryOrders(http, user),
            "Order/place" => Execute(http, WireJson.Info<PlaceOrderRequest>(), r => exchange.PlaceOrder(user, r), WireJson.Info<PlaceOrderResponse>()),
            "Order/cancel" => Execute(http, WireJson.Info<CancelOrderRequest>(), r => exchange.CancelOrder(user, r), WireJson.Info<CancelOrderResponse>()),
            "Order/modify" => Execute(http, WireJson.Info<ModifyOrderRequest>(), r => exchange.ModifyOrder(user, r), WireJson.Info<ModifyOrderResponse>()),
            "Position/searchOpen" => Execute(http, WireJson.Info<SearchPositionRequest>(), r => exchange.SearchPositions(user, r), WireJson.Info<SearchPositionResponse>()),
            "Position/closeContract" => Execute(http, WireJson.Info<CloseContractPositionRequest>(), r => exchange.ClosePosition(user, r), WireJson.Info<ClosePositionResponse>()),
            "Position/partialCloseContract" => Execute(http, WireJson.Info<PartialCloseContractPositionRequest>(), r => exchange.PartialClosePosition(user, r), WireJson.Info<PartialClosePositionResponse>()),
            "Trade/search" => Execute(http, WireJson.Info<SearchTradeRequest>(), r => exchange.SearchTrades(user, r), WireJson.Info<SearchHalfTradeResponse>()),
            _ => Empty(404),
        };
    }

    /// <summary>
    /// Wrong key and unknown user both answer errorCode 3 InvalidCredentials with HTTP 200 (spec §3.1),
    /// so the simulator does not reveal which user names exist. Login is rate limited per user name.
    /// </summary>
    private GatewayHttpResponse LoginKey(GatewayHttpRequest http)
    {
        if (!TryRead(http, WireJson.Info<LoginApiKeyRequest>(), out var request, out var problem))
            return problem;
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.UserName)) missing["UserName"] = ["The UserName field is required."];
        if (string.IsNullOrWhiteSpace(request.ApiKey)) missing["ApiKey"] = ["The ApiKey field is required."];
        if (missing.Count > 0)
            return Problem(http.Path, "The login request is missing required properties.", missing);
        if (!_rateLimiter.TryAcquire(request.UserName.Trim(), isBars: false, out var retryAfter))
            return TooManyRequests(retryAfter);

        var valid = _users.TryGetValue(request.UserName.Trim(), out var user) && KeysMatch(user.ApiKey, request.ApiKey);
        var response = valid
            ? new LoginResponse { Success = true, ErrorCode = LoginErrorCode.Success, Token = _tokens.Issue(user!.UserName) }
            : new LoginResponse { Success = false, ErrorCode = LoginErrorCode.InvalidCredentials };
        return Json(response, WireJson.Info<LoginResponse>());
    }

    private static bool KeysMatch(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private GatewayHttpResponse Logout(TokenSession session)
    {
        _tokens.Revoke(session);
        OnLoggedOut(session);
        return Json(new LogoutResponse { Success = true, ErrorCode = LogoutErrorCode.Success }, WireJson.Info<LogoutResponse>());
    }

    private GatewayHttpResponse QueryOrders(GatewayHttpRequest http, string user)
    {
        if (!TryRead(http, WireJson.Info<SearchOrdersQueryRequest>(), out var request, out var problem))
            return problem;
        if (request.Filter is null)
        {
            const string message = "SearchOrdersQueryRequest was missing required properties including: 'filter'.";
            return Problem(http.Path, message, new Dictionary<string, string[]> { ["$"] = [message] });
        }
        return Json(Exchange.QueryOrders(user, request), WireJson.Info<SearchOrdersQueryResponse>());
    }

    private static GatewayHttpResponse Execute<TRequest, TResponse>(
        GatewayHttpRequest http, JsonTypeInfo<TRequest> requestInfo, Func<TRequest, TResponse> handler, JsonTypeInfo<TResponse> responseInfo)
        where TRequest : class =>
        TryRead(http, requestInfo, out var request, out var problem) ? Json(handler(request), responseInfo) : problem;

    /// <summary>Reads a JSON body like ASP.NET model binding: an empty or malformed body is a 400 ProblemDetails.</summary>
    private static bool TryRead<TRequest>(GatewayHttpRequest http, JsonTypeInfo<TRequest> info, out TRequest request, out GatewayHttpResponse problem)
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
            if (JsonSerializer.Deserialize(http.Body.Span, info) is { } parsed)
            {
                request = parsed;
                return true;
            }
            problem = Problem(http.Path, "The request body must be a JSON object.", new Dictionary<string, string[]> { ["request"] = ["The request field is required."] });
        }
        catch (JsonException e)
        {
            // Only the JSON path: the body itself may hold an API key.
            var at = e.Path ?? "$";
            problem = Problem(http.Path, $"The request body is not valid JSON for {typeof(TRequest).Name}.",
                new Dictionary<string, string[]> { [at] = [$"The JSON value could not be converted to {typeof(TRequest).Name}. Path: {at}."] });
        }
        return false;
    }

    private static GatewayHttpResponse Json<TResponse>(TResponse response, JsonTypeInfo<TResponse> info) =>
        new(200, JsonContentType, JsonSerializer.SerializeToUtf8Bytes(response, info), NoHeaders);

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
