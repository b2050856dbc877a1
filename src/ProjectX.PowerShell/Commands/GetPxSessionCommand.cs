using System.Management.Automation;
using ProjectX.Client;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows a symbol's CME trading calendar: whether it trades now (or at -At), the session, the trade date with its sessions, and the next open and close, in Chicago time.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxSession")]
[OutputType(typeof(PxSession))]
public sealed class GetPxSessionCommand : PSCmdlet
{
    /// <summary>Symbols, roots or contract ids (NQ, ENQ, CON.F.US.ENQ.Z26, NQZ6); binds the Symbol property of PxInstrument objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionSymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>The instant to ask about; default now. A time without a zone is local time.</summary>
    [Parameter]
    public DateTime? At { get; set; }

    protected override void ProcessRecord()
    {
        var at = At is { } when ? DateRange.ToOffset(when) : DateTimeOffset.UtcNow;
        foreach (var symbol in Symbol)
        {
            try
            {
                WriteObject(SessionQuery.Of(symbol, calendar => PxSession.From(symbol, calendar, at)).WithTypeName(PxSession.PSTypeName));
            }
            catch (ProjectXException failure)
            {
                WriteError(ProjectXErrors.FromException(failure, symbol));
            }
        }
    }
}
