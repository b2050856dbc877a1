using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>The engine's mutable view of one order. Only touched under the exchange lock.</summary>
internal sealed class SimOrder
{
    public required long Id { get; init; }
    public required AccountState Account { get; init; }
    public required ContractSpec Spec { get; init; }
    public int AccountId => Account.Id;
    public string ContractId => Spec.ContractId;
    public decimal TickSize => Spec.TickSize;
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; set; }
    public OrderStatus Status { get; set; }
    public required OrderType Type { get; init; }
    public required OrderSide Side { get; init; }
    public int Size { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public int FillVolume { get; set; }
    public decimal? FilledPrice { get; set; }
    public string? CustomTag { get; init; }

    /// <summary>Trailing stops: fixed distance in ticks and the best price seen since placement.</summary>
    public int? TrailTicks { get; set; }
    public decimal? TrailBest { get; set; }

    /// <summary>Stop-limit: the stop has been hit and the order now rests as a limit.</summary>
    public bool Triggered { get; set; }

    /// <summary>Only seconds after this instant can fill the order (placement or activation time).</summary>
    public DateTimeOffset ActiveFrom { get; set; }

    public long? ParentOrderId { get; init; }
    public long? LinkedOrderId { get; set; }

    /// <summary>Entry orders with brackets: the signed tick offsets and the Suspended child ids.</summary>
    public BracketLeg? StopLossLeg { get; set; }
    public BracketLeg? TakeProfitLeg { get; set; }

    /// <summary>The bracket legs this entry has (none, one or two).</summary>
    public IEnumerable<BracketLeg> Legs()
    {
        if (StopLossLeg is not null) yield return StopLossLeg;
        if (TakeProfitLeg is not null) yield return TakeProfitLeg;
    }

    /// <summary>Only Bid and Ask orders ever reach matching: placement refuses any other side.</summary>
    public bool IsBuy => Side switch
    {
        OrderSide.Bid => true,
        OrderSide.Ask => false,
        _ => throw new InvalidOperationException($"Order {Id} has no valid side."),
    };

    public bool IsWorking => Status == OrderStatus.Open;
    /// <summary>Open, or a Suspended bracket leg waiting for its entry: not finished.</summary>
    public bool IsLive => Status is OrderStatus.Open or OrderStatus.Suspended;

    public OrderModel ToModel() => new()
    {
        Id = Id,
        AccountId = AccountId,
        ContractId = ContractId,
        SymbolId = Spec.SymbolId,
        CreationTimestamp = Created,
        UpdateTimestamp = Updated,
        Status = Status,
        Type = Type,
        Side = Side,
        Size = Size,
        LimitPrice = LimitPrice,
        StopPrice = StopPrice,
        FillVolume = FillVolume,
        FilledPrice = FilledPrice,
        CustomTag = CustomTag,
        // Read-back: the distance (ticks and price units), never the level that was sent (spec §4.8).
        TrailDistance = TrailTicks,
        TrailPrice = TrailTicks * TickSize,
        ParentOrderId = ParentOrderId,
        LinkedOrderId = LinkedOrderId,
    };
}

/// <summary>One bracket leg of an entry order: its child order and signed tick offset from the entry fill.</summary>
internal sealed record BracketLeg(long ChildOrderId, int Ticks, OrderType Type);
