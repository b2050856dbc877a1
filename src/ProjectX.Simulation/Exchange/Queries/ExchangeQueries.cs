using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// The read operations of spec §4 over orders, positions, trades and accounts, scoped to the calling user's
/// accounts. They copy bounded, retained state into wire models under the exchange lock; market history (bars) is
/// not here, because it never needs the lock.
/// </summary>
internal sealed class ExchangeQueries(OrderStore orders, Ledger ledger)
{
    /// <summary>Server cap on an Order/v2/query page (observed live).</summary>
    public const int MaxQueryPageSize = 100;

    public SearchAccountResponse SearchAccounts(string userName, SearchAccountRequest request) => new()
    {
        Success = true,
        Accounts = ledger.Accounts
            .Where(a => a.IsOwnedBy(userName) && (a.IsActive || !request.OnlyActiveAccounts))
            .OrderBy(a => a.Id)
            .Select(a => a.ToModel())
            .ToList(),
    };

    public SearchOrderResponse SearchOrders(string userName, SearchOrderRequest request) =>
        ledger.Find(userName, request.AccountId) is not { } account
            ? new SearchOrderResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound }
            : new SearchOrderResponse
            {
                Success = true,
                Orders = orders.OfAccount(account.Id)
                    .Where(o => o.Created >= request.StartTimestamp && (request.EndTimestamp is not { } end || o.Created < end))
                    .Select(o => o.ToModel())
                    .ToList(),
            };

    /// <summary>Open orders only: Suspended bracket legs are not included (spec §4.7).</summary>
    public SearchOrderResponse SearchOpenOrders(string userName, SearchOpenOrderRequest request) =>
        ledger.Find(userName, request.AccountId) is not { } account
            ? new SearchOrderResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound }
            : new SearchOrderResponse
            {
                Success = true,
                Orders = orders.Working.Where(o => o.AccountId == account.Id).OrderBy(o => o.Id).Select(o => o.ToModel()).ToList(),
            };

    public SearchOrderByIdResponse SearchOrderById(string userName, SearchOrderByIdRequest request) =>
        ledger.Find(userName, request.AccountId) is { } account && orders.Find(account, request.OrderId) is { } order
            ? new SearchOrderByIdResponse { Success = true, Order = order.ToModel() }
            : new SearchOrderByIdResponse { Success = false, ErrorCode = SearchOrderByIdErrorCode.OrderNotFound };

    /// <summary>
    /// Order/v2/query. <c>pageOffset</c> counts rows; pages are capped at <see cref="MaxQueryPageSize"/>.
    /// Mirrors the live server: <c>filter.contractId</c> is accepted but does NOT filter (spec §4.7b).
    /// <c>createdAfter</c> is inclusive, <c>createdBefore</c> exclusive.
    /// </summary>
    public SearchOrdersQueryResponse QueryOrders(string userName, SearchOrdersQueryRequest request, GatewayOrderFilter filter)
    {
        if (ledger.Find(userName, filter.AccountId) is not { } account)
            return new SearchOrdersQueryResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound };
        IEnumerable<SimOrder> rows = orders.OfAccount(account.Id);
        if (filter.Statuses is { Count: > 0 } statuses) rows = rows.Where(o => statuses.Contains(o.Status));
        if (filter.CreatedAfter is { } after) rows = rows.Where(o => o.Created >= after);
        if (filter.CreatedBefore is { } before) rows = rows.Where(o => o.Created < before);
        var descending = request.SortDirection == SortDirection.Desc;
        rows = request.SortBy == OrderSortField.Id
            ? (descending ? rows.OrderByDescending(o => o.Id) : rows.OrderBy(o => o.Id))
            : (descending ? rows.OrderByDescending(o => o.Created).ThenByDescending(o => o.Id) : rows.OrderBy(o => o.Created).ThenBy(o => o.Id));
        var matching = rows.ToList();
        var pageSize = request.PageSize is > 0 and var size ? Math.Min(size, MaxQueryPageSize) : MaxQueryPageSize;
        var offset = Math.Max(request.PageOffset ?? 0, 0);
        return new SearchOrdersQueryResponse
        {
            Success = true,
            Orders = matching.Skip(offset).Take(pageSize).Select(o => o.ToModel()).ToList(),
            TotalCount = request.IncludeTotalCount == true ? matching.Count : null,
        };
    }

    public SearchPositionResponse SearchPositions(string userName, SearchPositionRequest request) =>
        ledger.Find(userName, request.AccountId) is not { } account
            ? new SearchPositionResponse { Success = false, ErrorCode = SearchPositionErrorCode.AccountNotFound }
            : new SearchPositionResponse { Success = true, Positions = OpenPositions(account).OrderBy(p => p.Id).Select(p => p.ToModel()).ToList() };

    public SearchHalfTradeResponse SearchTrades(string userName, SearchTradeRequest request) =>
        ledger.Find(userName, request.AccountId) is not { } account
            ? new SearchHalfTradeResponse { Success = false, ErrorCode = SearchTradeErrorCode.AccountNotFound }
            : new SearchHalfTradeResponse
            {
                Success = true,
                Trades = account.Trades
                    .Where(t => (request.StartTimestamp is not { } start || t.CreationTimestamp >= start)
                        && (request.EndTimestamp is not { } end || t.CreationTimestamp < end))
                    .ToList(),
            };

    // ---- Inspection for tests and the hubs (not part of the wire) ----

    public TradingAccountModel? Account(int accountId) => ledger.Get(accountId)?.ToModel();

    public OrderModel? Order(long orderId) => orders.Get(orderId)?.ToModel();

    public IReadOnlyList<OrderModel> Orders(int accountId) => orders.OfAccount(accountId).Select(o => o.ToModel()).ToList();

    public IReadOnlyList<PositionModel> Positions(int accountId) =>
        ledger.Get(accountId) is { } account ? OpenPositions(account).Select(p => p.ToModel()).ToList() : [];

    public IReadOnlyList<HalfTradeModel> Trades(int accountId) => ledger.Get(accountId)?.Trades.ToList() ?? [];

    private static IEnumerable<PositionState> OpenPositions(AccountState account) => account.Positions.Values.Where(p => p.SignedSize != 0);
}
