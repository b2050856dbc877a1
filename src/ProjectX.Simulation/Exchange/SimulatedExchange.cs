using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// The matching engine behind the simulated gateway: accounts, orders, brackets, positions and fills.
/// Thread-safe (one lock). Time only moves when someone asks: every operation first advances the book
/// to <see cref="TimeProvider.GetUtcNow"/>, matching working orders against each second of the market
/// path since the previous advance. Every method takes the calling user so users never see each other's
/// accounts; the answers are the wire responses of spec §4, so the gateway only has to serialize them.
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <summary>First order id. Above int32 on purpose, like live ids (spec §2).</summary>
    public const long FirstOrderId = 2_600_000_000;
    /// <summary>First trade id. Above int32 on purpose, like live ids.</summary>
    public const long FirstTradeId = 2_200_000_000;
    /// <summary>First position id (int32 range, as in the Swagger).</summary>
    public const long FirstPositionId = 400_000_000;

    private readonly object _gate = new();
    private readonly IContractCatalog _catalog;
    private readonly IMarketData _market;
    private readonly TimeProvider _time;
    private readonly Dictionary<int, AccountState> _accounts = [];
    private readonly Dictionary<long, SimOrder> _orders = [];
    private readonly Dictionary<string, ContractSpec> _specs = new(StringComparer.Ordinal);
    /// <summary>Open orders, in id order: the only ones the matcher looks at.</summary>
    private readonly List<SimOrder> _working = [];
    /// <summary>Change notifications collected under the lock and raised after it is released.</summary>
    private readonly List<Action> _notifications = [];
    private DateTimeOffset _lastAdvance;
    private long _nextOrderId = FirstOrderId;
    private long _nextTradeId = FirstTradeId;
    private long _nextPositionId = FirstPositionId;

    public SimulatedExchange(IContractCatalog catalog, IMarketData market, SimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _catalog = catalog;
        _market = market;
        _time = time;
        foreach (var user in options.Users)
        {
            foreach (var account in user.Accounts)
            {
                if (!_accounts.TryAdd(account.Id, new AccountState(user.UserName, account)))
                    throw new ArgumentException($"Account id {account.Id} is configured twice.", nameof(options));
            }
        }
        _lastAdvance = time.GetUtcNow();
    }

    public IContractCatalog Catalog => _catalog;
    public IMarketData Market => _market;
    public TimeProvider Time => _time;

    /// <summary>An order was created or changed (GatewayUserOrder).</summary>
    public event EventHandler<ExchangeChangedEventArgs<OrderModel>>? OrderChanged;
    /// <summary>A position was opened, changed or closed (size 0) (GatewayUserPosition).</summary>
    public event EventHandler<ExchangeChangedEventArgs<PositionModel>>? PositionChanged;
    /// <summary>A fill happened (GatewayUserTrade).</summary>
    public event EventHandler<ExchangeChangedEventArgs<HalfTradeModel>>? TradeCreated;
    /// <summary>An account's balance changed (GatewayUserAccount).</summary>
    public event EventHandler<ExchangeChangedEventArgs<TradingAccountModel>>? AccountChanged;

    /// <summary>Matches working orders up to now. A hub calls this on a timer so fills happen without requests.</summary>
    public void AdvanceToNow() => Run(_ => 0);

    /// <summary>Runs one operation under the lock after advancing to now, then raises its notifications.</summary>
    private T Run<T>(Func<DateTimeOffset, T> operation)
    {
        T result;
        Action[] notifications;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceTo(now);
            result = operation(now);
            notifications = [.. _notifications];
            _notifications.Clear();
        }
        foreach (var notify in notifications)
            notify();
        return result;
    }

    private AccountState? FindAccount(string userName, int accountId) =>
        _accounts.TryGetValue(accountId, out var account) && string.Equals(account.Owner, userName, StringComparison.OrdinalIgnoreCase)
            ? account
            : null;

    private ContractSpec? FindSpec(string? contractId)
    {
        if (string.IsNullOrEmpty(contractId)) return null;
        if (_specs.TryGetValue(contractId, out var spec)) return spec;
        spec = _catalog.GetSpec(contractId);
        if (spec is not null) _specs[contractId] = spec;
        return spec;
    }

    private static bool IsExpired(ContractSpec spec, DateTimeOffset now) => spec.Expiry <= now;

    private void NotifyOrder(SimOrder order)
    {
        var model = order.ToModel();
        var owner = _accounts[order.AccountId].Owner;
        _notifications.Add(() => OrderChanged?.Invoke(this, new(owner, model)));
    }

    private void NotifyPosition(AccountState account, PositionState position)
    {
        var model = position.ToModel();
        _notifications.Add(() => PositionChanged?.Invoke(this, new(account.Owner, model)));
    }

    private void NotifyTrade(AccountState account, HalfTradeModel trade) =>
        _notifications.Add(() => TradeCreated?.Invoke(this, new(account.Owner, trade)));

    private void NotifyAccount(AccountState account)
    {
        var model = account.ToModel();
        _notifications.Add(() => AccountChanged?.Invoke(this, new(account.Owner, model)));
    }
}
