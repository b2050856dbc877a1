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

    /// <summary>Indicators on the live bars: names (RSI) or hashtables (@{ Name = 'SMA'; Period = 50; As = 'Slow' }).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(IndicatorCompleter))]
    [ValidateNotNullOrEmpty]
    public object[] Indicator { get; set; } = [];

    private ClientTimeframe[] _frames = [];
    private readonly List<IndicatorPipeline> _indicators = [];

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
        foreach (var spec in Indicator)
        {
            var indicator = IndicatorPipeline.FromSpec(spec, out var invalid);
            if (invalid is not null)
            {
                ThrowTerminatingError(invalid);
            }

            _indicators.Add(indicator!);
        }

        var taken = _indicators.SelectMany(i => i.Properties).GroupBy(p => p, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (taken is not null)
        {
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(ProjectXErrors.InvalidIndicatorId,
                $"Two indicators would write the property '{taken.Key}'. Give one another name with As (@{{ Name = 'SMA'; Period = 50; As = 'Slow' }}). Nothing was started.", Indicator));
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var symbol in Symbol)
        {
            var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            var feed = await Live.WatchBarsAsync(contract, _frames, HistoryCount, cancellationToken).ConfigureAwait(false);
            if (_indicators.Count > 0)
            {
                foreach (var frame in _frames)
                {
                    Live.IndicatorFeeds.Attach(feed, frame, _indicators);
                }
            }

            Emit(PxDataFeed.From(feed), PxDataFeed.PSTypeName);
        }
    }
}
