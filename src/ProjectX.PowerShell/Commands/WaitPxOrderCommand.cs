using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Waits until orders reach a status (Filled by default) and writes them; ProjectX.WaitTimeout when the time runs out.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "PxOrder")]
[OutputType(typeof(PxOrder))]
public sealed class WaitPxOrderCommand : ProjectXAccountCmdlet
{
    /// <summary>Order ids; binds the OrderId property of PxOrder objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public long[] OrderId { get; set; } = [];

    /// <summary>The statuses that end the wait (any of them).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public PxOrderStatus[] Status { get; set; } = [PxOrderStatus.Filled];

    /// <summary>Seconds to wait for each order.</summary>
    [Parameter]
    [ValidateRange(1, 86_400)]
    public int Timeout { get; set; } = 60;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = OrderId.Select(id => WaitOneAsync(id, account.Id, abandon.Token)).ToList();
        try
        {
            foreach (var wait in waits)
            {
                var (order, contract, error) = await wait.ConfigureAwait(false);
                if (error is not null)
                {
                    EmitError(error);
                }
                else
                {
                    Emit(PxOrder.From(order!, contract), PxOrder.PSTypeName);
                }
            }
        }
        catch
        {
            // A terminating failure (or a stopped pipeline): stop polling for the other orders.
            await abandon.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            await Task.WhenAll(waits.Select(w => w.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    private async Task<(OrderModel? Order, ContractModel? Contract, ErrorRecord? Error)> WaitOneAsync(long orderId, int accountId, CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, order) = await OrderWaiter.WaitAsync(Client, orderId, accountId, Status.Select(s => (OrderStatus)s).ToList(), TimeSpan.FromSeconds(Timeout), TimeProvider.System, LiveFor(accountId)?.Orders, cancellationToken).ConfigureAwait(false);
            return outcome == WaitOutcome.Reached
                ? (order, await ContractOfAsync(order.ContractId, cancellationToken).ConfigureAwait(false), null)
                : (null, null, NotReached(outcome, order, Status.Select(s => (OrderStatus)s).ToList(), Timeout));
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            return (null, null, ProjectXErrors.FromException(failure, orderId, ProjectXErrors.OrderNotFoundId));
        }
    }

    internal static ErrorRecord NotReached(WaitOutcome outcome, OrderModel order, IReadOnlyCollection<OrderStatus> wanted, int timeoutSeconds)
    {
        var goal = string.Join(" or ", wanted);
        return outcome == WaitOutcome.TimedOut
            ? new ErrorRecord(
                new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Order {order.Id} is still {order.Status} after {timeoutSeconds} s (waiting for {goal}).")),
                ProjectXErrors.WaitTimeoutId,
                ErrorCategory.OperationTimeout,
                order.Id)
            : new ErrorRecord(
                new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Order {order.Id} ended {order.Status}; it can no longer become {goal}.")),
                ProjectXErrors.WaitConditionUnreachableId,
                ErrorCategory.InvalidResult,
                order.Id);
    }
}
