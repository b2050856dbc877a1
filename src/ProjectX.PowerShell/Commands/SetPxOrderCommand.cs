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
        if (Size is <= 0)
        {
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(
                ProjectXErrors.InvalidSizeId,
                string.Create(CultureInfo.InvariantCulture, $"-Size must be at least 1 (got {Size}); cancel the order with Stop-PxOrder instead. Nothing was sent."),
                Size));
        }

        if (Size is null && LimitPrice is null && StopPrice is null && TrailPrice is null)
        {
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(
                "ProjectX.NothingToModify", "Give at least one of -Size, -LimitPrice, -StopPrice or -TrailPrice.", null));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        OrderModel order;
        ContractModel? contract;
        try
        {
            order = await Client.GetOrderAsync(OrderId, account.Id, cancellationToken).ConfigureAwait(false);
            contract = await ContractOfAsync(order.ContractId, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, OrderId, ProjectXErrors.OrderNotFoundId));
            return;
        }

        var changes = new List<string>();
        decimal? limit = LimitPrice, stop = StopPrice, trail = TrailPrice;
        foreach (var (name, price) in new[] { (nameof(LimitPrice), limit), (nameof(StopPrice), stop), (nameof(TrailPrice), trail) })
        {
            if (price is { } p && contract is not null && !TickMath.IsAligned(p, contract.TickSize) && Rounding == PxRounding.None)
            {
                EmitError(NewPxOrderCommand.PriceNotOnTick(name, p, contract));
                return;
            }
        }

        if (contract is not null)
        {
            limit = limit is { } l ? TickMath.Round(l, contract.TickSize, (PriceRounding)Rounding) : null;
            stop = stop is { } s ? TickMath.Round(s, contract.TickSize, (PriceRounding)Rounding) : null;
            trail = trail is { } t ? TickMath.Round(t, contract.TickSize, (PriceRounding)Rounding) : null;
        }

        AddChange(changes, "Size", Size, null);
        AddChange(changes, "LimitPrice", limit, contract?.TickSize);
        AddChange(changes, "StopPrice", stop, contract?.TickSize);
        AddChange(changes, "TrailPrice", trail, contract?.TickSize);
        var action = string.Create(CultureInfo.InvariantCulture, $"Modify order {order.Id} ({OrderText.Describe(order, contract)}): {string.Join(", ", changes)}");
        if (!await ShouldProcessAsync(Describe(account), action).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await Client.ModifyOrderAsync(new OrderModification
            {
                OrderId = order.Id,
                AccountId = account.Id,
                Size = Size,
                LimitPrice = limit,
                StopPrice = stop,
                TrailPrice = trail,
                Rounding = (PriceRounding)Rounding,
            }, cancellationToken).ConfigureAwait(false);
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
                var modified = await Client.GetOrderAsync(order.Id, account.Id, cancellationToken).ConfigureAwait(false);
                Emit(PxOrder.From(modified, contract), PxOrder.PSTypeName);
            }
            catch (ProjectXException failure)
            {
                EmitWarning($"Order {order.Id} was modified, but reading it back failed: {failure.Message}");
            }
        }
    }

    private static void AddChange<T>(List<string> changes, string name, T? value, decimal? tickSize) where T : struct, IFormattable
    {
        if (value is { } v)
        {
            changes.Add($"{name} {(v is decimal d ? OrderText.Price(d, tickSize) : v.ToString(null, CultureInfo.InvariantCulture))}");
        }
    }
}
