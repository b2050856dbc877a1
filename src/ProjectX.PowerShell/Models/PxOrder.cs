using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// An order (PSTypeName <c>ProjectX.Order</c>). <see cref="OrderId"/> and <see cref="AccountId"/> bind by name to
/// Set-PxOrder, Stop-PxOrder and Wait-PxOrder.
/// </summary>
public sealed class PxOrder
{
    public const string PSTypeName = "ProjectX.Order";

    public long OrderId { get; init; }
    public int AccountId { get; init; }
    /// <summary>The root symbol, e.g. <c>MNQ</c>.</summary>
    public string Symbol { get; init; } = "";
    /// <summary>The contract name, e.g. <c>MNQZ6</c>.</summary>
    public string Contract { get; init; } = "";
    public string ContractId { get; init; } = "";
    public PxSide Side { get; init; }
    public int Size { get; init; }
    public PxOrderType Type { get; init; }
    public PxOrderStatus Status { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    /// <summary>As the gateway reads it back: the trail distance in price units, not the level that was sent.</summary>
    public decimal? TrailPrice { get; init; }
    public decimal? FilledPrice { get; init; }
    public int FillVolume { get; init; }
    /// <summary>The order's customTag (unique per account).</summary>
    public string? Tag { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset? Updated { get; init; }
    /// <summary>For a bracket leg: the entry order.</summary>
    public long? ParentOrderId { get; init; }
    /// <summary>For a bracket leg: its OCO sibling.</summary>
    public long? LinkedOrderId { get; init; }
    /// <summary>The instrument's tick size (0 when unknown): the views show prices to its decimals.</summary>
    public decimal TickSize { get; init; }

    internal static PxOrder From(OrderModel model, ContractModel? contract) => new()
    {
        OrderId = model.Id,
        AccountId = model.AccountId,
        Symbol = contract is null ? "" : PxInstrument.RootSymbol(contract.Name),
        Contract = contract?.Name ?? "",
        ContractId = model.ContractId,
        Side = model.Side == OrderSide.Ask ? PxSide.Sell : PxSide.Buy,
        Size = model.Size,
        Type = (PxOrderType)model.Type,
        Status = (PxOrderStatus)model.Status,
        LimitPrice = PxInstrument.Normalize(model.LimitPrice),
        StopPrice = PxInstrument.Normalize(model.StopPrice),
        TrailPrice = PxInstrument.Normalize(model.TrailPrice),
        FilledPrice = PxInstrument.Normalize(model.FilledPrice),
        FillVolume = model.FillVolume,
        Tag = model.CustomTag,
        Created = model.CreationTimestamp.ToUniversalTime(),
        Updated = model.UpdateTimestamp?.ToUniversalTime(),
        ParentOrderId = model.ParentOrderId,
        LinkedOrderId = model.LinkedOrderId,
        TickSize = contract is null ? 0m : PxInstrument.Normalize(contract.TickSize),
    };

    public override string ToString() => $"Order {OrderId} {Side} {Size} {(Contract.Length > 0 ? Contract : ContractId)} {Type} {Status}";
}
