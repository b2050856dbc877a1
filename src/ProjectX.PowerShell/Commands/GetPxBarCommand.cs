using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

using ClientTimeframe = ProjectX.Client.State.Timeframe;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets historical OHLCV bars for one or more symbols, oldest first, fetching the symbols concurrently.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxBar", DefaultParameterSetName = CountSet)]
[OutputType(typeof(PxBar))]
public sealed class GetPxBarCommand : ProjectXConnectionCmdlet
{
    private const string CountSet = "Count";
    private const string RangeSet = "Range";
    private const string DaysSet = "Days";
    private const string LiveSet = "Live";
    private const int MaxConcurrentSymbols = 4;

    private readonly List<string> _symbols = [];
    // Parsed on use, never held in a field: a field of a client value type would make PowerShell load ProjectX.Client
    // while it imports the module, before the module's load context can resolve it.
    private ClientTimeframe ParsedTimeframe => ClientTimeframe.Parse(Timeframe);
    private int _pages;

    /// <summary>Root symbols, contract names or contract ids; binds the Symbol property of PxInstrument objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>The bar size: a number and s, min, h, d, w or mo (e.g. 5min).</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(TimeframeCompleter))]
    [ValidateNotNullOrEmpty]
    public string Timeframe { get; set; } = "1min";

    /// <summary>The most recent bars to return.</summary>
    [Parameter(ParameterSetName = CountSet)]
    [Parameter(ParameterSetName = LiveSet)]
    [ValidateRange(1, 1_000_000)]
    public int Count { get; set; } = 100;

    /// <summary>Read the bars of the live feed Start-PxDataFeed started (no gateway call).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiveSet)]
    public SwitchParameter Live { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
    public DateTime Start { get; set; }

    /// <summary>Default: now.</summary>
    [Parameter(ParameterSetName = RangeSet)]
    [Parameter(ParameterSetName = DaysSet)]
    public DateTime? End { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DaysSet)]
    [ValidateRange(1, 36_500)]
    public int Days { get; set; }

    /// <summary>
    /// RTH or ETH: only bars of that session, and day, week and month bars built on the CME trade date (17:00-16:00
    /// Chicago for most futures). Without it, the gateway's bars as they come (its day bars are UTC days).
    /// </summary>
    [Parameter(ParameterSetName = CountSet)]
    [Parameter(ParameterSetName = RangeSet)]
    [Parameter(ParameterSetName = DaysSet)]
    [ValidateSet("RTH", "ETH")]
    public string? Session { get; set; }

    /// <summary>Also return the bar still forming.</summary>
    [Parameter]
    public SwitchParameter IncludePartialBar { get; set; }

    /// <summary>Stitch the product's contract months at each roll into one series (equity index products).</summary>
    [Parameter(ParameterSetName = CountSet)]
    [Parameter(ParameterSetName = RangeSet)]
    [Parameter(ParameterSetName = DaysSet)]
    public SwitchParameter Continuous { get; set; }

    /// <summary>With -Continuous: None (default), Difference or Ratio back-adjustment at each roll.</summary>
    [Parameter(ParameterSetName = CountSet)]
    [Parameter(ParameterSetName = RangeSet)]
    [Parameter(ParameterSetName = DaysSet)]
    public PxBackAdjustment Adjustment { get; set; } = PxBackAdjustment.None;

    private bool IsLive => ParameterSetName == LiveSet;

    protected override void BeginProcessing()
    {
        _ = TimeframeArgument.Parse(Timeframe, "Nothing was sent.", out var invalid);
        if (invalid is not null)
        {
            ThrowTerminatingError(invalid);
        }

        if (MyInvocation.BoundParameters.ContainsKey(nameof(Adjustment)) && !Continuous.IsPresent)
        {
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(
                ProjectXErrors.AdjustmentWithoutContinuousId,
                "-Adjustment applies to a continuous series: add -Continuous. Nothing was sent.",
                Adjustment));
        }

