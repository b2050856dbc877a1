using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>
/// An order that passed every client-side rule and is ready to send: the account and contract are resolved, prices
/// are on the tick, bracket distances are signed for the side, and it carries its unique <see cref="CustomTag"/>.
/// Nothing has been sent. Make one with <see cref="ProjectXClient.PrepareOrderAsync"/>; send it with
/// <see cref="ProjectXClient.SubmitOrderAsync(PreparedOrder, bool, CancellationToken)"/> or
/// <see cref="ProjectXClient.PlaceOrderAsync(PreparedOrder, CancellationToken)"/>.
/// </summary>
public sealed class PreparedOrder
{
    internal PreparedOrder(int accountId, ContractModel contract, OrderType type, OrderSide side, int size,
        decimal? limitPrice, decimal? stopPrice, decimal? trailPrice, string customTag,
        int? stopLossTicks, OrderType stopLossType, int? takeProfitTicks, OrderType takeProfitType)
    {
        AccountId = accountId;
        Contract = contract;
        Type = type;
        Side = side;
        Size = size;
        LimitPrice = limitPrice;
        StopPrice = stopPrice;
        TrailPrice = trailPrice;
        CustomTag = customTag;
        StopLossTicks = stopLossTicks;
        StopLossType = stopLossType;
        TakeProfitTicks = takeProfitTicks;
        TakeProfitType = takeProfitType;
        Description = OrderDescription.Of(side, size, contract.Name, type, limitPrice, stopPrice, trailPrice, stopLossTicks, takeProfitTicks);
    }

    public int AccountId { get; }
    public ContractModel Contract { get; }
    public OrderType Type { get; }
    public OrderSide Side { get; }
    public int Size { get; }
    /// <summary>On the tick (rounded as the ticket asked, or refused).</summary>
    public decimal? LimitPrice { get; }
    public decimal? StopPrice { get; }
    public decimal? TrailPrice { get; }
    /// <summary>Unique per account: the key that finds the order again after a lost response.</summary>
    public string CustomTag { get; }
    /// <summary>Positive distances; the request signs them for the side.</summary>
    public int? StopLossTicks { get; }
    public OrderType StopLossType { get; }
    public int? TakeProfitTicks { get; }
    public OrderType TakeProfitType { get; }
    public bool IsBuy => Side == OrderSide.Bid;

    /// <summary>What will be sent, in words: <c>Buy 2 MNQZ6 Limit @ 21000.25 [SL 20 ticks, TP 40 ticks]</c>.</summary>
    public string Description { get; }

    internal PlaceOrderRequest ToRequest() => new()
    {
        AccountId = AccountId,
        ContractId = Contract.Id,
        Type = Type,
        Side = Side,
        Size = Size,
        LimitPrice = LimitPrice,
        StopPrice = StopPrice,
        TrailPrice = TrailPrice,
        CustomTag = CustomTag,
        // Long: stop loss below (negative), take profit above (positive); short: the reverse (spec §4.8, unverified).
        StopLossBracket = StopLossTicks is { } sl ? new PlaceOrderBracket { Ticks = IsBuy ? -sl : sl, Type = StopLossType } : null,
        TakeProfitBracket = TakeProfitTicks is { } tp ? new PlaceOrderBracket { Ticks = IsBuy ? tp : -tp, Type = TakeProfitType } : null,
    };

    public override string ToString() => $"{Description} on account {AccountId} (tag {CustomTag})";
}

/// <summary>
/// A modification that passed every client-side rule: the order it changes (as read just now), its contract, and the
/// new values on the tick. Nothing has been sent; send it with <see cref="ProjectXClient.ModifyOrderAsync(PreparedModification, CancellationToken)"/>.
/// </summary>
public sealed class PreparedModification
{
    internal PreparedModification(OrderModel order, ContractModel? contract, int? size, decimal? limitPrice, decimal? stopPrice, decimal? trailPrice)
    {
        Order = order;
        Contract = contract;
        Size = size;
        LimitPrice = limitPrice;
        StopPrice = stopPrice;
        TrailPrice = trailPrice;
        var changes = new List<string>(4);
        if (size is { } s) changes.Add(FormattableString.Invariant($"size {s}"));
        if (limitPrice is { } l) changes.Add("limit " + OrderDescription.Price(l));
        if (stopPrice is { } p) changes.Add("stop " + OrderDescription.Price(p));
        if (trailPrice is { } t) changes.Add("trail " + OrderDescription.Price(t));
        Description = FormattableString.Invariant($"Modify order {order.Id} ({OrderDescription.Of(order, contract)}): {string.Join(", ", changes)}");
    }

    public OrderModel Order { get; }
    /// <summary>Null only when the contract could not be looked up and no price changes (a size-only change).</summary>
    public ContractModel? Contract { get; }
    public int? Size { get; }
    public decimal? LimitPrice { get; }
    public decimal? StopPrice { get; }
    public decimal? TrailPrice { get; }
    public string Description { get; }

    internal ModifyOrderRequest ToRequest() => new()
    {
        AccountId = Order.AccountId,
        OrderId = Order.Id,
        Size = Size,
        LimitPrice = LimitPrice,
        StopPrice = StopPrice,
        TrailPrice = TrailPrice,
    };

    public override string ToString() => Description;
}
