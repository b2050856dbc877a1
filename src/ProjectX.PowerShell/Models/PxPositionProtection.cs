using ProjectX.Client.Gateway;
using ProjectX.Client.Live;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// The stop and target the live engine keeps on one position, one-cancels-other (PSTypeName <c>ProjectX.PositionProtection</c>).
/// </summary>
public sealed class PxPositionProtection
{
    public const string PSTypeName = "ProjectX.PositionProtection";

    public int AccountId { get; init; }
    public string Symbol { get; init; } = "";
    public string Contract { get; init; } = "";
    public string ContractId { get; init; } = "";
    public PxPositionSide Side { get; init; }
    /// <summary>Contracts the legs cover (the position's size).</summary>
    public int Size { get; init; }
    public decimal? StopPrice { get; init; }
    public long? StopOrderId { get; init; }
    public decimal? TargetPrice { get; init; }
    public long? TargetOrderId { get; init; }
    public decimal TickSize { get; init; }
    /// <summary>True when a working stop guards the position.</summary>
    public bool IsProtected { get; init; }
    /// <summary>The bracket group in the legs' tags (<c>pxo-…</c>).</summary>
    public string Group { get; init; } = "";

    internal static PxPositionProtection From(int accountId, PositionProtection protection, ContractModel? contract) => new()
    {
        AccountId = accountId,
        Symbol = contract is null ? "" : PxInstrument.RootSymbol(contract.Name),
        Contract = contract?.Name ?? "",
        ContractId = protection.ContractId,
        Side = protection.PositionSize == 0 ? PxPositionSide.Flat : protection.Direction == PositionType.Short ? PxPositionSide.Short : PxPositionSide.Long,
        Size = protection.PositionSize,
        StopPrice = protection.StopPrice is { } s ? PxInstrument.Normalize(s) : null,
        StopOrderId = protection.StopOrderId,
        TargetPrice = protection.TargetPrice is { } t ? PxInstrument.Normalize(t) : null,
        TargetOrderId = protection.TargetOrderId,
        TickSize = contract is null ? 0m : PxInstrument.Normalize(contract.TickSize),
        IsProtected = protection.IsProtected,
        Group = protection.Group,
    };

    public override string ToString() => $"{Side} {Size} {(Contract.Length > 0 ? Contract : ContractId)} stop {StopPrice?.ToString() ?? "-"} target {TargetPrice?.ToString() ?? "-"}";
}
