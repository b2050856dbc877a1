using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Models;

/// <summary>One fill (PSTypeName <c>ProjectX.Trade</c>). <see cref="RealizedPnL"/> is null on an opening fill.</summary>
public sealed class PxTrade
{
    public const string PSTypeName = "ProjectX.Trade";

    public long TradeId { get; init; }
    public int AccountId { get; init; }
    public long OrderId { get; init; }
    public string Symbol { get; init; } = "";
    public string Contract { get; init; } = "";
    public string ContractId { get; init; } = "";
    public PxSide Side { get; init; }
    public int Size { get; init; }
    public decimal Price { get; init; }
    /// <summary>The gateway's profitAndLoss: null on an opening (half-turn) fill.</summary>
    public decimal? RealizedPnL { get; init; }
    public decimal Fees { get; init; }
    public decimal? Commissions { get; init; }
    public bool Voided { get; init; }
    public DateTimeOffset Time { get; init; }
    /// <summary>The instrument's tick size (0 when unknown): the views show prices to its decimals.</summary>
    public decimal TickSize { get; init; }

    internal static PxTrade From(HalfTradeModel model, ContractModel? contract) => new()
    {
        TradeId = model.Id,
        AccountId = model.AccountId,
        OrderId = model.OrderId,
        Symbol = contract is null ? "" : PxInstrument.RootSymbol(contract.Name),
        Contract = contract?.Name ?? "",
        ContractId = model.ContractId,
        Side = model.Side == OrderSide.Ask ? PxSide.Sell : PxSide.Buy,
        Size = model.Size,
        Price = PxInstrument.Normalize(model.Price),
        RealizedPnL = PxInstrument.Normalize(model.ProfitAndLoss),
        Fees = PxInstrument.Normalize(model.Fees),
        Commissions = PxInstrument.Normalize(model.Commissions),
        Voided = model.Voided,
        Time = model.CreationTimestamp.ToUniversalTime(),
        TickSize = contract is null ? 0m : PxInstrument.Normalize(contract.TickSize),
    };

    public override string ToString() => $"Trade {TradeId} {Side} {Size} {(Contract.Length > 0 ? Contract : ContractId)} @ {Price}";
}
