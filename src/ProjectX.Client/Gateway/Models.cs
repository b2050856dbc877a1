namespace ProjectX.Client.Gateway;

// Wire models, field for field as in the official Swagger (spec §4). Prices and balances are
// decimal, order/trade/position ids are long (live ids exceed int32). Members the gateway adds
// later are ignored on read; members that some copies of the spec omit are nullable.

/// <summary>A trading account (Swagger: TradingAccountModel).</summary>
public sealed class TradingAccountModel
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public decimal Balance { get; init; }
    public bool CanTrade { get; init; }
    public bool IsVisible { get; init; }
    /// <summary>True for Practice (simulated) accounts, false for evaluation or funded accounts.</summary>
    public bool Simulated { get; init; }

    public override string ToString() => $"{Name} ({Id})";
}

/// <summary>A futures contract (Swagger: ContractModel).</summary>
public sealed class ContractModel
{
    /// <summary>Contract id, e.g. <c>CON.F.US.ENQ.Z26</c>.</summary>
    public string Id { get; init; } = "";
    /// <summary>Exchange short code with a one-digit year, e.g. <c>NQZ6</c>.</summary>
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public decimal TickSize { get; init; }
    public decimal TickValue { get; init; }
    public bool ActiveContract { get; init; }
    /// <summary>Symbol id, e.g. <c>F.US.ENQ</c>.</summary>
    public string SymbolId { get; init; } = "";

    public override string ToString() => $"{Name} ({Id})";
}

/// <summary>An OHLCV bar (Swagger: AggregateBarModel). Single-letter names are the wire's.</summary>
public sealed class AggregateBarModel
{
    [System.Text.Json.Serialization.JsonPropertyName("t")] public DateTimeOffset T { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("o")] public decimal O { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("h")] public decimal H { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("l")] public decimal L { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("c")] public decimal C { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("v")] public long V { get; init; }
}

/// <summary>An order (Swagger: OrderModel, with the 2026 additions).</summary>
public sealed class OrderModel
{
    public long Id { get; init; }
    public int AccountId { get; init; }
    public string ContractId { get; init; } = "";
    public string? SymbolId { get; init; }
    public DateTimeOffset CreationTimestamp { get; init; }
    public DateTimeOffset? UpdateTimestamp { get; init; }
    public OrderStatus Status { get; init; }
    public OrderType Type { get; init; }
    public OrderSide Side { get; init; }
    public int Size { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    public int FillVolume { get; init; }
    public decimal? FilledPrice { get; init; }
    public string? CustomTag { get; init; }
    /// <summary>Trail distance in ticks (2026 addition).</summary>
    public int? TrailDistance { get; init; }
    /// <summary>On read-back this is the trail distance in price units, not the level that was sent (spec §4.8).</summary>
    public decimal? TrailPrice { get; init; }
    /// <summary>Bracket child → entry order (2026 addition).</summary>
    public long? ParentOrderId { get; init; }
    /// <summary>OCO sibling (2026 addition).</summary>
    public long? LinkedOrderId { get; init; }

    public override string ToString() => $"Order {Id} {Side} {Size} {ContractId} {Type} {Status}";
}

/// <summary>An open position (Swagger: PositionModel). Size is always positive; the direction is <see cref="Type"/>.</summary>
public sealed class PositionModel
{
    public long Id { get; init; }
    public int AccountId { get; init; }
    public string ContractId { get; init; } = "";
    public string? ContractDisplayName { get; init; }
    public DateTimeOffset CreationTimestamp { get; init; }
    public PositionType Type { get; init; }
    public int Size { get; init; }
    public decimal AveragePrice { get; init; }

    public override string ToString() => $"Position {Type} {Size} {ContractId} @ {AveragePrice}";
}

/// <summary>One fill (Swagger: HalfTradeModel). <see cref="ProfitAndLoss"/> is null on an opening (half-turn) fill.</summary>
public sealed class HalfTradeModel
{
    public long Id { get; init; }
    public int AccountId { get; init; }
    public string ContractId { get; init; } = "";
    public DateTimeOffset CreationTimestamp { get; init; }
    public decimal Price { get; init; }
    public decimal? ProfitAndLoss { get; init; }
    public decimal Fees { get; init; }
    public decimal? Commissions { get; init; }
    public OrderSide Side { get; init; }
    public int Size { get; init; }
    public bool Voided { get; init; }
    public long OrderId { get; init; }

    public override string ToString() => $"Trade {Id} {Side} {Size} {ContractId} @ {Price}";
}
