using System.Management.Automation;
using ProjectX.Client.Journal;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// Base of the journal cmdlets: the journal file (-Path, default the per-user one), the round trips to read
/// (-Since/-Until on the exit time, -Symbol/-Tag with wildcards), and bringing the journal up to date with the
/// account's fills first (Trade/search) unless -NoSync.
/// </summary>
public abstract class ProjectXJournalCmdlet : ProjectXAccountCmdlet
{
    /// <summary>Round trips that closed at or after this time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Round trips that closed before this time.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>Only these instruments (root symbol, contract name or contract id; wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(SymbolCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>Only trades whose strategy label or entry order tag matches (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Tag { get; set; }

    /// <summary>The journal database (default: $env:PROJECTX_JOURNAL_PATH, else journal-&lt;gateway host&gt;.db in $env:PROJECTX_JOURNAL_DIR, else in ProjectX in the per-user data folder).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Read the journal as it is, without importing new fills from the gateway first.</summary>
    [Parameter]
    public SwitchParameter NoSync { get; set; }

    protected override void BeginProcessing()
    {
        if (Since is { } since && Until is { } until && DateRange.ToOffset(since) >= DateRange.ToOffset(until))
        {
            ThrowTerminatingError(DateRange.Invalid("Since", since, "Until", until));
        }

        base.BeginProcessing();
    }

    /// <summary>The journal file as the user named it, relative to the current PowerShell location.</summary>
    protected string? JournalPath => Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);

    /// <summary>The matching round trips, after syncing the account's fills (unless -NoSync).</summary>
    protected async Task<IReadOnlyList<RoundTrip>> ReadRoundTripsAsync(string? journalPath, CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        await using var journal = await TradeJournal.OpenAsync(Client, journalPath, cancellationToken).ConfigureAwait(false);
        if (journal.Upgrade is { } upgrade)
        {
            EmitVerbose($"Journal {journal.FilePath}: brought forward from schema version {upgrade.FromVersion}; the file as it was is kept at {upgrade.BackupPath}.");
        }

        var since = Since is { } s ? DateRange.ToOffset(s) : (DateTimeOffset?)null;
        if (!NoSync)
        {
            var import = await journal.SyncAsync(Client, account.Id, since, cancellationToken).ConfigureAwait(false);
            EmitVerbose($"Journal {journal.FilePath}: {import.FillsAdded} new of {import.FillsRead} fills read, {import.RoundTrips} round trips.");
        }

        var trips = await journal.GetRoundTripsAsync(new JournalFilter
        {
            AccountId = account.Id,
            Since = since,
            Until = Until is { } u ? DateRange.ToOffset(u) : null,
        }, cancellationToken).ConfigureAwait(false);
        var symbols = Patterns(Symbol);
        var tags = Patterns(Tag);
        return trips.Where(t => (symbols is null || symbols.Any(p => p.IsMatch(t.Symbol) || p.IsMatch(t.Contract) || p.IsMatch(t.ContractId)))
            && (tags is null || tags.Any(p => (t.Tag is { } label && p.IsMatch(label)) || (t.EntryTag is { } full && p.IsMatch(full))))).ToList();
    }

    private static List<WildcardPattern>? Patterns(string[]? values) =>
        values?.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase)).ToList();
}
