using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// Every order the exchange knows: by id, per account in creation order with its customTag index, and the working
/// ones (the only ones matching looks at). Past <see cref="SimulatorLimits.OrderHistoryPerAccount"/> the oldest
/// finished orders of an account are forgotten, so a long-running server's memory stays bounded. Only touched
/// under the exchange lock.
/// </summary>
internal sealed class OrderStore(SimulatorLimits limits, long firstId = SimulatedExchange.FirstOrderId)
{
    private readonly Dictionary<long, SimOrder> _byId = [];
    private readonly Dictionary<int, AccountOrders> _byAccount = [];
    private readonly List<SimOrder> _working = [];
    private readonly int _history = Math.Max(1, limits.OrderHistoryPerAccount);
    private long _nextId = firstId;

    /// <summary>Open orders, in id order.</summary>
    public IReadOnlyList<SimOrder> Working => _working;

    public SimOrder Create(AccountState account, ContractSpec spec, OrderType type, OrderSide side, int size, DateTimeOffset now, string? customTag, long? parentOrderId)
    {
        var order = new SimOrder
        {
            Id = _nextId++,
            Account = account,
            Spec = spec,
            Created = now,
            Updated = now,
            ActiveFrom = now,
            Type = type,
            Side = side,
            Size = size,
            CustomTag = customTag,
            ParentOrderId = parentOrderId,
        };
        _byId.Add(order.Id, order);
        var orders = Of(account.Id);
        orders.All.Add(order);
        if (customTag is not null) orders.Tags[customTag] = order;
        if (orders.All.Count > _history) Forget(orders);
        return order;
    }

    public SimOrder? Get(long orderId) => _byId.GetValueOrDefault(orderId);

    /// <summary>The order if it belongs to <paramref name="account"/>.</summary>
    public SimOrder? Find(AccountState account, long orderId) =>
        _byId.TryGetValue(orderId, out var order) && order.AccountId == account.Id ? order : null;

    /// <summary>An account's orders in creation order (the retained ones).</summary>
    public IReadOnlyList<SimOrder> OfAccount(int accountId) => _byAccount.TryGetValue(accountId, out var orders) ? orders.All : [];

    public bool HasTag(int accountId, string customTag) => _byAccount.TryGetValue(accountId, out var orders) && orders.Tags.ContainsKey(customTag);

    public int WorkingCount(int accountId) => _byAccount.TryGetValue(accountId, out var orders) ? orders.Live : 0;

    /// <summary>A bracket leg is created Suspended: live, but not working until its entry fills.</summary>
    public void Suspend(SimOrder order)
    {
        order.Status = OrderStatus.Suspended;
        Of(order.AccountId).Live++;
    }

    /// <summary>An order starts working: new, or a Suspended leg whose entry filled.</summary>
    public void Open(SimOrder order)
    {
        if (order.Status != OrderStatus.Suspended) Of(order.AccountId).Live++;
        order.Status = OrderStatus.Open;
        _working.Add(order);
    }

    /// <summary>An order finishes (filled, cancelled, rejected): it stops working.</summary>
    public void Finish(SimOrder order, OrderStatus status, DateTimeOffset at)
    {
        if (order.IsLive)
        {
            Of(order.AccountId).Live--;
            if (order.Status == OrderStatus.Open) _working.Remove(order);
        }
        order.Status = status;
        order.Updated = at;
    }

    private AccountOrders Of(int accountId)
    {
        if (!_byAccount.TryGetValue(accountId, out var orders))
            _byAccount[accountId] = orders = new AccountOrders();
        return orders;
    }

    /// <summary>Forgets the oldest finished orders, down to nine tenths of the limit (live ones are always kept).</summary>
    private void Forget(AccountOrders orders)
    {
        var excess = orders.All.Count - (_history - (_history / 10));
        orders.All.RemoveAll(order =>
        {
            if (excess <= 0 || order.IsLive) return false;
            excess--;
            _byId.Remove(order.Id);
            if (order.CustomTag is { } tag && orders.Tags.TryGetValue(tag, out var tagged) && ReferenceEquals(tagged, order))
                orders.Tags.Remove(tag);
            return true;
        });
    }

    private sealed class AccountOrders
    {
        public List<SimOrder> All { get; } = [];
        public Dictionary<string, SimOrder> Tags { get; } = new(StringComparer.Ordinal);
        /// <summary>Open and Suspended orders.</summary>
        public int Live { get; set; }
    }
}
