using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>How an off-tick price is treated. <see cref="None"/> refuses it: a price is never changed silently.</summary>
public enum PriceRounding { None, Nearest, Up, Down }

/// <summary>
/// Everything one order needs. Prices are absolute levels; brackets are positive tick distances that the
/// client signs for the side (long: stop loss below, take profit above; short: the reverse).
/// </summary>
public sealed class OrderTicket
{
    /// <summary>Symbol (<c>MNQ</c>, <c>NQZ6</c>) or contract id; ignored when <see cref="Contract"/> is set.</summary>
    public string? Instrument { get; set; }
    public ContractModel? Contract { get; set; }
    /// <summary>Default: the client's default account.</summary>
    public int? AccountId { get; set; }
    public OrderType Type { get; set; } = OrderType.Market;
    public OrderSide Side { get; set; }
    public int Size { get; set; } = 1;
    /// <summary>Limit and stop-limit orders.</summary>
    public decimal? LimitPrice { get; set; }
    /// <summary>Stop and stop-limit orders.</summary>
    public decimal? StopPrice { get; set; }
    /// <summary>Trailing stops: the absolute level the trail starts from (the gateway derives the distance from the last price).</summary>
    public decimal? TrailPrice { get; set; }
    /// <summary>Unique per account, at most 50 characters; generated (<c>px-…</c>) when empty.</summary>
    public string? CustomTag { get; set; }
    /// <summary>Stop-loss distance in ticks (positive). Needs an account in Auto OCO Brackets mode.</summary>
    public int? StopLossTicks { get; set; }
    /// <summary>Take-profit distance in ticks (positive). Needs an account in Auto OCO Brackets mode.</summary>
    public int? TakeProfitTicks { get; set; }
    public OrderType StopLossType { get; set; } = OrderType.Stop;
    public OrderType TakeProfitType { get; set; } = OrderType.Limit;
    public PriceRounding Rounding { get; set; } = PriceRounding.None;

    public override string ToString() =>
        $"{Side} {Size} {Contract?.Id ?? Instrument} {Type}{(LimitPrice is { } l ? $" limit {l}" : "")}{(StopPrice is { } s ? $" stop {s}" : "")}{(TrailPrice is { } t ? $" trail {t}" : "")}";
}

/// <summary>An order the gateway accepted.</summary>
public sealed record PlacedOrder(long OrderId, string CustomTag, int AccountId, string ContractId);

/// <summary>Changes to a working order (Order/modify); null members are left as they are.</summary>
public sealed class OrderModification
{
    public long OrderId { get; set; }
    public int? AccountId { get; set; }
    public int? Size { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    /// <summary>New absolute trail level.</summary>
    public decimal? TrailPrice { get; set; }
    public PriceRounding Rounding { get; set; } = PriceRounding.None;
}

/// <summary>How a cancel of an order that may end on its own at any moment turned out.</summary>
public enum CancelOutcome
{
    /// <summary>This request cancelled the order.</summary>
    Cancelled,
    /// <summary>The order had already ended without a fill (an OCO sibling filled, it expired, or it was cancelled elsewhere).</summary>
    AlreadyEnded,
    /// <summary>The order filled before the cancel reached it: the position has changed.</summary>
    Filled,
    /// <summary>The cancel failed; <see cref="CancelResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>One order's outcome in <see cref="ProjectXClient.CancelAllOrdersAsync"/> and <see cref="ProjectXClient.CancelIfWorkingAsync"/>.</summary>
public sealed record CancelResult(long OrderId, string ContractId, CancelOutcome Outcome, ProjectXException? Error)
{
    /// <summary>The order is no longer working and never filled after the cancel was asked for.</summary>
    public bool Succeeded => Outcome is CancelOutcome.Cancelled or CancelOutcome.AlreadyEnded;
}
