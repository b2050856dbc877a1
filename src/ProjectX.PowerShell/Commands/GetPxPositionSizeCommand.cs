using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Works out how many contracts to trade for a dollar risk and a stop distance (in ticks, or from an entry and a stop price). Sends nothing.</para>
/// </summary>
/// <remarks>
/// A cmdlet of its own rather than a -RiskAmount set on New-PxOrder: the size is shown before anything is sent, the
/// same figure feeds any order cmdlet (-Size (Get-PxPositionSize ...).Size), and New-PxOrder keeps one meaning per parameter.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "PxPositionSize", DefaultParameterSetName = TicksSet)]
[OutputType(typeof(PxPositionSize))]
public sealed class GetPxPositionSizeCommand : ProjectXConnectionCmdlet
{
    private const string TicksSet = "Ticks";
    private const string PriceSet = "Price";

    /// <summary>Root symbol, contract name or contract id; binds the Symbol property of PxInstrument objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string Symbol { get; set; } = "";

    /// <summary>The most money the trade may lose at the stop, fees included.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public decimal RiskAmount { get; set; }

    /// <summary>The stop's distance from the entry, in ticks.</summary>
    [Parameter(Mandatory = true, Position = 2, ParameterSetName = TicksSet)]
    public int StopTicks { get; set; }

    /// <summary>The planned entry price (with -StopPrice).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PriceSet)]
    public decimal EntryPrice { get; set; }

    /// <summary>The planned stop price; the distance to -EntryPrice is rounded up to whole ticks.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PriceSet)]
    public decimal StopPrice { get; set; }

    /// <summary>Round-trip fees and commissions per contract, counted against the risk (default 0).</summary>
    [Parameter]
    public decimal FeesPerContract { get; set; }

    /// <summary>Never more than this many contracts.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxSize { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        try
        {
            var contract = await Client.GetInstrumentAsync(Symbol, cancellationToken).ConfigureAwait(false);
            var size = ParameterSetName == PriceSet
                ? PositionSizing.FromStopPrice(contract, RiskAmount, EntryPrice, StopPrice, FeesPerContract, MaxSize)
                : PositionSizing.FromTicks(contract, RiskAmount, StopTicks, FeesPerContract, MaxSize);
            Emit(PxPositionSize.From(size), PxPositionSize.PSTypeName);
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, Symbol, ProjectXErrors.InstrumentNotFoundId));
        }
    }
}
