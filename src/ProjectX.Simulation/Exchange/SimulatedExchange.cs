using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// The exchange behind the simulated gateway, and its one lock. Time only moves when someone asks: every operation
/// first advances matching to <see cref="TimeProvider.GetUtcNow"/>, then runs, then the changes it made are raised
/// after the lock is released. The work is done by parts with one job each: <see cref="OrderEntry"/> (checks and
/// creates orders), <see cref="MatchingEngine"/> (fills), <see cref="Ledger"/> (accounts, positions, trades) and
/// <see cref="ExchangeQueries"/> (reads). Every method takes the calling user so users never see each other's
/// accounts; the answers are the wire responses of spec §4, so the gateway only has to serialize them. Market
/// history (bars) never takes the lock: it depends only on the seeded market.
/// </summary>
public sealed class SimulatedExchange
{
    /// <summary>The lowest order id. Above int32 on purpose, like live ids (spec §2); a run starts at <see cref="FirstIdAt"/>.</summary>
    public const long FirstOrderId = 2_600_000_000;
    /// <summary>The lowest trade id. Above int32 on purpose, like live ids; a run starts at <see cref="FirstIdAt"/>.</summary>
    public const long FirstTradeId = 2_200_000_000;
    /// <summary>How far a run's first ids move per second of the clock at its start (see <see cref="FirstIdAt"/>).</summary>
    public const long IdsPerSecond = 10;
    private static readonly DateTimeOffset IdEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    /// <summary>First position id (int32 range, as in the Swagger).</summary>
    public const long FirstPositionId = 400_000_000;
    /// <summary>Server cap on an Order/v2/query page (observed live).</summary>
    public const int MaxQueryPageSize = ExchangeQueries.MaxQueryPageSize;
    /// <summary>Contract/search returns at most this many contracts.</summary>
    public const int MaxContractSearchResults = 20;

    private readonly object _gate = new();
    private readonly ChangeFeed _changes;
    private readonly Ledger _ledger;
    private readonly MatchingEngine _matching;
    private readonly FirmRuleEnforcer _firmRules;
    private readonly OrderEntry _entry;
    private readonly ExchangeQueries _queries;
    private readonly MarketHours _hours;

    public SimulatedExchange(IContractCatalog catalog, IMarketData market, SimulatorOptions options, TimeProvider time, SimulatorDiagnostics? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Catalog = catalog;
        Market = market;
        Time = time;
        Diagnostics = diagnostics ?? new SimulatorDiagnostics(options.LoggerFactory);
        var limits = options.Limits ?? new SimulatorLimits();
        _changes = new ChangeFeed(this, Diagnostics);
        var started = time.GetUtcNow();
        _ledger = new Ledger(options, catalog, _changes, FirstIdAt(FirstTradeId, started));
        var orders = new OrderStore(limits, FirstIdAt(FirstOrderId, started));
        _hours = new MarketHours(options.MarketHours);
        _matching = new MatchingEngine(orders, _ledger, market, _changes, Diagnostics, time.GetUtcNow(), _hours);
        _firmRules = new FirmRuleEnforcer(orders, _matching, catalog, market, _changes, Diagnostics);
        _matching.FillObserver = _firmRules;
        _entry = new OrderEntry(orders, _ledger, _matching, _firmRules, catalog, market, _changes, limits, _hours);
        _queries = new ExchangeQueries(orders, _ledger);
    }

    /// <summary>
    /// The first order or trade id of an exchange started at <paramref name="startedAt"/>. A live gateway never reuses
    /// an id, and journals and caches key fills and orders by it; a simulator restarted (each Connect-ProjectX
    /// -Simulator is a fresh one) that began at the same id again would have its new trades taken for the old run's.
    /// So each run starts <see cref="IdsPerSecond"/> ids per second later: runs never overlap unless one made more
    /// than that many per second it ran. Ids stay ten digits, like live ones, until about 2049.
    /// </summary>
    public static long FirstIdAt(long lowest, DateTimeOffset startedAt) =>
        lowest + (Math.Max(0, (long)(startedAt - IdEpoch).TotalSeconds) * IdsPerSecond);

