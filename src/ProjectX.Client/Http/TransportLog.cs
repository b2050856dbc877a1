using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Http;

// What the transport logs. Operation names, statuses, timings and tags only: never a body, token or key.
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Operation} attempt {Attempt}: HTTP {Status} in {ElapsedMs:0} ms")]
    public static partial void CallCompleted(ILogger logger, string operation, int attempt, int? status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Operation} failed transiently ({Reason}); retry {Retry} in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string operation, string reason, int retry, double delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Operation} outcome unknown (customTag {CustomTag}); it was not resent: {Reason}")]
    public static partial void AmbiguousOutcome(ILogger logger, string operation, string? customTag, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Operation} refused with HTTP 401; refreshing the session")]
    public static partial void Unauthorized(ILogger logger, string operation);
}
