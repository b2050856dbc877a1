namespace ProjectX.PowerShell.Models;

/// <summary>The events Register-PxEvent can subscribe to (each is a .NET event of <see cref="PxEventSource"/>).</summary>
public enum PxEventName
{
    OrderUpdated,
    PositionUpdated,
    TradeExecuted,
    AccountUpdated,
    Quote,
    MarketTrade,
    Depth,
    BarClosed,
    ConnectionStateChanged,
    /// <summary>Events may be missing (a hub reconnected, or the engine fell behind); the connection is re-reading the account.</summary>
    Gap,
    /// <summary>The risk guard: a loss limit is within its warning buffer (once per rule and trading day).</summary>
    RiskWarning,
    /// <summary>The risk guard: a limit was reached; it locked, cancelled the working orders and flattened.</summary>
    RiskBreach,
}

/// <summary>
/// <c>$Event.SourceEventArgs</c> of every ProjectX event: <see cref="EventName"/> says which member is set
/// (<see cref="Order"/> for OrderUpdated, <see cref="Quote"/> for Quote, …). Module types, so scripts get the
/// same objects (and format views) the cmdlets write.
/// </summary>
public sealed class PxEventArgs(PxEventName eventName, DateTimeOffset time) : EventArgs
{
    public PxEventName EventName { get; } = eventName;
    public DateTimeOffset Time { get; } = time;
    public string Symbol { get; init; } = "";
    public string? ContractId { get; init; }
    public PxOrder? Order { get; init; }
    public PxPosition? Position { get; init; }
    public PxTrade? Trade { get; init; }
    public PxAccount? Account { get; init; }
    public PxQuote? Quote { get; init; }
    public PxMarketTrade? MarketTrade { get; init; }
    public PxOrderBook? OrderBook { get; init; }
    public PxBar? Bar { get; init; }
    /// <summary>ConnectionStateChanged and Gap: User or Market (a Gap of the engine's own queue has none).</summary>
    public string? Hub { get; init; }
    public PxHubState? State { get; init; }
    /// <summary>ConnectionStateChanged: why; Gap: Reconnect or Overflow.</summary>
    public string? Reason { get; init; }
    /// <summary>RiskWarning and RiskBreach: the rule, the limit, the figure and what the guard did.</summary>
    public PxRiskEvent? Risk { get; init; }

    public override string ToString() => $"{EventName} {Symbol} {(object?)Order ?? (object?)Position ?? (object?)Trade ?? (object?)Account ?? (object?)Quote ?? (object?)MarketTrade ?? (object?)OrderBook ?? (object?)Bar ?? (object?)Risk ?? $"{Hub} {State}"}".Trim();
}

/// <summary>
/// What Register-PxEvent subscribes to: one per registration, bound to a connection and a symbol filter. Its
/// events are raised on the connection's event task (never on the pipeline thread); PowerShell queues them
/// and runs <c>-Action</c> blocks on the pipeline thread.
/// </summary>
public sealed class PxEventSource
{
    private readonly Internal.EventDispatch _dispatch;

    internal PxEventSource(Internal.EventDispatch dispatch, PxEventName eventName, IReadOnlySet<string>? contractIds, string? symbolText)
    {
        _dispatch = dispatch;
        EventName = eventName;
        ContractIds = contractIds;
        Symbols = symbolText;
    }

    public PxEventName EventName { get; }
    /// <summary>The contracts the events are filtered to; null = every contract.</summary>
    public IReadOnlySet<string>? ContractIds { get; }
    public string? Symbols { get; }

    public event EventHandler<PxEventArgs>? OrderUpdated { add => Attach(PxEventName.OrderUpdated, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? PositionUpdated { add => Attach(PxEventName.PositionUpdated, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? TradeExecuted { add => Attach(PxEventName.TradeExecuted, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? AccountUpdated { add => Attach(PxEventName.AccountUpdated, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? Quote { add => Attach(PxEventName.Quote, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? MarketTrade { add => Attach(PxEventName.MarketTrade, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? Depth { add => Attach(PxEventName.Depth, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? BarClosed { add => Attach(PxEventName.BarClosed, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? ConnectionStateChanged { add => Attach(PxEventName.ConnectionStateChanged, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? Gap { add => Attach(PxEventName.Gap, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? RiskWarning { add => Attach(PxEventName.RiskWarning, value); remove => Detach(value); }
    public event EventHandler<PxEventArgs>? RiskBreach { add => Attach(PxEventName.RiskBreach, value); remove => Detach(value); }

    private void Attach(PxEventName name, EventHandler<PxEventArgs>? handler)
    {
        if (handler is not null)
        {
            _dispatch.Add(name, ContractIds, this, handler);
        }
    }

    private void Detach(EventHandler<PxEventArgs>? handler)
    {
        if (handler is not null)
        {
            _dispatch.Remove(handler);
        }
    }

    public override string ToString() => Symbols is null ? $"ProjectX {EventName}" : $"ProjectX {EventName} ({Symbols})";
}
