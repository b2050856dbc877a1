using System.Management.Automation;
using ProjectX.Client.Journal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes the journal's round trips to a CSV file (RFC 4180, invariant culture, ISO-8601 UTC times).</para>
/// </summary>
[Cmdlet(VerbsData.Export, "PxTradeJournal", SupportsShouldProcess = true)]
[OutputType(typeof(System.IO.FileInfo))]
public sealed class ExportPxTradeJournalCommand : ProjectXJournalCmdlet
{
    /// <summary>The CSV file to write.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = "";

    /// <summary>Replace the file if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        if (File.Exists(target) && !Force)
        {
            EmitError(new ErrorRecord(new IOException($"'{target}' exists. Pass -Force to replace it. Nothing was written."), "ProjectX.FileExists", ErrorCategory.ResourceExists, target));
            return;
        }

        var trips = await ReadRoundTripsAsync(JournalPath, cancellationToken).ConfigureAwait(false);
        if (!await ShouldProcessAsync(target, $"Write {trips.Count} round trips as CSV").ConfigureAwait(false))
        {
            return;
        }

        // Written from the trips already filtered here (wildcards), with the journal's one CSV layout.
        var temporary = target + ".tmp";
        await using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
        {
            await JournalCsv.WriteAsync(writer, trips, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, target, overwrite: true);
        Emit(new FileInfo(target), "System.IO.FileInfo");
    }
}
