using System.Management.Automation;
using ProjectX.Client.Journal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the round trips (flat to flat, FIFO) built from the account's fills, from a journal that accumulates across days.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PxTradeJournal")]
[OutputType(PSTypeName)]
public sealed class GetPxTradeJournalCommand : ProjectXJournalCmdlet
{
    public const string PSTypeName = "ProjectX.RoundTrip";

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var trip in await ReadRoundTripsAsync(JournalPath, cancellationToken).ConfigureAwait(false))
        {
            Emit(trip, PSTypeName);
        }
    }
}
