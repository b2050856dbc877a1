using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows where an account stands against its risk rules: the trading day's PnL, the daily loss left, the trailing floor, the contracts at risk and the lock.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxRiskStatus")]
[OutputType(typeof(PxRiskStatus))]
public sealed class GetPxRiskStatusCommand : ProjectXAccountCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        if (Client.GetRiskGuard(account.Id) is not { } guard)
        {
            EmitError(ProjectXErrors.NoRiskGuard(account.Id));
            return;
        }

        try
        {
            Emit(PxRiskStatus.From(await guard.GetStatusAsync(cancellationToken).ConfigureAwait(false), guard), PxRiskStatus.PSTypeName);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, account.Id));
        }
    }
}
