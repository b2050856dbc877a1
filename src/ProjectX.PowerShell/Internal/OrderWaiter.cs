using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.State;

namespace ProjectX.PowerShell.Internal;

internal enum WaitOutcome
{
    Reached,
    TimedOut,
    /// <summary>The order ended in another final status (e.g. cancelled while waiting for Filled).</summary>
    Unreachable,
}

/// <summary>
/// Waits for an order to reach a status. With realtime, user-hub order events (the connection's
/// <see cref="OrderTracker"/>) end the wait the moment they arrive, and Order/searchById is only read at the
/// start and every few seconds as a safety net; without it, Order/searchById is polled with backoff.
/// </summary>
internal static class OrderWaiter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan EventSafetyNet = TimeSpan.FromSeconds(5);
    private static readonly OrderStatus[] Terminal = [.. Enum.GetValues<OrderStatus>().Where(s => s.IsTerminal())];

    public static async Task<(WaitOutcome Outcome, OrderModel Order)> WaitAsync(
        ProjectXClient client,
        long orderId,
        int accountId,
        IReadOnlyCollection<OrderStatus> wanted,
        TimeSpan timeout,
        TimeProvider time,
        OrderTracker? tracker,
        CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var delay = tracker is null ? FirstDelay : EventSafetyNet;
        while (true)
        {
            var order = await client.GetOrderAsync(orderId, accountId, cancellationToken).ConfigureAwait(false);
            if (wanted.Contains(order.Status))
            {
                return (WaitOutcome.Reached, order);
            }

            if (order.Status.IsTerminal())
            {
                return (WaitOutcome.Unreachable, order);
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return (WaitOutcome.TimedOut, order);
            }

            var pause = delay < left ? delay : left;
            if (tracker is null)
            {
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
                continue;
            }

            try
            {
                var pushed = await tracker.WaitForStatusAsync(orderId, [.. wanted, .. Terminal], pause, cancellationToken).ConfigureAwait(false);
                return (wanted.Contains(pushed.Status) ? WaitOutcome.Reached : WaitOutcome.Unreachable, pushed);
            }
            catch (TimeoutException)
            {
                // No event in time: the REST read at the top of the loop decides (and catches a missed event).
            }
        }
    }
}
