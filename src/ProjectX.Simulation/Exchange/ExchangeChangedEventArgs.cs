using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Exchange;

/// <summary>What happened to the entity of a change.</summary>
public enum ChangeKind
{
    /// <summary>Created: a new order, a position opened (or reopened through zero with a new id), a trade.</summary>
    Added,
    Updated,
    /// <summary>A position closed (size 0).</summary>
    Removed,
}

/// <summary>
/// A change the user hub will publish (GatewayUserOrder/Position/Trade/Account). Raised after the
/// exchange lock is released, in the order the changes happened.
/// </summary>
public sealed class ExchangeChangedEventArgs<TModel>(string userName, TModel model, ChangeKind kind = ChangeKind.Updated) : EventArgs
{
    /// <summary>The owner of the account the change belongs to.</summary>
    public string UserName { get; } = userName;
    /// <summary>A snapshot of the changed entity. A position with <c>size</c> 0 has just been closed.</summary>
    public TModel Model { get; } = model;
    public ChangeKind Kind { get; } = kind;
}

/// <summary>
/// Changes recorded under the exchange lock, as snapshots, and raised after it is released, in order. Each
/// subscriber call is isolated: one that throws is counted and the others still run.
/// </summary>
internal sealed class ChangeFeed(object sender, SimulatorDiagnostics diagnostics)
{
    private readonly List<Action> _pending = [];

    public event EventHandler<ExchangeChangedEventArgs<OrderModel>>? OrderChanged;
    public event EventHandler<ExchangeChangedEventArgs<PositionModel>>? PositionChanged;
    public event EventHandler<ExchangeChangedEventArgs<HalfTradeModel>>? TradeCreated;
    public event EventHandler<ExchangeChangedEventArgs<TradingAccountModel>>? AccountChanged;

    public void Order(SimOrder order, ChangeKind kind = ChangeKind.Updated)
    {
        var change = new ExchangeChangedEventArgs<OrderModel>(order.Account.Owner, order.ToModel(), kind);
        _pending.Add(() => OrderChanged?.Invoke(sender, change));
    }

    public void Position(AccountState account, PositionState position, ChangeKind kind)
    {
        var change = new ExchangeChangedEventArgs<PositionModel>(account.Owner, position.ToModel(), kind);
        _pending.Add(() => PositionChanged?.Invoke(sender, change));
    }

    public void Trade(AccountState account, HalfTradeModel trade)
    {
        var change = new ExchangeChangedEventArgs<HalfTradeModel>(account.Owner, trade, ChangeKind.Added);
        _pending.Add(() => TradeCreated?.Invoke(sender, change));
    }

    public void Account(AccountState account)
    {
        var change = new ExchangeChangedEventArgs<TradingAccountModel>(account.Owner, account.ToModel());
        _pending.Add(() => AccountChanged?.Invoke(sender, change));
    }

    /// <summary>Takes what was recorded (under the lock). Called even when the operation threw: those changes happened.</summary>
    public Action[] Take()
    {
        if (_pending.Count == 0) return [];
        Action[] taken = [.. _pending];
        _pending.Clear();
        return taken;
    }

    /// <summary>Raises taken changes (outside the lock).</summary>
    public void Raise(Action[] changes)
    {
        foreach (var raise in changes)
        {
            try
            {
                raise();
            }
#pragma warning disable CA1031 // A subscriber's failure must not fail the request that made the change, nor hide later changes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                diagnostics.NotificationFault(e);
            }
        }
    }
}
