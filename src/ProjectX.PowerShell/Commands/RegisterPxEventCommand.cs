using System.Management.Automation;
using Microsoft.PowerShell.Commands;
using System.Management.Automation.Runspaces;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes to a ProjectX realtime event (orders, positions, fills, account, quotes, market trades, depth, closed bars, hub state) as a PowerShell event.</para>
/// </summary>
/// <remarks>
/// The events are raised on the connection's event task; PowerShell's event manager queues them for
/// Get-Event/Wait-Event and runs -Action blocks on the pipeline thread, between statements.
/// </remarks>
[Cmdlet(VerbsLifecycle.Register, "PxEvent")]
[OutputType(typeof(PSEventJob))]
public sealed class RegisterPxEventCommand : ObjectEventRegistrationBase
{
    private readonly CancellationTokenSource _stopping = new();
    private PxEventSource? _source;

    /// <summary>The event to subscribe to.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public PxEventName EventName { get; set; }

    /// <summary>Only events of these instruments (root symbol, contract name or id); subscribes their market data when needed.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>The connection whose events to receive; defaults to the runspace's default connection.</summary>
    [Parameter]
    [ValidateNotNull]
    public PxConnection? Connection { get; set; }

    protected override void BeginProcessing()
    {
        var connection = Connection ?? (Runspace.DefaultRunspace is { } runspace ? ConnectionRegistry.GetDefault(runspace) : null);
        if (connection is null || connection.IsDisposed)
        {
            ThrowTerminatingError(ProjectXErrors.NotConnected());
        }

        var live = connection!.Projection;
        if (live is null)
        {
            ThrowTerminatingError(ProjectXErrors.RealtimeUnavailable(MyInvocation.MyCommand.Name));
        }

        try
        {
            // The pipeline thread must wait here: the registration below happens in the base's EndProcessing.
            var contractIds = Task.Run(() => PrepareAsync(live!, _stopping.Token)).GetAwaiter().GetResult();
            _source = new PxEventSource(live!.Dispatch, EventName, contractIds, Symbol is null ? null : string.Join(",", Symbol));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (ProjectXException failure)
        {
            ThrowTerminatingError(ProjectXErrors.FromException(failure, Symbol, ProjectXErrors.InstrumentNotFoundId));
        }

        base.BeginProcessing();
    }

    protected override void StopProcessing()
    {
        _stopping.Cancel();
        base.StopProcessing();
    }

    /// <summary>Resolves the symbol filter to contract ids and subscribes the market data the event needs.</summary>
    private async Task<IReadOnlySet<string>?> PrepareAsync(LiveProjection live, CancellationToken cancellationToken)
    {
        if (Symbol is null)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in Symbol)
        {
            var contract = await live.Engine.Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            ids.Add(contract.Id);
            switch (EventName)
            {
                case PxEventName.Quote:
                    await live.WatchQuotesAsync(contract, cancellationToken).ConfigureAwait(false);
                    break;
                case PxEventName.MarketTrade:
                    await live.WatchTradesAsync(contract, cancellationToken).ConfigureAwait(false);
                    break;
                case PxEventName.Depth:
                    await live.WatchBookAsync(contract, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        return ids;
    }

    protected override object GetSourceObject() => _source!;

    protected override string GetSourceObjectEventName() => EventName.ToString();
}
