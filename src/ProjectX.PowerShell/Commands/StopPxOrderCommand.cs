using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Cancels orders by id (from the pipeline), or every working order of the account with -All.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "PxOrder", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PxOrder))]
public sealed class StopPxOrderCommand : ProjectXAccountCmdlet
{
    private const string IdSet = "Id";
    private const string AllSet = "All";

    /// <summary>Order ids; binds the OrderId property of PxOrder objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public long[] OrderId { get; set; } = [];

    /// <summary>Cancel every working order of the account (confirms at high impact).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: only the orders in this instrument.</summary>
    [Parameter(ParameterSetName = AllSet)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Symbol { get; set; }

    /// <summary>Write each cancelled order (as read back after the cancel).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        if (ParameterSetName == AllSet)
        {
            await CancelAllAsync(account, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var id in OrderId)
        {
            OrderModel order;
            try
            {
                order = await Client.GetOrderAsync(id, account.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
            {
                EmitError(ProjectXErrors.FromException(failure, id, ProjectXErrors.OrderNotFoundId));
                continue;
            }

            await CancelOneAsync(account, order, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CancelAllAsync(TradingAccountModel account, CancellationToken cancellationToken)
    {
        string? contractId = null;
        if (Symbol is not null)
        {
            try
            {
                contractId = (await InstrumentAsync(Symbol, cancellationToken).ConfigureAwait(false)).Id;
            }
            catch (ProjectXNotFoundException notFound)
            {
                EmitError(ProjectXErrors.FromException(notFound, Symbol, ProjectXErrors.InstrumentNotFoundId));
                return;
            }
        }

        // Working orders; cancelling an entry also cancels its Suspended bracket legs.
        var open = (await Client.GetOpenOrdersAsync(account.Id, cancellationToken).ConfigureAwait(false))
            .Where(o => contractId is null || string.Equals(o.ContractId, contractId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (open.Count == 0)
        {
            return;
        }

        var scope = Symbol is null ? "" : $" in {Symbol}";
        if (!WhatIfRequested
            && !await ShouldProcessHighImpactAsync(Describe(account), string.Create(CultureInfo.InvariantCulture, $"Cancel all {open.Count} working order(s){scope}")).ConfigureAwait(false))
        {
            return;
        }

        foreach (var order in open)
        {
            await CancelOneAsync(account, order, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CancelOneAsync(TradingAccountModel account, OrderModel order, CancellationToken cancellationToken)
    {
        var contract = await ContractOfAsync(order.ContractId, cancellationToken).ConfigureAwait(false);
        var action = string.Create(CultureInfo.InvariantCulture, $"Cancel order {order.Id} ({OrderDescription.Of(order, contract)})");
        if (!await ShouldProcessAsync(Describe(account), action).ConfigureAwait(false))
        {
            return;
        }

        CancelResult result;
        try
        {
            result = await Client.CancelIfWorkingAsync(order, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, order.Id, ProjectXErrors.OrderNotFoundId));
            return;
        }

        switch (result.Outcome)
        {
            case CancelOutcome.AlreadyEnded:
                // An OCO sibling filled or the order expired while we were on the way: the goal already holds, and a
                // script's next step (Close-PxPosition, say) must not be stopped by an error about it.
                EmitWarning(string.Create(CultureInfo.InvariantCulture, $"Order {order.Id} had already ended before the cancel reached it; nothing was cancelled."));
                break;
            case CancelOutcome.Filled:
                EmitError(ProjectXErrors.OrderAlreadyFilled(order.Id, result.Error!));
                return;
            case CancelOutcome.Failed:
                EmitError(ProjectXErrors.FromException(result.Error!, order.Id, ProjectXErrors.OrderNotFoundId));
                return;
        }

        if (PassThru.IsPresent)
        {
            // The order is no longer working: a failed read-back is a warning, never an error about the cancel itself.
            try
            {
                var cancelled = await Client.GetOrderAsync(order.Id, account.Id, cancellationToken).ConfigureAwait(false);
                Emit(PxOrder.From(cancelled, contract), PxOrder.PSTypeName);
            }
            catch (ProjectXException failure)
            {
                EmitWarning($"Order {order.Id} is no longer working, but reading it back failed: {failure.Message}");
            }
        }
    }
}
