using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

public class QueryTests
{
    // Paging needs more resting orders than the default limits allow one account.
    private readonly ExchangeHarness _h = new(new SimulatorOptions
    {
        Limits = { MaxPositionPerContract = 1000, MaxPositionPerAccount = 1000, MaxWorkingOrdersPerAccount = 1000 },
    });

    private SearchOrdersQueryResponse Query(int? pageSize = null, int? pageOffset = null, OrderSortField? sortBy = null,
        SortDirection? direction = null, bool? total = null, IReadOnlyList<OrderStatus>? statuses = null, string? contractId = null,
        DateTimeOffset? after = null, DateTimeOffset? before = null) =>
        _h.Exchange.QueryOrders(ExchangeHarness.User, new SearchOrdersQueryRequest
        {
            Filter = new GatewayOrderFilter { AccountId = ExchangeHarness.Account, Statuses = statuses, ContractId = contractId, CreatedAfter = after, CreatedBefore = before },
            PageSize = pageSize,
            PageOffset = pageOffset,
            SortBy = sortBy,
            SortDirection = direction,
            IncludeTotalCount = total,
        });

    private List<long> PlaceLimits(int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(_h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19000m));
            _h.Time.Advance(TimeSpan.FromMilliseconds(10));
        }
        return ids;
    }

    [Fact]
    public void V2_query_pages_by_row_offset_caps_pages_at_100_and_counts_all()
    {
        var ids = PlaceLimits(130);

        var first = Query(pageSize: 500, total: true);
        Assert.Equal(100, first.Orders!.Count);
        Assert.Equal(130, first.TotalCount);
        Assert.Equal(ids.Take(100), first.Orders.Select(o => o.Id));

        var rows = Query(pageSize: 10, pageOffset: 25);
        Assert.Equal(ids.Skip(25).Take(10), rows.Orders!.Select(o => o.Id)); // offset counts rows, not pages
        Assert.Null(rows.TotalCount);

        var tail = Query(pageSize: 50, pageOffset: 120, total: true);
        Assert.Equal(10, tail.Orders!.Count);
        Assert.Equal(130, tail.TotalCount);
    }

    [Fact]
    public void V2_query_sorts_filters_by_status_and_time_and_ignores_contract_id()
    {
        var ids = PlaceLimits(5);
        _h.Exchange.CancelOrder(ExchangeHarness.User, new CancelOrderRequest { AccountId = ExchangeHarness.Account, OrderId = ids[1] });

        Assert.Equal(ids.AsEnumerable().Reverse(), Query(sortBy: OrderSortField.Id, direction: SortDirection.Desc).Orders!.Select(o => o.Id));
        Assert.Equal([ids[1]], Query(statuses: [OrderStatus.Cancelled]).Orders!.Select(o => o.Id));
        var created = _h.Order(ids[2]).CreationTimestamp;
        Assert.Equal([ids[2], ids[3]], Query(after: created, before: created.AddMilliseconds(15)).Orders!.Select(o => o.Id));
        // Live behaviour (spec §4.7b): filter.contractId does not filter.
        Assert.Equal(5, Query(contractId: "CON.F.US.EP.Z26", total: true).TotalCount);
    }

    [Fact]
    public void V2_query_for_an_unknown_account_is_AccountNotFound()
    {
        var response = _h.Exchange.QueryOrders(ExchangeHarness.User, new SearchOrdersQueryRequest { Filter = new GatewayOrderFilter { AccountId = 2001 } });
        Assert.Equal(SearchOrderErrorCode.AccountNotFound, response.ErrorCode);
    }

    [Fact]
    public void Order_search_uses_a_half_open_time_window()
    {
        var ids = PlaceLimits(3);
        var second = _h.Order(ids[1]).CreationTimestamp;
        var response = _h.Exchange.SearchOrders(ExchangeHarness.User, new SearchOrderRequest
        {
            AccountId = ExchangeHarness.Account,
            StartTimestamp = second,
            EndTimestamp = _h.Order(ids[2]).CreationTimestamp,
        });
        Assert.Equal([ids[1]], response.Orders!.Select(o => o.Id));
    }

    [Fact]
    public void Search_by_id_finds_only_the_accounts_own_orders()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19000m);
        Assert.Equal(id, _h.Exchange.SearchOrderById(ExchangeHarness.User, new SearchOrderByIdRequest { AccountId = ExchangeHarness.Account, OrderId = id }).Order!.Id);
        Assert.Equal(SearchOrderByIdErrorCode.OrderNotFound,
            _h.Exchange.SearchOrderById(ExchangeHarness.User, new SearchOrderByIdRequest { AccountId = 1002, OrderId = id }).ErrorCode);
        Assert.Equal(SearchOrderByIdErrorCode.OrderNotFound,
            _h.Exchange.SearchOrderById("trader2", new SearchOrderByIdRequest { AccountId = ExchangeHarness.Account, OrderId = id }).ErrorCode);
    }

    [Fact]
    public void Account_search_shows_only_the_users_accounts_and_hides_inactive_ones_when_asked()
    {
        var active = _h.Exchange.SearchAccounts("DEMO", new SearchAccountRequest { OnlyActiveAccounts = true }).Accounts!;
        var all = _h.Exchange.SearchAccounts("demo", new SearchAccountRequest { OnlyActiveAccounts = false }).Accounts!;
        var other = _h.Exchange.SearchAccounts("trader2", new SearchAccountRequest { OnlyActiveAccounts = false }).Accounts!;

        Assert.Equal([1001, 1002, 1003, 1004, 1005, 1007, 1008, 1009], active.Select(a => a.Id));
        Assert.Equal([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009], all.Select(a => a.Id));
        Assert.Equal([2001], other.Select(a => a.Id));
        Assert.Contains(active, a => !a.Simulated && a.CanTrade);
        Assert.Contains(active, a => !a.CanTrade);
        Assert.False(all.Single(a => a.Id == 1006).IsVisible);
    }

    [Fact]
    public void Trade_search_filters_by_time_and_account()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        var cut = _h.Time.GetUtcNow();
        _h.PlaceOk(OrderType.Market, OrderSide.Ask);

        var later = _h.Exchange.SearchTrades(ExchangeHarness.User, new SearchTradeRequest { AccountId = ExchangeHarness.Account, StartTimestamp = cut });
        Assert.Single(later.Trades!);
        Assert.Equal(SearchTradeErrorCode.AccountNotFound,
            _h.Exchange.SearchTrades(ExchangeHarness.User, new SearchTradeRequest { AccountId = 2001 }).ErrorCode);
    }

    [Fact]
    public void Contract_queries_delegate_to_the_catalogue()
    {
        Assert.Equal(SimulatedExchange.MaxContractSearchResults, _h.Exchange.SearchContracts(new SearchContractRequest { SearchText = "MNQ", Live = true }).Contracts!.Count);
        Assert.Equal(ExchangeHarness.Mnq, _h.Exchange.SearchContractById(new SearchContractByIdRequest { ContractId = ExchangeHarness.Mnq }).Contract!.Id);
        Assert.False(_h.Exchange.SearchContractById(new SearchContractByIdRequest { ContractId = ScriptedMarket.ExpiredMnq }).Contract!.ActiveContract);
        Assert.Equal(SearchContractByIdErrorCode.ContractNotFound, _h.Exchange.SearchContractById(new SearchContractByIdRequest { ContractId = "nope" }).ErrorCode);
        Assert.Single(_h.Exchange.AvailableContracts(new ListAvailableContractRequest()).Contracts!);
    }
}
