namespace ProjectX.Simulation.Exchange;

/// <summary>Why the engine refused an order request: the engine decides on this, never on the message text.</summary>
public enum RejectReason
{
    AccountCannotTrade,
    ContractNotActive,
    InvalidSize,
    UnsupportedOrderType,
    InvalidSide,
    MissingPrice,
    UnexpectedPrice,
    PriceNotAligned,
    PriceOutOfRange,
    TrailDistanceNotSet,
    TrailPriceNotAligned,
    TrailDistanceTooLarge,
    DuplicateCustomTag,
    PositionBrackets,
    InvalidBracketType,
    InvalidBracketTicks,
    TooManyWorkingOrders,
    PositionLimit,
    /// <summary>A firm rule refuses it (a daily-loss or maximum-loss lock, or no calendar to check the day on): errorCode 4 AccountViolation. A contract cap is a <see cref="PositionLimit"/>.</summary>
    FirmRule,
    OrderNotWorking,
    NothingToModify,
    OutsideTradingHours,
}

/// <summary>A refusal: its reason and the text the gateway answers with.</summary>
public readonly record struct OrderRejection(RejectReason Reason, string Message);
