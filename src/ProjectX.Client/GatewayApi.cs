using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;
using ProjectX.Client.Http;

namespace ProjectX.Client;

/// <summary>
/// The low-level Gateway: one method per REST operation (all 21), typed request in, typed response out.
/// A <c>success: false</c> envelope throws the typed <see cref="ProjectXException"/> for that endpoint's error
/// code. Reads retry transient faults; money-moving calls are sent exactly once. Every placement carries a
/// unique <c>customTag</c>: when the request has none, one is generated.
/// </summary>
public sealed class GatewayApi
{
    private readonly GatewayTransport _transport;
    private static GatewayJsonContext Json => GatewayJsonContext.Default;

    internal GatewayApi(GatewayTransport transport) => _transport = transport;

    // ---- Auth and status (session calls) ----

    /// <summary>Auth/loginKey. Returns the response (with its token) without changing this client's session.</summary>
    public Task<LoginResponse> LoginKeyAsync(LoginApiKeyRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.LoginKey, Required(request), Json.LoginApiKeyRequest, Json.LoginResponse, cancellationToken);

    /// <summary>Auth/loginApp (withdrawn from the docs; kept for completeness).</summary>
    public Task<LoginResponse> LoginAppAsync(LoginAppRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.LoginApp, Required(request), Json.LoginAppRequest, Json.LoginResponse, cancellationToken);

    /// <summary>Auth/validate with this client's token; the returned <c>newToken</c> becomes the client's token.</summary>
    public async Task<ValidateResponse> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var token = await _transport.Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await _transport.SendWithoutBodyAsync(GatewayOperation.Validate, Json.ValidateResponse, cancellationToken, token).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(response.NewToken))
            _transport.Tokens.Adopt(response.NewToken);
        return response;
    }

    /// <summary>Auth/logout of this client's session; the next call logs in again.</summary>
    public async Task<LogoutResponse> LogoutAsync(CancellationToken cancellationToken = default)
    {
        var token = _transport.Tokens.CurrentToken
            ?? throw new ProjectXAuthenticationException("Not logged in: there is no session to log out of.") { Operation = GatewayOperation.Logout.Name };
        var response = await _transport.SendWithoutBodyAsync(GatewayOperation.Logout, Json.LogoutResponse, cancellationToken, token).ConfigureAwait(false);
        _transport.Tokens.Clear();
        return response;
    }

    /// <summary>GET Status/ping; returns the body ("pong").</summary>
    public Task<string> PingAsync(CancellationToken cancellationToken = default) => _transport.PingAsync(cancellationToken);

    // ---- Reads ----

    public Task<SearchAccountResponse> SearchAccountsAsync(SearchAccountRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchAccounts, Required(request), Json.SearchAccountRequest, Json.SearchAccountResponse, cancellationToken);

    public Task<SearchContractResponse> SearchContractsAsync(SearchContractRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchContracts, Required(request), Json.SearchContractRequest, Json.SearchContractResponse, cancellationToken);

    public Task<SearchContractByIdResponse> SearchContractByIdAsync(SearchContractByIdRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchContractById, Required(request), Json.SearchContractByIdRequest, Json.SearchContractByIdResponse, cancellationToken);

    public Task<ListAvailableContractResponse> AvailableContractsAsync(ListAvailableContractRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.AvailableContracts, Required(request), Json.ListAvailableContractRequest, Json.ListAvailableContractResponse, cancellationToken);

    /// <summary>
    /// History/retrieveBars: newest first, at most 20,000 bars. Takes a permit from both rate-limit buckets. The bars
    /// are read by a hand-written reader straight into the models (a large response is the client's biggest read).
    /// </summary>
    public Task<RetrieveBarResponse> RetrieveBarsAsync(RetrieveBarRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.RetrieveBars, Required(request), Json.RetrieveBarRequest, GatewayReadJson.RetrieveBarResponse, cancellationToken);

    public Task<SearchOrderResponse> SearchOrdersAsync(SearchOrderRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchOrders, Required(request), Json.SearchOrderRequest, Json.SearchOrderResponse, cancellationToken);

    /// <summary>Order/searchOpen: Open orders only (Suspended bracket legs are not included; use <see cref="QueryOrdersAsync"/>).</summary>
    public Task<SearchOrderResponse> SearchOpenOrdersAsync(SearchOpenOrderRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchOpenOrders, Required(request), Json.SearchOpenOrderRequest, Json.SearchOrderResponse, cancellationToken);

    public Task<SearchOrderByIdResponse> SearchOrderByIdAsync(SearchOrderByIdRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchOrderById, Required(request), Json.SearchOrderByIdRequest, Json.SearchOrderByIdResponse, cancellationToken);

    /// <summary>Order/v2/query: one page. <c>pageOffset</c> counts rows; the server caps a page at 100 rows.</summary>
    public Task<SearchOrdersQueryResponse> QueryOrdersAsync(SearchOrdersQueryRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.QueryOrders, Required(request), Json.SearchOrdersQueryRequest, Json.SearchOrdersQueryResponse, cancellationToken);

    public Task<SearchPositionResponse> SearchPositionsAsync(SearchPositionRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchPositions, Required(request), Json.SearchPositionRequest, Json.SearchPositionResponse, cancellationToken);

    public Task<SearchHalfTradeResponse> SearchTradesAsync(SearchTradeRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.SearchTrades, Required(request), Json.SearchTradeRequest, Json.SearchHalfTradeResponse, cancellationToken);

    // ---- Mutations (sent exactly once) ----

    /// <summary>
    /// Order/place, sent once. A request without a <c>customTag</c> gets a generated one, so a lost response
    /// (<see cref="ProjectXAmbiguousOutcomeException"/>) can always be reconciled.
    /// </summary>
    public Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var tagged = string.IsNullOrEmpty(request.CustomTag) ? WithTag(request, CustomTags.New()) : request;
        return _transport.SendAsync(GatewayOperation.PlaceOrder, tagged, Json.PlaceOrderRequest, Json.PlaceOrderResponse, cancellationToken, tagged.CustomTag);
    }

    public Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.CancelOrder, Required(request), Json.CancelOrderRequest, Json.CancelOrderResponse, cancellationToken);

    public Task<ModifyOrderResponse> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.ModifyOrder, Required(request), Json.ModifyOrderRequest, Json.ModifyOrderResponse, cancellationToken);

    public Task<ClosePositionResponse> ClosePositionAsync(CloseContractPositionRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.ClosePosition, Required(request), Json.CloseContractPositionRequest, Json.ClosePositionResponse, cancellationToken);

    public Task<PartialClosePositionResponse> PartialClosePositionAsync(PartialCloseContractPositionRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(GatewayOperation.PartialClosePosition, Required(request), Json.PartialCloseContractPositionRequest, Json.PartialClosePositionResponse, cancellationToken);

    private static T Required<T>(T request) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request;
    }

    private static PlaceOrderRequest WithTag(PlaceOrderRequest r, string tag) => new()
    {
        AccountId = r.AccountId, ContractId = r.ContractId, Type = r.Type, Side = r.Side, Size = r.Size,
        LimitPrice = r.LimitPrice, StopPrice = r.StopPrice, TrailPrice = r.TrailPrice, CustomTag = tag,
        StopLossBracket = r.StopLossBracket, TakeProfitBracket = r.TakeProfitBracket,
    };
}
