using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

// The read operations of spec §4, scoped to the calling user's accounts.
public sealed partial class SimulatedExchange
{
    /// <summary>Server cap on an Order/v2/query page (observed live).</summary>
    public const int MaxQueryPageSize = 100;
    /// <summary>Contract/search returns at most this many contracts.</summary>
    public const int MaxContractSearchResults = 20;

    public SearchAccountResponse SearchAccounts(string userName, SearchAccountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(_ => new SearchAccountResponse
        {
            Success = true,
            Accounts = _accounts.Values
                .Where(a => string.Equals(a.Owner, userName, StringComparison.OrdinalIgnoreCase) && (a.IsActive || !request.OnlyActiveAccounts))
                .OrderBy(a => a.Id)
                .Select(a => a.ToModel())
                .ToList(),
        });
    }

    public SearchContractResponse SearchContracts(SearchContractRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The live flag is accepted and ignored: the simulator has one data feed.
        return Run(now => new SearchContractResponse { Success = true, Contracts = _catalog.Search(request.SearchText, now, MaxContractSearchResults) });
    }

    public SearchContractByIdResponse SearchContractById(SearchContractByIdRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now => string.IsNullOrEmpty(request.ContractId) || _catalog.FindById(request.ContractId, now) is not { } contract
            ? new SearchContractByIdResponse { Success = false, ErrorCode = SearchContractByIdErrorCode.ContractNotFound }
            : new SearchContractByIdResponse { Success = true, Contract = contract });
    }

    public ListAvailableContractResponse AvailableContracts(ListAvailableContractRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now => new ListAvailableContractResponse { Success = true, Contracts = _catalog.Available(now) });
    }

    public RetrieveBarResponse RetrieveBars(RetrieveBarRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now => _market.RetrieveBars(request, now));
    }

    public SearchOrderResponse SearchOrders(string userName, SearchOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(_ => FindAccount(userName, request.AccountId) is not { } account
            ? new SearchOrderResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound }
            : new SearchOrderResponse
            {
                Success = true,
                Orders = account.Orders
                    .Where(o => o.Created >= request.StartTimestamp && (request.EndTimestamp is not { } end || o.Created < end))
                    .Select(o => o.ToModel())
                    .ToList(),
            });
    }

    /// <summary>Open orders only: Suspended bracket children are not included (spec §4.7).</summary>
    public SearchOrderResponse SearchOpenOrders(string userName, SearchOpenOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(_ => FindAccount(userName, request.AccountId) is not { } account
            ? new SearchOrderResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound }
            : new SearchOrderResponse
            {
                Success = true,
                Orders = account.Orders.Where(o => o.Status == OrderStatus.Open).Select(o => o.ToModel()).ToList(),
            });
    }

    public SearchOrderByIdResponse SearchOrderById(string userName, SearchOrderByIdRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(_ => FindAccount(userName, request.AccountId) is not null
                && _orders.TryGetValue(request.OrderId, out var order) && order.AccountId == request.AccountId
            ? new SearchOrderByIdResponse { Success = true, Order = order.ToModel() }
            : new SearchOrderByIdResponse { Success = false, ErrorCode = SearchOrderByIdErrorCode.OrderNotFound });
    }

    /// <summary>
    /// Order/v2/query. <c>pageOffset</c> counts rows; pages are capped at <see cref="MaxQueryPageSize"/>.
    /// Mirrors the live server: <c>filter.contractId</c> is accepted but does NOT filter (spec §4.7b).
    /// <c>createdAfter</c> is inclusive, <c>createdBefore</c> exclusive. The gateway answers a missing
    /// filter with HTTP 400 before this is called.
    /// </summary>
    public SearchOrdersQueryResponse QueryOrders(string userName, SearchOrdersQueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Filter ?? throw new ArgumentException("The filter is required.", nameof(request));
        return Run(_ =>
        {
            if (FindAccount(userName, filter.AccountId) is not { } account)
                return new SearchOrdersQueryResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound };
            IEnumerable<SimOrder> rows = account.Orders;
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
        });
    }

    public SearchPositionResponse SearchPositions(string userName, SearchPositionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(_ => FindAccount(userName, request.AccountId) is not { } account
            ? new SearchPositionResponse { Success = false, ErrorCode = SearchPositionErrorCode.AccountNotFound }
            : new SearchPositionResponse
            {
                Success = true,
                Positions = account.Positions.Values.Where(p => p.SignedSize != 0).OrderBy(p => p.Id).Select(p => p.ToModel()).ToList(),
            });
    }

    public SearchHalfTradeResponse SearchTrades(string userName, SearchTradeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(_ => FindAccount(userName, request.AccountId) is not { } account
            ? new SearchHalfTradeResponse { Success = false, ErrorCode = SearchTradeErrorCode.AccountNotFound }
            : new SearchHalfTradeResponse
            {
                Success = true,
                Trades = account.Trades
                    .Where(t => (request.StartTimestamp is not { } start || t.CreationTimestamp >= start)
                        && (request.EndTimestamp is not { } end || t.CreationTimestamp < end))
                    .ToList(),
            });
    }

    // ---- Inspection for tests and the future hubs (not part of the wire) ----

    /// <summary>The user owning an account, or null if no such account exists.</summary>
    public string? GetAccountOwner(int accountId)
    {
        lock (_gate) return _accounts.TryGetValue(accountId, out var account) ? account.Owner : null;
    }

    /// <summary>An account as Account/search would show it, or null.</summary>
    public TradingAccountModel? GetAccount(int accountId) =>
        Run(_ => _accounts.TryGetValue(accountId, out var account) ? account.ToModel() : null);

    /// <summary>Any order by id, whatever its account, or null.</summary>
    public OrderModel? GetOrder(long orderId) => Run(_ => _orders.TryGetValue(orderId, out var order) ? order.ToModel() : null);

    /// <summary>All orders of an account in creation order, including Rejected and Suspended ones.</summary>
    public IReadOnlyList<OrderModel> GetOrders(int accountId) =>
        Run(_ => _accounts.TryGetValue(accountId, out var account) ? account.Orders.Select(o => o.ToModel()).ToList() : (IReadOnlyList<OrderModel>)[]);

    /// <summary>Open (non-flat) positions of an account.</summary>
    public IReadOnlyList<PositionModel> GetPositions(int accountId) =>
        Run(_ => _accounts.TryGetValue(accountId, out var account)
            ? account.Positions.Values.Where(p => p.SignedSize != 0).Select(p => p.ToModel()).ToList()
            : (IReadOnlyList<PositionModel>)[]);

    /// <summary>All trades of an account in fill order.</summary>
    public IReadOnlyList<HalfTradeModel> GetTrades(int accountId) =>
        Run(_ => _accounts.TryGetValue(accountId, out var account) ? account.Trades.ToList() : (IReadOnlyList<HalfTradeModel>)[]);
}
