using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Modifies a working order: size, limit, stop or trail price.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "PxOrder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PxOrder))]
public sealed class SetPxOrderCommand : ProjectXAccountCmdlet
{
    /// <summary>The order; binds the OrderId property of PxOrder objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public long OrderId { get; set; }

    [Parameter]
    public int? Size { get; set; }

    [Parameter]
    public decimal? LimitPrice { get; set; }

    [Parameter]
    public decimal? StopPrice { get; set; }

    /// <summary>The new absolute trail level.</summary>
    [Parameter]
    public decimal? TrailPrice { get; set; }

    /// <summary>None (default) refuses an off-tick price; Nearest, Up or Down align it.</summary>
    [Parameter]
    public PxRounding Rounding { get; set; } = PxRounding.None;

    /// <summary>Write the modified order.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        // The client's rules that need no order: a bad -Size, or nothing to change, stops the command at once.
        try
        {
            TicketRules.CheckModification(Modification(orderId: 0, accountId: null));
        }
        catch (ProjectXValidationException invalid)
        {
            ThrowTerminatingError(ProjectXErrors.FromException(invalid, Size));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        PreparedModification change;
        try
        {
            // Reads the order and its contract, and puts the new prices on the tick (or refuses them).
            change = await Client.PrepareModificationAsync(Modification(OrderId, account.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, OrderId, ProjectXErrors.OrderNotFoundId));
            return;
        }

        if (!await ShouldProcessAsync(Describe(account), change.Description).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await Client.ModifyOrderAsync(change, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, OrderId, ProjectXErrors.OrderNotFoundId));
            return;
        }

        if (PassThru.IsPresent)
        {
            // The modification succeeded: a failed read-back is a warning, never an error about the change itself.
            try
            {
                var modified = await Client.GetOrderAsync(change.Order.Id, account.Id, cancellationToken).ConfigureAwait(false);
                Emit(PxOrder.From(modified, change.Contract), PxOrder.PSTypeName);
            }
            catch (ProjectXException failure)
            {
                EmitWarning($"Order {change.Order.Id} was modified, but reading it back failed: {failure.Message}");
            }
        }
    }

    private OrderModification Modification(long orderId, int? accountId) => new()
    {
        OrderId = orderId,
        AccountId = accountId,
        Size = Size,
        LimitPrice = LimitPrice,
        StopPrice = StopPrice,
        TrailPrice = TrailPrice,
        Rounding = (PriceRounding)Rounding,
    };
}
