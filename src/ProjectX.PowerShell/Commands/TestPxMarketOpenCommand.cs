using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Returns $true when a symbol's CME market trades now (or at -At): not in the daily break, a weekend, a holiday or after an early close.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PxMarketOpen")]
[OutputType(typeof(bool))]
public sealed class TestPxMarketOpenCommand : PSCmdlet
{
    /// <summary>Symbols, roots or contract ids; one $true or $false each, in order.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionSymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>The instant to test; default now. A time without a zone is local time.</summary>
    [Parameter]
    public DateTime? At { get; set; }

    protected override void ProcessRecord()
    {
        var at = At is { } when ? DateRange.ToOffset(when) : DateTimeOffset.UtcNow;
        foreach (var symbol in Symbol)
        {
            try
            {
                WriteObject(SessionQuery.Of(symbol, calendar => calendar.IsOpen(at)));
            }
            catch (ProjectXException failure)
            {
                // No answer rather than a guess: an unknown product or an expired holiday table is an error, never $false.
                WriteError(ProjectXErrors.FromException(failure, symbol));
            }
        }
    }
}
