using ProjectX.Client;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// A position size worked out from a dollar risk (PSTypeName <c>ProjectX.PositionSize</c>). <see cref="Size"/> is rounded
/// down, so <see cref="Risk"/> never exceeds <see cref="RiskAmount"/>. Nothing was sent to compute it.
/// </summary>
public sealed class PxPositionSize
{
    public const string PSTypeName = "ProjectX.PositionSize";

    public string Symbol { get; init; } = "";
    public string Contract { get; init; } = "";
    public string ContractId { get; init; } = "";
    /// <summary>Contracts to trade.</summary>
    public int Size { get; init; }
    public int StopTicks { get; init; }
    public decimal TickSize { get; init; }
    public decimal TickValue { get; init; }
    public decimal FeesPerContract { get; init; }
    /// <summary>What one contract loses at the stop: StopTicks × TickValue + FeesPerContract.</summary>
    public decimal RiskPerContract { get; init; }
    /// <summary>What <see cref="Size"/> contracts lose at the stop.</summary>
    public decimal Risk { get; init; }
    /// <summary>The risk asked for.</summary>
    public decimal RiskAmount { get; init; }
    /// <summary>The part of <see cref="RiskAmount"/> the rounding down left unused.</summary>
    public decimal Unused { get; init; }

    internal static PxPositionSize From(PositionSize size) => new()
    {
        Symbol = PxInstrument.RootSymbol(size.ContractName),
        Contract = size.ContractName,
        ContractId = size.ContractId,
        Size = size.Contracts,
        StopTicks = size.StopTicks,
        TickSize = PxInstrument.Normalize(size.TickSize),
        TickValue = PxInstrument.Normalize(size.TickValue),
        FeesPerContract = PxInstrument.Normalize(size.FeesPerContract),
        RiskPerContract = PxInstrument.Normalize(size.RiskPerContract),
        Risk = PxInstrument.Normalize(size.Risk),
        RiskAmount = PxInstrument.Normalize(size.RiskAmount),
        Unused = PxInstrument.Normalize(size.Unused),
    };

    public override string ToString() => $"{Size} {Contract} (risk {Risk} of {RiskAmount})";
}
