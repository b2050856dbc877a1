using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>
/// A position size worked out from a dollar risk: how many contracts, what one contract risks at the stop, and what
/// the whole size risks. <see cref="Risk"/> is never more than <see cref="RiskAmount"/>.
/// </summary>
public sealed record PositionSize(
    string ContractId,
    string ContractName,
    decimal RiskAmount,
    int StopTicks,
    decimal TickSize,
    decimal TickValue,
    decimal FeesPerContract,
    decimal RiskPerContract,
    int Contracts)
{
    /// <summary>What <see cref="Contracts"/> lose at the stop, fees included: Contracts × RiskPerContract.</summary>
    public decimal Risk => Contracts * RiskPerContract;

    /// <summary>The part of <see cref="RiskAmount"/> the rounding down left unused.</summary>
    public decimal Unused => RiskAmount - Risk;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Contracts} {ContractName}: {StopTicks} ticks × {TickMath.Normalize(TickValue)} = {TickMath.Normalize(RiskPerContract)} per contract, risk {TickMath.Normalize(Risk)} of {TickMath.Normalize(RiskAmount)}");
}

/// <summary>
/// Position sizing from a dollar risk, in exact decimal arithmetic. One contract risks
/// <c>stopTicks × tickValue + feesPerContract</c>; the size is the risk amount divided by that, rounded DOWN, so the
/// size never risks more than asked. A stop given as a price is turned into ticks rounded UP (a stop between two ticks
/// is treated as the farther one), for the same reason.
/// </summary>
public static class PositionSizing
{
    /// <summary>The size for a stop <paramref name="stopTicks"/> ticks from the entry.</summary>
    /// <exception cref="ProjectXValidationException">
    /// <see cref="ValidationReason.InvalidRiskAmount"/> for a zero or negative risk or negative fees,
    /// <see cref="ValidationReason.InvalidTicks"/> for a stop distance below one tick,
    /// <see cref="ValidationReason.InvalidArgument"/> for a contract without a tick size or value,
    /// <see cref="ValidationReason.RiskTooSmall"/> when the risk does not cover one contract.
    /// </exception>
    public static PositionSize FromTicks(ContractModel contract, decimal riskAmount, int stopTicks, decimal feesPerContract = 0m, int? maxContracts = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (riskAmount <= 0)
            throw Invalid(ValidationReason.InvalidRiskAmount, string.Create(CultureInfo.InvariantCulture, $"The risk amount must be more than zero (got {riskAmount})."), "RiskAmount");
        if (feesPerContract < 0)
            throw Invalid(ValidationReason.InvalidRiskAmount, string.Create(CultureInfo.InvariantCulture, $"The fees per contract cannot be negative (got {feesPerContract})."), "FeesPerContract");
        TicketRules.CheckTicks(stopTicks, "stop", "StopTicks");
        if (maxContracts is <= 0)
            throw Invalid(ValidationReason.InvalidSize, string.Create(CultureInfo.InvariantCulture, $"The largest size must be at least 1 (got {maxContracts})."), "MaxContracts");
        if (contract.TickSize <= 0 || contract.TickValue <= 0)
            throw Invalid(ValidationReason.InvalidArgument, $"{contract.Name} has no tick size or tick value, so its risk cannot be computed.", "Instrument");

        var perContract = (stopTicks * contract.TickValue) + feesPerContract;
        var contracts = Math.Floor(riskAmount / perContract);
        if (contracts < 1)
            throw Invalid(ValidationReason.RiskTooSmall, string.Create(CultureInfo.InvariantCulture,
                $"A risk of {TickMath.Normalize(riskAmount)} does not cover one {contract.Name} contract: a {stopTicks}-tick stop risks {TickMath.Normalize(perContract)} per contract ({stopTicks} × {TickMath.Normalize(contract.TickValue)}{(feesPerContract > 0 ? $" + {TickMath.Normalize(feesPerContract)} fees" : "")}). Risk more, or use a closer stop."), "RiskAmount");
        var size = contracts > int.MaxValue ? int.MaxValue : (int)contracts;
        if (maxContracts is { } cap && size > cap)
            size = cap;
        return new PositionSize(contract.Id, contract.Name, riskAmount, stopTicks, contract.TickSize, contract.TickValue, feesPerContract, perContract, size);
    }

    /// <summary>The size for a stop at <paramref name="stopPrice"/> when entering at <paramref name="entryPrice"/> (either side).</summary>
    public static PositionSize FromStopPrice(ContractModel contract, decimal riskAmount, decimal entryPrice, decimal stopPrice, decimal feesPerContract = 0m, int? maxContracts = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return FromTicks(contract, riskAmount, StopTicks(contract, entryPrice, stopPrice), feesPerContract, maxContracts);
    }

    /// <summary>The stop's distance from the entry in whole ticks, rounded up.</summary>
    public static int StopTicks(ContractModel contract, decimal entryPrice, decimal stopPrice)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (entryPrice <= 0)
            throw Invalid(ValidationReason.InvalidPrice, $"The entry price must be positive (got {OrderDescription.Price(entryPrice)}).", "EntryPrice");
        if (stopPrice <= 0)
            throw Invalid(ValidationReason.InvalidPrice, $"The stop price must be positive (got {OrderDescription.Price(stopPrice)}).", "StopPrice");
        if (contract.TickSize <= 0)
            throw Invalid(ValidationReason.InvalidArgument, $"{contract.Name} has no tick size, so a stop distance cannot be computed.", "Instrument");
        var ticks = Math.Ceiling(Math.Abs(entryPrice - stopPrice) / contract.TickSize);
        if (ticks < 1)
            throw Invalid(ValidationReason.InvalidTicks, $"The stop price {OrderDescription.Price(stopPrice)} is the entry price: a stop must be at least one tick away.", "StopPrice");
        return ticks > int.MaxValue ? int.MaxValue : (int)ticks;
    }

    private static ProjectXValidationException Invalid(ValidationReason reason, string message, string parameter) =>
        new(reason, message + " Nothing was sent.", parameter);
}
