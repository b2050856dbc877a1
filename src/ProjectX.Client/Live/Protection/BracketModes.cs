using ProjectX.Client.Gateway;

namespace ProjectX.Client.Live;

/// <summary>
/// An account's bracket setting (platform Settings &gt; Risk Settings). The gateway API does not expose it (spec §4.1
/// has no such field), so the client learns it from the one place it shows: Order/place refusing native brackets.
/// </summary>
public enum BracketMode
{
    /// <summary>Not known yet: the first bracket order tries native brackets and learns from the answer.</summary>
    Unknown,
    /// <summary>Auto OCO Brackets: Order/place takes <c>stopLossBracket</c>/<c>takeProfitBracket</c> and the gateway runs the OCO.</summary>
    AutoOco,
    /// <summary>Position Brackets (the platform default): native brackets are refused, so the client manages the OCO.</summary>
    PositionBrackets,
}

/// <summary>How a bracket order is protected.</summary>
public enum BracketHandling
{
    /// <summary>The gateway's own brackets (Auto OCO Brackets accounts).</summary>
    Native,
    /// <summary>Two plain orders the live engine places and keeps one-cancels-other (Position Brackets accounts).</summary>
    ClientManaged,
}

/// <summary>Recognises the gateway's refusal of native brackets on a Position Brackets account (one place for the rule).</summary>
public static class BracketModes
{
    /// <summary>The distinctive part of the gateway's message (spec §4.8, verbatim: "Brackets cannot be used with Position Brackets. You must enable Auto OCO Brackets.").</summary>
    public const string PositionBracketsText = "Position Brackets";

    /// <summary>
    /// True when Order/place refused an order because the account is in Position Brackets mode: errorCode 2
    /// (OrderRejected) and the gateway's message naming Position Brackets. The wire carries no finer reason code.
    /// </summary>
    public static bool IsPositionBracketsRejection(ProjectXException? error) =>
        error is ProjectXOrderRejectedException { ErrorCode: 2, GatewayMessage: { } message } rejected
        && (rejected.Operation is null || rejected.Operation == GatewayOperation.PlaceOrder.Name)
        && message.Contains(PositionBracketsText, StringComparison.OrdinalIgnoreCase);
}
