using System.Management.Automation;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows the session: user, default account, token expiry, hub states, rate-limit budget, simulator or not, API URL.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxConnection")]
[OutputType(typeof(PxConnection))]
public sealed class GetPxConnectionCommand : ProjectXConnectionCmdlet
{
    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        // No gateway call: everything is known locally, so this works even when the rate limit is exhausted.
        Emit(ActiveConnection, PxConnection.PSTypeName);
        return Task.CompletedTask;
    }
}