    public IContractCatalog Catalog { get; }
    public IMarketData Market { get; }
    public TimeProvider Time { get; }
    /// <summary>Faults the engine survived (orders it had to reject, notifications that threw).</summary>
    public SimulatorDiagnostics Diagnostics { get; }

    /// <summary>An order was created or changed (GatewayUserOrder).</summary>
    public event EventHandler<ExchangeChangedEventArgs<OrderModel>>? OrderChanged
    {
        add => _changes.OrderChanged += value;
        remove => _changes.OrderChanged -= value;
    }

    /// <summary>A position was opened, changed or closed (size 0) (GatewayUserPosition).</summary>
    public event EventHandler<ExchangeChangedEventArgs<PositionModel>>? PositionChanged
    {
        add => _changes.PositionChanged += value;
        remove => _changes.PositionChanged -= value;
    }

    /// <summary>A fill happened (GatewayUserTrade).</summary>
    public event EventHandler<ExchangeChangedEventArgs<HalfTradeModel>>? TradeCreated
    {
        add => _changes.TradeCreated += value;
        remove => _changes.TradeCreated -= value;
    }

    /// <summary>An account's balance changed (GatewayUserAccount).</summary>
    public event EventHandler<ExchangeChangedEventArgs<TradingAccountModel>>? AccountChanged
    {
        add => _changes.AccountChanged += value;
        remove => _changes.AccountChanged -= value;
    }

    /// <summary>When the market trades (<see cref="SimulatorOptions.MarketHours"/>).</summary>
    public SimulatorMarketHours MarketHours => _hours.Mode;

    /// <summary>True when <paramref name="contractId"/> trades at <paramref name="at"/> (always, unless the CME hours are on).</summary>
    public bool IsMarketOpen(string contractId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        return _hours.IsOpen(contractId, at);
    }

    /// <summary>Matches working orders up to now. A hub calls this on a timer so fills happen without requests.</summary>
    public void AdvanceToNow() => Run(_ => 0);

    // ---- Order/place, Order/modify, Order/cancel, Position/closeContract, Position/partialCloseContract ----

    public PlaceOrderResponse PlaceOrder(string userName, PlaceOrderRequest request) => Run(request, now => _entry.Place(userName, request, now));

    public ModifyOrderResponse ModifyOrder(string userName, ModifyOrderRequest request) => Run(request, now => _entry.Modify(userName, request, now));

    public CancelOrderResponse CancelOrder(string userName, CancelOrderRequest request) => Run(request, now => _entry.Cancel(userName, request, now));

    public ClosePositionResponse ClosePosition(string userName, CloseContractPositionRequest request) => Run(request, now => _entry.Close(userName, request, now));

    public PartialClosePositionResponse PartialClosePosition(string userName, PartialCloseContractPositionRequest request) => Run(request, now => _entry.PartialClose(userName, request, now));

    // ---- Reads (spec §4) ----

    public SearchAccountResponse SearchAccounts(string userName, SearchAccountRequest request) => Run(request, _ => _queries.SearchAccounts(userName, request));

    public SearchOrderResponse SearchOrders(string userName, SearchOrderRequest request) => Run(request, _ => _queries.SearchOrders(userName, request));

    public SearchOrderResponse SearchOpenOrders(string userName, SearchOpenOrderRequest request) => Run(request, _ => _queries.SearchOpenOrders(userName, request));

    public SearchOrderByIdResponse SearchOrderById(string userName, SearchOrderByIdRequest request) => Run(request, _ => _queries.SearchOrderById(userName, request));

    /// <summary>Order/v2/query (see <see cref="ExchangeQueries.QueryOrders"/>). The gateway answers a missing filter with HTTP 400 before this is called.</summary>
    public SearchOrdersQueryResponse QueryOrders(string userName, SearchOrdersQueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Filter ?? throw new ArgumentException("The filter is required.", nameof(request));
        return Run(_ => _queries.QueryOrders(userName, request, filter));
    }

