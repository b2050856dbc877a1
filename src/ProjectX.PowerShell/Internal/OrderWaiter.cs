using ProjectX.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Internal;

internal enum WaitOutcome
{
    Reached,
    TimedOut,
    /// <summary>The order ended in another final status (e.g. cancelled while waiting for Filled).</summary>
    Unreachable,
}

/// <summary>
/// Waits for an order to reach a status by polling Order/searchById with backoff (REST only for now; the
/// realtime layer will replace the polling with user-hub order events).
/// </summary>
internal static class OrderWaiter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private static readonly HashSet<OrderStatus> Final = [OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired, OrderStatus.Rejected];

    public static async Task<(WaitOutcome Outcome, OrderModel Order)> WaitAsync(
        ProjectXClient client,
        long orderId,
        int accountId,
        IReadOnlyCollection<OrderStatus> wanted,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var delay = FirstDelay;
        while (true)
        {
            var order = await client.GetOrderAsync(orderId, accountId, cancellationToken).ConfigureAwait(false);
            if (wanted.Contains(order.Status))
            {
                return (WaitOutcome.Reached, order);
            }

            if (Final.Contains(order.Status))
            {
                return (WaitOutcome.Unreachable, order);
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return (WaitOutcome.TimedOut, order);
            }

            await Task.Delay(delay < left ? delay : left, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
        }
    }
}
