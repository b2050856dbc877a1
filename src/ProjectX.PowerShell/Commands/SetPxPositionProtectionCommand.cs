using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Live;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Attaches a stop and/or a target to an open position, or moves them; the live engine keeps them one-cancels-other and sized to the position.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "PxPositionProtection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PxPositionProtection))]
public sealed class SetPxPositionProtectionCommand : ProjectXAccountCmdlet
{
    /// <summary>Root symbol, contract name or contract id of the position; binds the Symbol property of PxPosition objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string Symbol { get; set; } = "";

    /// <summary>The stop level (a long's stop is below its target, a short's above).</summary>
    [Parameter]
    public decimal? StopPrice { get; set; }

    /// <summary>The stop as a distance in ticks from the position's average price.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int? StopTicks { get; set; }

    /// <summary>The target (take-profit) level.</summary>
    [Parameter]
    public decimal? TargetPrice { get; set; }

    /// <summary>The target as a distance in ticks from the position's average price.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int? TargetTicks { get; set; }

    /// <summary>None (default) refuses an off-tick price; Nearest, Up or Down align it.</summary>
    [Parameter]
    public PxRounding Rounding { get; set; } = PxRounding.None;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        // The legs must be watched to stay one-cancels-other: only the live engine of this account can do it.
        if (LiveFor(account.Id) is not { } live)
        {
            EmitError(ProjectXErrors.ProtectionNeedsRealtime(MyInvocation.MyCommand.Name, Describe(account)));
            return;
        }

        var request = new ProtectionRequest
        {
            Instrument = Symbol,
            StopPrice = StopPrice,
            StopTicks = StopTicks,
            TargetPrice = TargetPrice,
            TargetTicks = TargetTicks,
            Rounding = (PriceRounding)Rounding,
        };
        if (!await ShouldProcessAsync(Describe(account), $"Protect the {Symbol} position: {Describe(request)}").ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var protection = await live.Protection.ProtectAsync(request, cancellationToken).ConfigureAwait(false);
            Emit(PxPositionProtection.From(account.Id, protection, live.TryGetContract(protection.ContractId)), PxPositionProtection.PSTypeName);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, Symbol, ProjectXErrors.PositionNotFoundId));
        }
    }

    private static string Describe(ProtectionRequest request)
    {
        var parts = new List<string>(2);
        if (request.StopPrice is { } sp) parts.Add(FormattableString.Invariant($"stop at {sp}"));
        if (request.StopTicks is { } st) parts.Add(FormattableString.Invariant($"stop {st} ticks"));
        if (request.TargetPrice is { } tp) parts.Add(FormattableString.Invariant($"target at {tp}"));
        if (request.TargetTicks is { } tt) parts.Add(FormattableString.Invariant($"target {tt} ticks"));
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}
