using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>Base of the market-data cmdlets: they need the connection's hubs, else stop with ProjectX.RealtimeUnavailable.</summary>
public abstract class ProjectXLiveCmdlet : ProjectXConnectionCmdlet
{
    internal LiveSession Live { get; private set; } = null!;

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        Live = Realtime ?? throw Terminate(ProjectXErrors.RealtimeUnavailable(MyInvocation.MyCommand.Name));
        return Task.CompletedTask;
    }

    /// <summary>Resolves a root symbol, contract name or id and remembers the contract for the live events.</summary>
    internal async Task<ContractModel> ResolveAsync(string symbol, CancellationToken cancellationToken)
    {
        var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        Live.Remember(contract);
        return contract;
    }
}
