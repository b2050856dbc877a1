using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProjectX.Simulation;

/// <summary>
/// Faults the simulator survived instead of failing a request or dying: an order whose processing threw (it is
/// rejected and every other order goes on), a change notification whose subscriber threw, a background tick that
/// threw. Each is logged once, without a stack trace flood, and counted. Thread-safe.
/// </summary>
public sealed partial class SimulatorDiagnostics(ILoggerFactory? loggerFactory = null)
{
    private readonly ILogger _logger = loggerFactory?.CreateLogger("ProjectX.Simulator") ?? NullLogger.Instance;
    private long _orderFaults;
    private long _notificationFaults;
    private long _backgroundFaults;

    /// <summary>Orders the engine failed to process and rejected instead.</summary>
    public long OrderFaults => Interlocked.Read(ref _orderFaults);
    /// <summary>Change notifications (hub events) whose delivery threw.</summary>
    public long NotificationFaults => Interlocked.Read(ref _notificationFaults);
    /// <summary>Work outside any one order that threw and was skipped: timer ticks (feeds, matching), hub methods.</summary>
    public long BackgroundFaults => Interlocked.Read(ref _backgroundFaults);

    internal void OrderFault(long orderId, Exception exception)
    {
        Interlocked.Increment(ref _orderFaults);
        LogOrderFault(_logger, orderId, exception.GetType().Name, exception.Message);
    }

    internal void NotificationFault(Exception exception)
    {
        Interlocked.Increment(ref _notificationFaults);
        LogNotificationFault(_logger, exception.GetType().Name, exception.Message);
    }

    /// <summary>Counts and logs (one line, no stack trace) a fault a host or timer survived; <paramref name="what"/> names the work.</summary>
    public void BackgroundFault(string what, Exception exception)
    {
        Interlocked.Increment(ref _backgroundFaults);
        LogBackgroundFault(_logger, what, exception.GetType().Name, exception.Message);
    }

    [LoggerMessage(1, LogLevel.Error, "Order {OrderId} failed while being processed and was rejected: {ExceptionType}: {Message}")]
    private static partial void LogOrderFault(ILogger logger, long orderId, string exceptionType, string message);

    [LoggerMessage(2, LogLevel.Error, "A change notification failed and was skipped: {ExceptionType}: {Message}")]
    private static partial void LogNotificationFault(ILogger logger, string exceptionType, string message);

    [LoggerMessage(3, LogLevel.Error, "{What} failed and was skipped: {ExceptionType}: {Message}")]
    private static partial void LogBackgroundFault(ILogger logger, string what, string exceptionType, string message);
}
