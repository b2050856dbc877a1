using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lifts the risk guard's lock after a breach, so new entries are allowed again; with -Reset, deletes the guard's saved state (the way out of a corrupt state file).</para>
/// </summary>
[Cmdlet(VerbsCommon.Unlock, "PxRisk", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PxRiskStatus))]
public sealed class UnlockPxRiskCommand : ProjectXAccountCmdlet
{
    /// <summary>Also delete the saved state: the highs restart from the rules' starting balance and today's balance.</summary>
    [Parameter]
    public SwitchParameter Reset { get; set; }

    /// <summary>Write the account's risk status afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        if (Client.GetRiskGuard(account.Id) is not { } guard)
        {
            EmitError(ProjectXErrors.NoRiskGuard(account.Id));
            return;
        }

        var action = Reset ? "Delete the risk state (high-water marks, day figures, lock) and unlock" : "Unlock the risk guard (new entries allowed again)";
        if (!await ShouldProcessAsync(Describe(account), action).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (Reset)
            {
                await guard.ResetStateAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await guard.UnlockAsync(cancellationToken).ConfigureAwait(false);
            }

            if (PassThru)
            {
                Emit(PxRiskStatus.From(await guard.GetStatusAsync(cancellationToken).ConfigureAwait(false), guard), PxRiskStatus.PSTypeName);
            }
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, account.Id));
        }
    }
}
