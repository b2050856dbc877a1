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
    OrderNotWorking,
    NothingToModify,
    OutsideTradingHours,
}

/// <summary>A refusal: its reason and the text the gateway answers with.</summary>
public readonly record struct OrderRejection(RejectReason Reason, string Message);
