using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ProjectX.Client;
using ProjectX.Client.Live;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// Base of every cmdlet that talks to the gateway: takes <c>-Connection</c>, else the runspace's default
/// connection; with neither, stops with <c>ProjectX.NotConnected</c>.
/// </summary>
public abstract class ProjectXConnectionCmdlet : ProjectXAsyncCmdlet
{
    /// <summary>The connection to use; defaults to the one Connect-ProjectX made in this runspace.</summary>
    [Parameter]
    [ValidateNotNull]
    public PxConnection? Connection { get; set; }

    /// <summary>The connection this invocation uses (set before any async step runs).</summary>
    protected PxConnection ActiveConnection { get; private set; } = null!;

    protected ProjectXClient Client => ActiveConnection.Client;

    /// <summary>The connection's live engine and the projection of its events; null with -NoRealtime.</summary>
    internal LiveProjection? Realtime => ActiveConnection.Projection;

    /// <summary>The live engine when it follows <paramref name="accountId"/> (the connection's account), else null.</summary>
    internal LiveAccount? LiveFor(int accountId) => Realtime?.Engine is { } live && live.AccountId == accountId ? live : null;

    /// <summary>The runspace this cmdlet runs in, captured on the pipeline thread.</summary>
    protected Runspace? CurrentRunspace { get; private set; }

    protected override void BeginProcessing()
    {
        CurrentRunspace = Runspace.DefaultRunspace;
        var connection = Connection ?? (CurrentRunspace is null ? null : ConnectionRegistry.GetDefault(CurrentRunspace));
        if (connection is null || connection.IsDisposed)
        {
            ThrowTerminatingError(ProjectXErrors.NotConnected());
        }

        ActiveConnection = connection!;
        base.BeginProcessing();
    }
}
