using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// An open position (PSTypeName <c>ProjectX.Position</c>). <see cref="ContractId"/>, <see cref="Symbol"/> and
/// <see cref="AccountId"/> bind by name to Close-PxPosition.
/// </summary>
public sealed class PxPosition
{
    public const string PSTypeName = "ProjectX.Position";

    public long PositionId { get; init; }
    public int AccountId { get; init; }
    public string Symbol { get; init; } = "";
    public string Contract { get; init; } = "";
    public string ContractId { get; init; } = "";
    public PxPositionSide Side { get; init; }
    /// <summary>Always positive; the direction is <see cref="Side"/>.</summary>
    public int Size { get; init; }
    public decimal AveragePrice { get; init; }
    public decimal TickSize { get; init; }
    public decimal TickValue { get; init; }
    /// <summary>
    /// Marked to the live last price when the connection has realtime; null with -NoRealtime (the gateway has
    /// no REST quote) or when no price arrived.
    /// </summary>
    public decimal? UnrealizedPnL { get; init; }
    public DateTimeOffset Opened { get; init; }

    internal static PxPosition From(PositionModel model, ContractModel? contract, decimal? unrealizedPnl = null) => new()
    {
        PositionId = model.Id,
        AccountId = model.AccountId,
        Symbol = contract is null ? "" : PxInstrument.RootSymbol(contract.Name),
        Contract = contract?.Name ?? model.ContractDisplayName ?? "",
        ContractId = model.ContractId,
        Side = model.Size == 0 ? PxPositionSide.Flat : model.Type == PositionType.Short ? PxPositionSide.Short : PxPositionSide.Long,
        Size = model.Size,
        AveragePrice = PxInstrument.Normalize(model.AveragePrice),
        TickSize = contract is null ? 0m : PxInstrument.Normalize(contract.TickSize),
        TickValue = contract is null ? 0m : PxInstrument.Normalize(contract.TickValue),
        UnrealizedPnL = unrealizedPnl,
        Opened = model.CreationTimestamp.ToUniversalTime(),
    };

    public override string ToString() => $"{Side} {Size} {(Contract.Length > 0 ? Contract : ContractId)} @ {AveragePrice}";
}
