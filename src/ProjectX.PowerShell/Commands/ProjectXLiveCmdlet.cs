using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>Base of the market-data cmdlets: they need the connection's live engine, else stop with ProjectX.RealtimeUnavailable.</summary>
public abstract class ProjectXLiveCmdlet : ProjectXConnectionCmdlet
{
    internal LiveProjection Live { get; private set; } = null!;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        Live = Realtime ?? throw Terminate(ProjectXErrors.RealtimeUnavailable(MyInvocation.MyCommand.Name));
        return Task.CompletedTask;
    }
}