    public SearchPositionResponse SearchPositions(string userName, SearchPositionRequest request) => Run(request, _ => _queries.SearchPositions(userName, request));

    public SearchHalfTradeResponse SearchTrades(string userName, SearchTradeRequest request) => Run(request, _ => _queries.SearchTrades(userName, request));

    // The catalogue and the market are pure functions of (seed, time): no lock, and so no user waits on another's history.

    public SearchContractResponse SearchContracts(SearchContractRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The live flag is accepted and ignored: the simulator has one data feed.
        return new SearchContractResponse { Success = true, Contracts = Catalog.Search(request.SearchText, Time.GetUtcNow(), MaxContractSearchResults) };
    }

    public SearchContractByIdResponse SearchContractById(SearchContractByIdRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrEmpty(request.ContractId) || Catalog.FindById(request.ContractId, Time.GetUtcNow()) is not { } contract
            ? new SearchContractByIdResponse { Success = false, ErrorCode = SearchContractByIdErrorCode.ContractNotFound }
            : new SearchContractByIdResponse { Success = true, Contract = contract };
    }

    public ListAvailableContractResponse AvailableContracts(ListAvailableContractRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ListAvailableContractResponse { Success = true, Contracts = Catalog.Available(Time.GetUtcNow()) };
    }

    /// <summary>History/retrieveBars, outside the lock: the heaviest read there is must not hold up anyone's orders.</summary>
    public RetrieveBarResponse RetrieveBars(RetrieveBarRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Market.RetrieveBars(request, Time.GetUtcNow());
    }

    // ---- Inspection for tests and the hubs (not part of the wire) ----

    /// <summary>The user owning an account, or null if no such account exists.</summary>
    public string? GetAccountOwner(int accountId)
    {
        lock (_gate) return _ledger.Get(accountId)?.Owner;
    }

    /// <summary>
    /// Test control: fills <paramref name="quantity"/> contracts of a working order at the touch and leaves the rest
    /// working (a partial fill; the matching engine fills whole orders). Returns the order, or null when it is not
    /// working or the quantity is not less than what is left.
    /// </summary>
    public OrderModel? FillPart(long orderId, int quantity) => Run(now => _matching.FillPart(orderId, quantity, now)?.ToModel());

    /// <summary>An account as Account/search would show it, or null.</summary>
    public TradingAccountModel? GetAccount(int accountId) => Run(_ => _queries.Account(accountId));

    /// <summary>Any retained order by id, whatever its account, or null.</summary>
    public OrderModel? GetOrder(long orderId) => Run(_ => _queries.Order(orderId));

    /// <summary>All retained orders of an account in creation order, including Rejected and Suspended ones.</summary>
    public IReadOnlyList<OrderModel> GetOrders(int accountId) => Run(_ => _queries.Orders(accountId));

    /// <summary>Open (non-flat) positions of an account.</summary>
    public IReadOnlyList<PositionModel> GetPositions(int accountId) => Run(_ => _queries.Positions(accountId));

    /// <summary>All retained trades of an account in fill order.</summary>
    public IReadOnlyList<HalfTradeModel> GetTrades(int accountId) => Run(_ => _queries.Trades(accountId));

    /// <summary>Checks the request, then runs the operation (<see cref="Run{T}(Func{DateTimeOffset, T})"/>).</summary>
    private T Run<TRequest, T>(TRequest request, Func<DateTimeOffset, T> operation) where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(operation);
    }

    /// <summary>
    /// Runs one operation under the lock after advancing to now, then raises its changes. The changes are taken even
    /// when the operation throws (they happened), so none is left behind to surface on someone else's request.
    /// </summary>
    private T Run<T>(Func<DateTimeOffset, T> operation)
    {
        Action[] changes = [];
        try
        {
            lock (_gate)
            {
                try
                {
                    var now = Time.GetUtcNow();
                    _matching.AdvanceTo(now);
                    _firmRules.AdvanceTo(now);
                    return operation(now);
                }
                finally
                {
                    changes = _changes.Take();
                }
            }
        }
        finally
        {
            _changes.Raise(changes);
        }
    }
}