        if (Continuous.IsPresent && Session is not null)
        {
            // Each continuous bar names its month; a session's day bar can span a roll and has none to name.
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(
                "ProjectX.SessionWithContinuous",
                "-Session and -Continuous can't be combined: a trade-date bar can span a roll. Use one of them. Nothing was sent.",
                Session));
        }

        if (ParameterSetName == RangeSet && DateRange.ToOffset(Start) >= (End is { } end ? DateRange.ToOffset(end) : DateTimeOffset.UtcNow))
        {
            ThrowTerminatingError(ProjectXErrors.InvalidArgument(
                ProjectXErrors.InvalidDateRangeId,
                string.Create(CultureInfo.InvariantCulture, $"-Start {DateRange.ToOffset(Start):u} is not before -End {(End is { } e ? DateRange.ToOffset(e) : DateTimeOffset.UtcNow):u}. Nothing was sent."),
                Start));
        }

        base.BeginProcessing();
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Collected here and fetched together at the end, so symbols arriving one by one from the pipeline
        // still load concurrently.
        _symbols.AddRange(Symbol);
        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (IsLive)
        {
            await EmitLiveBarsAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var symbols = _symbols.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var done = 0;
        using var gate = new SemaphoreSlim(MaxConcurrentSymbols);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetches = symbols.Select(async symbol =>
        {
            await gate.WaitAsync(abandon.Token).ConfigureAwait(false);
            try
            {
                return await FetchAsync(symbol, abandon.Token).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
                ReportProgress(Interlocked.Increment(ref done), symbols.Count, symbol);
            }
        }).ToList();

        try
        {
            // Written in input order as each symbol completes in turn (later symbols keep loading meanwhile).
            foreach (var fetch in fetches)
            {
                var (symbol, contract, bars, error, contractOf) = await fetch.ConfigureAwait(false);
                if (error is not null)
                {
                    EmitError(error);
                    continue;
                }

                foreach (var bar in bars)
                {
                    Emit(PxBar.From(bar, symbol, contractOf?.Invoke(bar) ?? contract!.Id, ParsedTimeframe.ToString(), contract!.TickSize), PxBar.PSTypeName);
                }
            }
        }
        catch
        {
            // A terminating failure (or a stopped pipeline): the other symbols are no longer wanted.
            await abandon.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            // Let every fetch settle before the gate and the token source are disposed.
            await Task.WhenAll(fetches.Select(f => f.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default))).ConfigureAwait(false);
        }

        EmitProgress(new ProgressRecord(1, "Get-PxBar", "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>One symbol's bars; <c>ContractOf</c> names each bar's contract in a continuous series (null: all are <c>Contract</c>'s).</summary>
    private async Task<(string Symbol, ContractModel? Contract, IReadOnlyList<AggregateBarModel> Bars, ErrorRecord? Error, Func<AggregateBarModel, string>? ContractOf)> FetchAsync(string symbol, CancellationToken cancellationToken)
    {
        try
        {
            var contract = Continuous.IsPresent ? null : await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            var request = new BarsRequest
            {
                Contract = contract,
                Instrument = symbol,
                Continuous = Continuous.IsPresent,
                Adjustment = (ProjectX.Client.Continuous.BackAdjustment)(int)Adjustment,
                Unit = ParsedTimeframe.Unit,
                UnitNumber = ParsedTimeframe.Count,
                IncludePartialBar = IncludePartialBar.IsPresent,
                Session = BarSessionArgument.Parse(Session),
            };
            switch (ParameterSetName)
            {
                case RangeSet:
                    request.Start = DateRange.ToOffset(Start);
                    request.End = End is { } end ? DateRange.ToOffset(end) : null;
                    break;
                case DaysSet:
                    request.Days = Days;
                    request.End = End is { } daysEnd ? DateRange.ToOffset(daysEnd) : null;
                    break;
                default:
                    request.Count = Count;
                    break;
            }

            if (Continuous.IsPresent)
            {
                var series = await Client.GetContinuousBarsAsync(request, cancellationToken).ConfigureAwait(false);
                var newest = await Client.GetInstrumentAsync(series.Segments[^1].ContractId, cancellationToken).ConfigureAwait(false);
                return (series.Segments[^1].Symbol, newest, series.Bars, null, series.ContractOf);
            }

            var bars = await Client.GetBarsAsync(request, cancellationToken).ConfigureAwait(false);
            return (PxInstrument.RootSymbol(contract!.Name), contract, bars, null, null);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            return (symbol, null, [], ProjectXErrors.FromException(failure, symbol, ProjectXErrors.InstrumentNotFoundId), null);
        }
    }

    /// <summary>Pages of this pipeline's bar requests become progress (another runspace's requests do not).</summary>
    protected override void OnApiCall(ApiCallCompletedEventArgs e)
    {
        base.OnApiCall(e);
        if (e.Operation == GatewayOperation.RetrieveBars.Name)
        {
            var pages = Interlocked.Increment(ref _pages);
            EmitProgress(new ProgressRecord(1, "Get-PxBar", string.Create(CultureInfo.InvariantCulture, $"{ParsedTimeframe} bars: {pages} page(s) received")));
        }
    }

    private void ReportProgress(int done, int total, string symbol) => EmitProgress(new ProgressRecord(
        1, "Get-PxBar", string.Create(CultureInfo.InvariantCulture, $"{symbol} done ({done} of {total} symbols)"))
    {
        PercentComplete = total == 0 ? 100 : done * 100 / total,
    });

    private async Task EmitLiveBarsAsync(CancellationToken cancellationToken)
    {
        var live = Realtime ?? throw Terminate(ProjectXErrors.RealtimeUnavailable("Get-PxBar -Live"));
        foreach (var symbol in _symbols.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var contract = await Client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            if (live.Engine.FindInstrument(contract.Id)?.Bars is not { } bars || !bars.TryGetSeries(ParsedTimeframe, out var series))
            {
                EmitError(new ErrorRecord(
                    new InvalidOperationException($"No live {ParsedTimeframe} feed for {contract.Name}: start one with Start-PxDataFeed -Symbol {symbol} -Timeframe {ParsedTimeframe}."),
                    ProjectXErrors.NoDataFeedId,
                    ErrorCategory.ObjectNotFound,
                    symbol));
                continue;
            }

            foreach (var bar in series.Last(Count, IncludePartialBar.IsPresent))
            {
                Emit(PxBar.From(bar, LiveProjection.SymbolOf(contract), contract.Id, ParsedTimeframe.ToString(), contract.TickSize), PxBar.PSTypeName);
            }
        }
    }
}
