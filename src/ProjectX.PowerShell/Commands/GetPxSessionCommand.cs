using System.Management.Automation;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows a symbol's CME trading calendar: whether it trades now (or at -At), the session, the trade date with its sessions, and the next open and close, in Chicago time.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxSession")]
[OutputType(typeof(PxSession))]
public sealed class GetPxSessionCommand : SessionCalendarCmdlet
{
    private protected override object Answer(string symbol, DateTimeOffset at) =>
        SessionQuery.Of(symbol, calendar => PxSession.From(symbol, calendar, at)).WithTypeName(PxSession.PSTypeName);
}
