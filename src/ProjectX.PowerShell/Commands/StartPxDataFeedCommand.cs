using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;
using ClientTimeframe = ProjectX.Client.State.Timeframe;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Starts live multi-timeframe bars for symbols: seeded from history, then built from live trades; read them with Get-PxBar -Live.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PxDataFeed")]
[OutputType(typeof(PxDataFeed))]
public sealed class StartPxDataFeedCommand : ProjectXLiveCmdlet
{
    /// <summary>Root symbols, contract names or contract ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>Bar sizes to build, e.g. 1min,5min,1h.</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(TimeframeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Timeframe { get; set; } = ["1min"];

    /// <summary>Closed bars of history fetched per timeframe to seed the feed (0 = none).</summary>
    [Parameter]
    [ValidateRange(0, 20_000)]
    public int HistoryCount { get; set; } = 100;

    private ClientTimeframe[] _frames = [];

    protected override void BeginProcessing()
    {
        var frames = new List<ClientTimeframe>();
        foreach (var text in Timeframe)
        {
            frames.Add(TimeframeArgument.Parse(text, "Nothing was started.", out var invalid));
            if (invalid is not null)
            {
                ThrowTerminatingError(invalid);
            }
        }

        _frames = [.. frames.Distinct()];
        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var symbol in Symbol)
        {
            var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            var feed = await Live.WatchBarsAsync(contract, _frames, HistoryCount, cancellationToken).ConfigureAwait(false);
            Emit(PxDataFeed.From(feed), PxDataFeed.PSTypeName);
        }
    }
}
