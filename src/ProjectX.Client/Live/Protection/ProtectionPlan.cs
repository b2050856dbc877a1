using ProjectX.Client.Gateway;

namespace ProjectX.Client.Live;

/// <summary>
/// What the manager wants for one contract's position (positions are netted per contract, so one plan per contract).
/// Only the protection manager's worker touches it.
/// </summary>
internal sealed class ProtectionPlan(string contractId, string group)
{
    public string ContractId { get; } = contractId;
    /// <summary>The group new tags carry; legs of any group on the contract count (one plan per contract).</summary>
    public string Group { get; } = group;
    /// <summary>The position the plan guards; null until an entry or a position says.</summary>
    public PositionType? Direction { get; set; }
    public int? StopTicks { get; set; }
    public int? TargetTicks { get; set; }
    /// <summary>The leg levels: from the user, from the legs on the gateway, or derived from the ticks once the position exists.</summary>
    public decimal? StopPrice { get; set; }
    public decimal? TargetPrice { get; set; }
    /// <summary>A level the user asked for that the working leg does not have yet.</summary>
    public decimal? StopMove { get; set; }
    public decimal? TargetMove { get; set; }
    public long? StopOrderId { get; set; }
    public long? TargetOrderId { get; set; }
    public int PositionSize { get; set; }
    public bool EntryWorking { get; set; }
    /// <summary>The position was closed because it could not be protected: no more legs are placed for it.</summary>
    public bool Abandoned { get; set; }

    public decimal? Price(ProtectionRole role) => role == ProtectionRole.StopLoss ? StopPrice : TargetPrice;

    public int? Ticks(ProtectionRole role) => role == ProtectionRole.StopLoss ? StopTicks : TargetTicks;

    public decimal? Move(ProtectionRole role) => role == ProtectionRole.StopLoss ? StopMove : TargetMove;

    public long? OrderId(ProtectionRole role) => role == ProtectionRole.StopLoss ? StopOrderId : TargetOrderId;

    public void SetLeg(ProtectionRole role, long? orderId, decimal? price)
    {
        if (role == ProtectionRole.StopLoss)
        {
            StopOrderId = orderId;
            StopPrice = price ?? StopPrice;
        }
        else
        {
            TargetOrderId = orderId;
            TargetPrice = price ?? TargetPrice;
        }
    }

    public void ClearMove(ProtectionRole role)
    {
        if (role == ProtectionRole.StopLoss) StopMove = null;
        else TargetMove = null;
    }

    /// <summary>Gives up a leg that cannot be placed (a refused take profit), so it is not tried on every pass.</summary>
    public void Drop(ProtectionRole role)
    {
        if (role == ProtectionRole.StopLoss)
        {
            StopPrice = null;
            StopTicks = null;
        }
        else
        {
            TargetPrice = null;
            TargetTicks = null;
        }
    }

    public PositionProtection Snapshot() => new(ContractId, Group, Direction ?? PositionType.Undefined, PositionSize,
        StopOrderId, StopPrice, TargetOrderId, TargetPrice, StopTicks, TargetTicks, EntryWorking);
}
