using ProjectX.Client.Gateway;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>How far back <see cref="ReconcileOrderAsync"/> looks when not told.</summary>
    public static readonly TimeSpan DefaultReconcileWindow = TimeSpan.FromDays(1);

    /// <summary>Order/search: orders created in [start, end] (every status).</summary>
    public async Task<IReadOnlyList<OrderModel>> SearchOrdersAsync(DateTimeOffset start, DateTimeOffset? end = null, int? accountId = null, CancellationToken cancellationToken = default)
    {
        if (end is { } e && e <= start)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: start {start:O} is not before end {e:O}.", nameof(end));
        var response = await Gateway.SearchOrdersAsync(new SearchOrderRequest
        {
            AccountId = ResolveAccountId(accountId),
            StartTimestamp = start,
            EndTimestamp = end,
        }, cancellationToken).ConfigureAwait(false);
        return response.Orders ?? [];
    }

    /// <summary>
    /// Every working order of the account, Suspended bracket legs included (<see cref="OrderStatusExtensions.IsWorking"/>):
    /// Order/v2/query, or Order/searchOpen where the gateway lacks that 2026 addition (it misses only Suspended legs).
    /// </summary>
    public async Task<IReadOnlyList<OrderModel>> GetWorkingOrdersAsync(int? accountId = null, CancellationToken cancellationToken = default)
    {
        var account = ResolveAccountId(accountId);
        try
        {
            return await QueryOrdersAsync(new OrderQuery { AccountId = account, Statuses = OrderStatusExtensions.WorkingStatuses, MaxResults = MaxWorkingOrders }, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException e) when (e is not (ProjectXAuthenticationException or ProjectXRateLimitedException))
        {
            return [.. (await GetOpenOrdersAsync(account, cancellationToken).ConfigureAwait(false)).Where(o => o.Status.IsWorking())];
        }
    }

    /// <summary>More working orders than any account holds; a bound on the pages <see cref="GetWorkingOrdersAsync"/> reads.</summary>
    private const int MaxWorkingOrders = 10_000;

    /// <summary>Order/searchOpen: working orders (not Suspended bracket legs; see <see cref="GetWorkingOrdersAsync"/>).</summary>
    public async Task<IReadOnlyList<OrderModel>> GetOpenOrdersAsync(int? accountId = null, CancellationToken cancellationToken = default)
    {
        var response = await Gateway.SearchOpenOrdersAsync(new SearchOpenOrderRequest { AccountId = ResolveAccountId(accountId) }, cancellationToken).ConfigureAwait(false);
        return response.Orders ?? [];
    }

    /// <summary>Order/searchById. <see cref="ProjectXNotFoundException"/> (ResourceKind "Order") when there is no such order.</summary>
    public async Task<OrderModel> GetOrderAsync(long orderId, int? accountId = null, CancellationToken cancellationToken = default)
    {
        var response = await Gateway.SearchOrderByIdAsync(new SearchOrderByIdRequest { AccountId = ResolveAccountId(accountId), OrderId = orderId }, cancellationToken).ConfigureAwait(false);
        return response.Order ?? throw new ProjectXNotFoundException($"Order {orderId} was not found on account {ResolveAccountId(accountId)}.", "Order", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        { Operation = "Order/searchById" };
    }

    /// <summary>Order/v2/query, every page (row offsets, ≤ 100 rows each), filtered by contract on the client.</summary>
    public async Task<IReadOnlyList<OrderModel>> QueryOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > OrderQuery.MaxPageSize)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"PageSize must be between 1 and {OrderQuery.MaxPageSize} (got {query.PageSize}).", nameof(query.PageSize));
        if (query.MaxResults is <= 0)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"MaxResults must be at least 1 (got {query.MaxResults}).", nameof(query.MaxResults));
        if (query.CreatedAfter is { } after && query.CreatedBefore is { } before && before <= after)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: CreatedAfter {after:O} is not before CreatedBefore {before:O}.", nameof(query.CreatedBefore));

        var filter = new GatewayOrderFilter
        {
            AccountId = ResolveAccountId(query.AccountId),
            Statuses = query.Statuses,
            ContractId = query.ContractId,
            CreatedAfter = query.CreatedAfter,
            CreatedBefore = query.CreatedBefore,
        };
        var results = new List<OrderModel>();
        var offset = 0;
        while (true)
        {
            var page = await Gateway.QueryOrdersAsync(new SearchOrdersQueryRequest
            {
                Filter = filter,
                PageSize = query.PageSize,
                PageOffset = offset, // rows, not pages
                SortBy = query.SortBy,
                SortDirection = query.SortDirection,
                IncludeTotalCount = true,
            }, cancellationToken).ConfigureAwait(false);
            var orders = page.Orders ?? [];
            foreach (var order in orders)
            {
                if (query.ContractId is null || string.Equals(order.ContractId, query.ContractId, StringComparison.OrdinalIgnoreCase))
                    results.Add(order);
                if (results.Count >= query.MaxResults)
                    return results;
            }
            offset += orders.Count;
            if (orders.Count < query.PageSize || orders.Count == 0 || (page.TotalCount is { } total && offset >= total))
                return results;
        }
    }

    /// <summary>
    /// The order carrying <paramref name="customTag"/>, or null when none exists: what to call after a
    /// <see cref="ProjectXAmbiguousOutcomeException"/> before placing again. Looks back <paramref name="since"/>
    /// (default one day).
    /// </summary>
    public async Task<OrderModel?> ReconcileOrderAsync(string customTag, int? accountId = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customTag);
        var start = since ?? _options.TimeProvider.GetUtcNow() - DefaultReconcileWindow;
        var orders = await SearchOrdersAsync(start, null, accountId, cancellationToken).ConfigureAwait(false);
        return orders.FirstOrDefault(o => string.Equals(o.CustomTag, customTag, StringComparison.Ordinal));
    }

    /// <summary>Trade/search: fills in [start, end]. <c>ProfitAndLoss</c> is null on opening fills.</summary>
    public async Task<IReadOnlyList<HalfTradeModel>> SearchTradesAsync(DateTimeOffset start, DateTimeOffset? end = null, int? accountId = null, CancellationToken cancellationToken = default)
    {
        if (end is { } e && e <= start)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: start {start:O} is not before end {e:O}.", nameof(end));
        var response = await Gateway.SearchTradesAsync(new SearchTradeRequest
        {
            AccountId = ResolveAccountId(accountId),
            StartTimestamp = start,
            EndTimestamp = end,
        }, cancellationToken).ConfigureAwait(false);
        return response.Trades ?? [];
    }

    /// <summary>Position/searchOpen.</summary>
    public async Task<IReadOnlyList<PositionModel>> GetPositionsAsync(int? accountId = null, CancellationToken cancellationToken = default)
    {
        var response = await Gateway.SearchPositionsAsync(new SearchPositionRequest { AccountId = ResolveAccountId(accountId) }, cancellationToken).ConfigureAwait(false);
        return response.Positions ?? [];
    }
}
