using System.Net;

namespace ProjectX.Client;

/// <summary>
/// Base of every error the client raises. Carries the operation (e.g. <c>Order/place</c>), the
/// endpoint-specific gateway error code, the HTTP status and the gateway's message. Never a token or key.
/// </summary>
public class ProjectXException : Exception
{
    public ProjectXException(string message, Exception? innerException = null) : base(message, innerException) { }

    public ProjectXException(string message, string? operation, int? errorCode, string? errorCodeName, HttpStatusCode? statusCode, string? gatewayMessage, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        ErrorCode = errorCode;
        ErrorCodeName = errorCodeName;
        StatusCode = statusCode;
        GatewayMessage = gatewayMessage;
    }

    /// <summary>The Gateway operation, e.g. <c>Order/place</c>; null for client-side validation.</summary>
    public string? Operation { get; init; }
    /// <summary>The endpoint-specific <c>errorCode</c> from the response envelope.</summary>
    public int? ErrorCode { get; init; }
    /// <summary>The name of <see cref="ErrorCode"/> in that endpoint's enum (e.g. <c>OrderRejected</c>).</summary>
    public string? ErrorCodeName { get; init; }
    public HttpStatusCode? StatusCode { get; init; }
    /// <summary>The gateway's <c>errorMessage</c>, if any.</summary>
    public string? GatewayMessage { get; init; }

    /// <summary>
    /// True when a money-moving request is known not to have been executed (refused with HTTP 401 or 429, held back by
    /// the client-side rate limit, or never sent), so sending it again cannot duplicate it.
    /// </summary>
    public bool NotExecuted { get; init; }
}

/// <summary>Login failed, the token expired and could not be refreshed, or the session was revoked.</summary>
public class ProjectXAuthenticationException : ProjectXException
{
    public ProjectXAuthenticationException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// The request rate limit was reached: HTTP 429 from the gateway, or the client-side budget for a
/// money-moving call, which is never queued silently.
/// </summary>
public class ProjectXRateLimitedException : ProjectXException
{
    public ProjectXRateLimitedException(string message, TimeSpan? retryAfter = null, Exception? innerException = null) : base(message, innerException)
        => RetryAfter = retryAfter;

    /// <summary>How long the gateway (or the client-side limiter) asked to wait, when known.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>An account, contract, symbol, order or position does not exist.</summary>
public class ProjectXNotFoundException : ProjectXException
{
    public ProjectXNotFoundException(string message, string? resourceKind = null, string? resourceId = null, Exception? innerException = null) : base(message, innerException)
    {
        ResourceKind = resourceKind;
        ResourceId = resourceId;
    }

    /// <summary>What was not found: Account, Contract, Instrument, Order or Position.</summary>
    public string? ResourceKind { get; }
    public string? ResourceId { get; }
}

/// <summary>
/// The gateway refused an order, modification, cancellation or close. A rejected placement may still
/// carry an <see cref="OrderId"/> (spec §4.8): the order exists, with status Rejected.
/// </summary>
public class ProjectXOrderRejectedException : ProjectXException
{
    public ProjectXOrderRejectedException(string message, long? orderId = null, string? customTag = null, Exception? innerException = null) : base(message, innerException)
    {
        OrderId = orderId;
        CustomTag = customTag;
    }

    public long? OrderId { get; }
    public string? CustomTag { get; }
}

/// <summary>
/// A money-moving request was sent but its response was lost (connection reset, timeout). The order may
/// or may not exist. It was NOT retried. Reconcile with <see cref="CustomTag"/> before acting again.
/// </summary>
public class ProjectXAmbiguousOutcomeException : ProjectXException
{
    public ProjectXAmbiguousOutcomeException(string message, string? customTag, Exception? innerException = null) : base(message, innerException)
        => CustomTag = customTag;

    /// <summary>The placement's unique tag, to find the order (<c>ReconcileOrderAsync</c>); null for calls other than placement.</summary>
    public string? CustomTag { get; }
}

/// <summary>
/// Bad input caught before anything was sent: a size of zero, a price off the tick, a malformed date range.
/// <see cref="Reason"/> says which rule failed, so callers (the PowerShell module among them) can branch without
/// reading the message.
/// </summary>
public class ProjectXValidationException : ProjectXException
{
    public ProjectXValidationException(ValidationReason reason, string message, string? parameterName = null) : base(message)
    {
        Reason = reason;
        ParameterName = parameterName;
    }

    public ValidationReason Reason { get; }

    public string? ParameterName { get; }
}

/// <summary>Which rule a <see cref="ProjectXValidationException"/> broke.</summary>
public enum ValidationReason
{
    /// <summary>A value outside what the option or call accepts (a catch-all for settings and counts).</summary>
    InvalidArgument,
    /// <summary>An order or close size below 1, or above what the account may trade.</summary>
    InvalidSize,
    /// <summary>A price that is not a multiple of the contract's tick, with rounding refused.</summary>
    PriceNotOnTick,
    /// <summary>A price that is zero, negative or otherwise impossible.</summary>
    InvalidPrice,
    /// <summary>The order type needs a price that was not given (a limit order without a limit price).</summary>
    MissingPrice,
    /// <summary>A bracket or trail distance in ticks below 1.</summary>
    InvalidTicks,
    /// <summary>A customTag that is empty or too long.</summary>
    InvalidTag,
    /// <summary>A side other than Bid (buy) or Ask (sell).</summary>
    InvalidSide,
    /// <summary>No order type, or one that cannot be placed.</summary>
    InvalidOrderType,
    /// <summary>A modification that changes nothing.</summary>
    NothingToModify,
    /// <summary>A time range that is empty, reversed or not given.</summary>
    InvalidDateRange,
    /// <summary>A bar unit, bar size or timeframe that does not exist.</summary>
    InvalidTimeframe,
    /// <summary>No account given and no default account selected.</summary>
    NoAccount,
    /// <summary>No instrument (symbol, contract or contract id) given.</summary>
    MissingInstrument,
    /// <summary>A firm slug that is not one.</summary>
    UnknownFirm,
    /// <summary>A URL that is not absolute.</summary>
    InvalidUrl,
    /// <summary>Continuous history for a product without a roll rule (see Continuous.RollRules).</summary>
    NoRollRule,
    /// <summary>Continuous history that would need contract months the gateway cannot name (before 2000 or after 2099).</summary>
    OutsideContractHistory,
    /// <summary>A risk amount (or fees) for position sizing that is zero or negative.</summary>
    InvalidRiskAmount,
    /// <summary>A risk amount too small for one contract at the given stop distance.</summary>
    RiskTooSmall,
}
