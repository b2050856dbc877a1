using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// The shape of the offline calendar cmdlets (Get-PxSession, Test-PxMarketOpen): symbols in, one answer each about one
/// instant. An unknown product or an expired holiday table is an error for that symbol, never a guessed answer.
/// </summary>
public abstract class SessionCalendarCmdlet : PSCmdlet
{
    /// <summary>Symbols, roots or contract ids (NQ, ENQ, CON.F.US.ENQ.Z26, NQZ6); binds the Symbol property of PxInstrument objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionSymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>The instant to ask about; default now. A time without a zone is local time.</summary>
    [Parameter]
    public DateTime? At { get; set; }

    /// <summary>The answer for one symbol at <paramref name="at"/>; throws <see cref="ProjectXException"/> when there is none.</summary>
    private protected abstract object Answer(string symbol, DateTimeOffset at);

    protected override void ProcessRecord()
    {
        var at = At is { } when ? DateRange.ToOffset(when) : DateTimeOffset.UtcNow;
        foreach (var symbol in Symbol)
        {
            try
            {
                WriteObject(Answer(symbol, at));
            }
            catch (ProjectXException failure)
            {
                WriteError(ProjectXErrors.FromException(failure, symbol));
            }
        }
    }
}
