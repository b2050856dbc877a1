using System.Management.Automation;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Signs out: closes the connection and, if it was this runspace's default, clears the default.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "ProjectX")]
[OutputType(typeof(void))]
public sealed class DisconnectProjectXCommand : ProjectXConnectionCmdlet
{
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        EmitVerbose($"Disconnecting {ActiveConnection}.");
        await ActiveConnection.DisposeAsync().ConfigureAwait(false);
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (CurrentRunspace is not null)
        {
            ConnectionRegistry.ClearDefault(CurrentRunspace, ActiveConnection);
            ConnectionRegistry.RemoveOpened(CurrentRunspace, ActiveConnection);
        }
    }
}
