using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Adds an indicator's values to each bar that flows through the pipeline, as typed [double] properties (TA-Lib definitions).</para>
/// </summary>
/// <remarks>
/// The indicator state lives in <see cref="IndicatorPipeline"/> (one indicator per contract and timeframe), so this
/// class holds no client type: PowerShell reflects on cmdlets while the module loads.
/// </remarks>
[Cmdlet(VerbsCommon.Add, "PxIndicator")]
[OutputType(typeof(PxBar))]
public sealed class AddPxIndicatorCommand : PSCmdlet
{
    private IndicatorPipeline? _pipeline;

    /// <summary>The indicator (RSI, MACD, Bollinger, ...; TA-Lib names such as BBANDS are accepted).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(IndicatorCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Bars, oldest first: ProjectX.Bar objects, or any object with Time, Open, High, Low, Close and Volume.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The property name for the values (default: the indicator's name); further outputs get it as a prefix.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? As { get; set; }

    [Parameter]
    public int Period { get; set; }

    [Parameter]
    public int Fast { get; set; }

    [Parameter]
    public int Slow { get; set; }

    [Parameter]
    public int Signal { get; set; }

    [Parameter]
    public int KPeriod { get; set; }

    [Parameter]
    public int KSmoothing { get; set; }

    [Parameter]
    public int DPeriod { get; set; }

    [Parameter]
    public int AtrPeriod { get; set; }

    [Parameter]
    public double Multiplier { get; set; }

    [Parameter]
    public double Acceleration { get; set; }

    [Parameter]
    public double Maximum { get; set; }

    /// <summary>The price read: Close, Open, High, Low, Median, Typical or Average.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PriceSourceCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Source { get; set; }

    /// <summary>VWAP: accumulate from this time instead of restarting each trading session.</summary>
    [Parameter]
    public DateTime Anchor { get; set; }

    /// <summary>VWAP: the product whose trading day restarts it (default: each bar's symbol).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Product { get; set; }

    protected override void BeginProcessing()
    {
        var arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in MyInvocation.BoundParameters)
        {
            if (IndicatorPipeline.IsIndicatorParameter(key))
            {
                arguments[key] = value is DateTime time ? DateRange.ToOffset(time) : value;
            }
        }

        _pipeline = IndicatorPipeline.Create(Name, arguments, As, out var invalid);
        if (invalid is not null)
        {
            ThrowTerminatingError(invalid);
        }
    }

    protected override void ProcessRecord()
    {
        if (InputObject is null || _pipeline is null)
        {
            return;
        }

        var error = _pipeline.Add(InputObject);
        if (error is not null)
        {
            WriteError(error);
            return;
        }

        WriteObject(InputObject);
    }
}
