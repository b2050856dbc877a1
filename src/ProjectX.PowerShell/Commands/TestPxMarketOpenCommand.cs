using System.Management.Automation;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Returns $true when a symbol's CME market trades now (or at -At): not in the daily break, a weekend, a holiday or after an early close.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PxMarketOpen")]
[OutputType(typeof(bool))]
public sealed class TestPxMarketOpenCommand : SessionCalendarCmdlet
{
    private protected override object Answer(string symbol, DateTimeOffset at) => SessionQuery.Of(symbol, calendar => calendar.IsOpen(at));
}
