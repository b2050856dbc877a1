using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Live;

// What the live engine logs: ids, counts and failures. Never a token or a payload.
internal static partial class LiveLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Looking up contract {ContractId} failed; its events carry the id alone")]
    public static partial void ContractLookupFailed(ILogger logger, string contractId, Exception error);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Repairing market state after a gap failed; the next gap repairs again")]
    public static partial void RepairFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Applying a {EventType} failed; the engine carries on with the next event")]
    public static partial void ApplyFailed(ILogger logger, string eventType, Exception error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "A {EventName} handler threw; the other handlers still ran")]
    public static partial void HandlerFailed(ILogger logger, string eventName, Exception error);
}
