using Microsoft.Extensions.Logging;

namespace ProjectX.Client.Realtime;

// What the realtime layer logs: hub names, states, event names and counts. Never a token, URL query or payload.
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Hub} hub is {State}")]
    public static partial void StateChanged(ILogger logger, HubKind hub, RealtimeConnectionState state, Exception? error);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Hub} hub connect attempt {Attempt} failed; next attempt in {DelayMs:0} ms")]
    public static partial void ConnectFailed(ILogger logger, HubKind hub, int attempt, double delayMs, Exception error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Malformed {Target} payload skipped")]
    public static partial void MalformedPayload(ILogger logger, string target, Exception? error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "A {EventType} handler threw; later events are still delivered")]
    public static partial void HandlerFailed(ILogger logger, string eventType, Exception error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Market feed silent for {SilentMs:0} ms while subscribed; forcing a reconnect")]
    public static partial void StaleFeed(ILogger logger, double silentMs);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "GatewayLogout received on the {Hub} hub; re-authenticating and reconnecting")]
    public static partial void Logout(ILogger logger, HubKind hub);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Re-authentication after a session end failed")]
    public static partial void ReauthFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "REST re-sync failed (attempt {Attempt})")]
    public static partial void ResyncFailed(ILogger logger, int attempt, Exception error);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "REST re-sync published {Count} change(s)")]
    public static partial void Resynced(ILogger logger, int count);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "{Hub} hub: replaying {Method} failed")]
    public static partial void ReplayFailed(ILogger logger, HubKind hub, string method, Exception error);
}
