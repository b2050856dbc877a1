using ProjectX.Client.Journal;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>The client's clock (<see cref="ProjectXClientOptions.TimeProvider"/>).</summary>
    internal DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>
    /// The round trips of the account (default: the client's default account) that match <paramref name="filter"/>, after
    /// bringing the journal up to date with the gateway (<see cref="TradeJournal.SyncAsync"/>: fills since the newest one
    /// it has, or since <see cref="JournalFilter.Since"/> when that is earlier). <paramref name="journalPath"/> defaults to
    /// this gateway's journal (<see cref="TradeJournal.DefaultPathFor"/>).
    /// </summary>
    public async Task<IReadOnlyList<RoundTrip>> JournalAsync(JournalFilter? filter = null, string? journalPath = null, CancellationToken cancellationToken = default)
    {
        filter = Scoped(filter);
        await using var journal = await TradeJournal.OpenAsync(this, journalPath, cancellationToken).ConfigureAwait(false);
        await journal.SyncAsync(this, filter.AccountId!.Value, filter.Since, cancellationToken).ConfigureAwait(false);
        return await journal.GetRoundTripsAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Statistics of <see cref="JournalAsync"/>'s round trips, grouped by <paramref name="grouping"/> (conventions on <see cref="TradeStatistics"/>).</summary>
    public async Task<IReadOnlyList<TradeStatistics>> StatisticsAsync(JournalFilter? filter = null, StatisticsGrouping grouping = StatisticsGrouping.All, string? journalPath = null, CancellationToken cancellationToken = default) =>
        StatisticsCalculator.Compute(await JournalAsync(filter, journalPath, cancellationToken).ConfigureAwait(false), grouping);

    private JournalFilter Scoped(JournalFilter? filter)
    {
        filter ??= new JournalFilter();
        filter.Validate();
        return filter with { AccountId = ResolveAccountId(filter.AccountId) };
    }
}
