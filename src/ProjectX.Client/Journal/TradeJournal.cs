using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Journal;

/// <summary>
/// A trade journal that accumulates across days in a SQLite file (<see cref="DefaultPath"/> unless told otherwise):
/// import fills and orders from the gateway (<see cref="ImportAsync"/>, idempotent), read round trips and statistics,
/// add MAE/MFE from bars, and export CSV. The file opens in any SQLite tool; docs/journal.md describes its tables.
/// </summary>
public sealed class TradeJournal : IAsyncDisposable
{
    /// <summary>Overrides <see cref="DefaultPath"/> for every journal opened without a path: one file for every gateway.</summary>
    public const string PathVariable = "PROJECTX_JOURNAL_PATH";

    /// <summary>
    /// Moves the folder of the default journals (still one file per gateway) away from the per-user data folder:
    /// a portable install, a second user profile, or a test run that must not touch the user's own journal.
    /// </summary>
    public const string DirectoryVariable = "PROJECTX_JOURNAL_DIR";

    /// <summary>How far back the first import of an account looks when not told.</summary>
    public static readonly TimeSpan DefaultFirstImport = TimeSpan.FromDays(30);

    private readonly JournalStore _store;

    private TradeJournal(JournalStore store) => _store = store;

    /// <summary>
    /// $PROJECTX_JOURNAL_PATH, else journal.db in $PROJECTX_JOURNAL_DIR, else ProjectX/journal.db in the per-user data
    /// folder (Linux: $XDG_DATA_HOME or ~/.local/share; macOS: ~/Library/Application Support; Windows: %LOCALAPPDATA%).
    /// </summary>
    public static string DefaultPath => DefaultPathFor(null);

    /// <summary>
    /// The default journal of one gateway: one file per gateway host (<c>journal-api.topstepx.com.db</c>), because trade
    /// and account ids are the gateway's own, so a simulator's or another firm's fills never mix with a real account's.
    /// $PROJECTX_JOURNAL_PATH overrides it, $PROJECTX_JOURNAL_DIR moves its folder; without a gateway, <c>journal.db</c>.
    /// </summary>
    public static string DefaultPathFor(Uri? apiBaseUrl)
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden)
            return overridden;
        var name = apiBaseUrl is null ? "journal.db" : $"journal-{FileNameOf(apiBaseUrl)}.db";
        var folder = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ProjectX");
        return Path.Combine(folder, name);
    }

    private static string FileNameOf(Uri url)
    {
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}_{url.Port}";
        var invalid = Path.GetInvalidFileNameChars();
        return new string(host.ToLowerInvariant().Select(c => invalid.Contains(c) || c == ':' ? '_' : c).ToArray());
    }

    /// <summary>The database file.</summary>
    public string FilePath => _store.Path;

    /// <summary>Set when opening brought the file forward from an older schema: from which version, and where the copy of it as it was is.</summary>
    public JournalUpgrade? Upgrade => _store.Upgrade;

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/> or <see cref="DefaultPath"/>; see also <see cref="OpenAsync(ProjectXClient, string?, CancellationToken)"/>.</summary>
    /// <exception cref="ProjectXJournalException">The file is not a journal (<see cref="JournalFailure.NotAJournal"/>), a newer version
    /// wrote it (<see cref="JournalFailure.NewerSchema"/>), or it cannot be opened (<see cref="JournalFailure.StoreUnreadable"/>); it is left as it was.</exception>
    public static async Task<TradeJournal> OpenAsync(string? path = null, CancellationToken cancellationToken = default) =>
        new(await JournalStore.OpenAsync(string.IsNullOrWhiteSpace(path) ? DefaultPath : path, cancellationToken).ConfigureAwait(false));

    /// <summary>Opens the journal at <paramref name="path"/>, or the client's gateway's own (<see cref="DefaultPathFor"/>).</summary>
    public static Task<TradeJournal> OpenAsync(ProjectXClient client, string? path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return OpenAsync(string.IsNullOrWhiteSpace(path) ? DefaultPathFor(client.ApiBaseUrl) : path, cancellationToken);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    /// <summary>
    /// Backfills from the gateway: Trade/search and Order/search over [since, until) for the account, and the contracts
    /// the fills name. Fills already in the journal (same trade id) are left as they are, so importing twice changes
    /// nothing. Then rebuilds the stored round trips.
    /// </summary>
    public async Task<JournalImport> ImportAsync(ProjectXClient client, DateTimeOffset since, DateTimeOffset? until = null, int? accountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var trades = await client.SearchTradesAsync(since, until, accountId, cancellationToken).ConfigureAwait(false);
        // Orders from a little earlier: a fill's order (and its stop) may have been placed before the first fill.
        var orders = await client.SearchOrdersAsync(since - TimeSpan.FromDays(1), until, accountId, cancellationToken).ConfigureAwait(false);
        var known = await _store.ReadContractsAsync(cancellationToken).ConfigureAwait(false);
        var contracts = new List<JournalContract>();
        foreach (var id in trades.Select(t => t.ContractId).Distinct(StringComparer.Ordinal).Where(id => !known.ContainsKey(id)))
            contracts.Add(JournalContract.From(await client.GetInstrumentAsync(id, cancellationToken).ConfigureAwait(false)));
        return await AddAsync(trades.Select(JournalFill.From).ToList(), orders.Select(JournalOrder.From).ToList(), contracts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports what the gateway has from the account's newest fill in the journal (or <paramref name="since"/>, if earlier;
    /// or <see cref="DefaultFirstImport"/> back for an account it has never seen) up to now.
    /// </summary>
    public async Task<JournalImport> SyncAsync(ProjectXClient client, int accountId, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var latest = await _store.LatestFillAsync(accountId, cancellationToken).ConfigureAwait(false);
        var start = latest is { } l && (since is null || l < since) ? l : since ?? client.Now - DefaultFirstImport;
        return await ImportAsync(client, start, null, accountId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds facts directly (fills, orders, contracts), then rebuilds the stored round trips.</summary>
    public async Task<JournalImport> AddAsync(IReadOnlyCollection<JournalFill> fills, IReadOnlyCollection<JournalOrder>? orders = null, IReadOnlyCollection<JournalContract>? contracts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var contractsAdded = await _store.AddContractsAsync(contracts ?? [], cancellationToken).ConfigureAwait(false);
        await _store.AddOrdersAsync(orders ?? [], cancellationToken).ConfigureAwait(false);
        var fillsAdded = await _store.AddFillsAsync(fills, cancellationToken).ConfigureAwait(false);
        var trips = await RebuildAsync(cancellationToken).ConfigureAwait(false);
        return new JournalImport(fills.Count, fillsAdded, orders?.Count ?? 0, contractsAdded, trips);
    }

    /// <summary>Records price ranges (from <see cref="ExcursionRecorder"/> or bars) and rebuilds the stored round trips.</summary>
    public async Task AddExcursionsAsync(IReadOnlyCollection<PriceExcursion> excursions, CancellationToken cancellationToken = default)
    {
        await _store.AddExcursionsAsync(excursions, cancellationToken).ConfigureAwait(false);
        await RebuildAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The round trips that match <paramref name="filter"/>, in exit order.</summary>
    public async Task<IReadOnlyList<RoundTrip>> GetRoundTripsAsync(JournalFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new JournalFilter();
        filter.Validate();
        var all = await BuildAsync(filter.AccountId, cancellationToken).ConfigureAwait(false);
        return all.Where(filter.Matches).ToList();
    }

    /// <summary>Statistics of the round trips that match <paramref name="filter"/>, grouped as asked.</summary>
    public async Task<IReadOnlyList<TradeStatistics>> GetStatisticsAsync(JournalFilter? filter = null, StatisticsGrouping grouping = StatisticsGrouping.All, CancellationToken cancellationToken = default) =>
        StatisticsCalculator.Compute(await GetRoundTripsAsync(filter, cancellationToken).ConfigureAwait(false), grouping);

    /// <summary>
    /// MAE and MFE afterwards, for the matching round trips that have none from live quotes: one-minute bars over each
    /// trade's span (History/retrieveBars). The first and last bar can hold prices from just before the entry or after
    /// the exit, so a bar-based excursion can be a little larger than the quotes would have shown.
    /// </summary>
    public async Task<int> AddExcursionsFromBarsAsync(ProjectXClient client, JournalFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ranges = new List<PriceExcursion>();
        foreach (var trip in (await GetRoundTripsAsync(filter, cancellationToken).ConfigureAwait(false)).Where(t => t.ExcursionSource == ExcursionSource.None))
        {
            var start = new DateTimeOffset(trip.EntryTime.UtcTicks - (trip.EntryTime.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            var bars = await client.GetBarsAsync(new BarsRequest
            {
                Contract = await client.GetInstrumentAsync(trip.ContractId, cancellationToken).ConfigureAwait(false),
                Unit = AggregateBarUnit.Minute,
                UnitNumber = 1,
                Start = start,
                End = trip.ExitTime.AddMinutes(1),
                IncludePartialBar = true,
            }, cancellationToken).ConfigureAwait(false);
            var span = bars.Where(b => b.T >= start && b.T <= trip.ExitTime).ToList();
            if (span.Count > 0)
                ranges.Add(new PriceExcursion(trip.AccountId, trip.ContractId, trip.EntryTime, trip.ExitTime, span.Min(b => b.L), span.Max(b => b.H), ExcursionSource.Bars));
        }
        if (ranges.Count > 0)
            await AddExcursionsAsync(ranges, cancellationToken).ConfigureAwait(false);
        return ranges.Count;
    }

    /// <summary>
    /// Writes the matching round trips as CSV (RFC 4180, invariant culture: '.' decimals, ISO-8601 UTC times, one header
    /// row), the format spreadsheets and pandas read as is. Returns the number of rows.
    /// </summary>
    public async Task<int> ExportCsvAsync(TextWriter writer, JournalFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var trips = await GetRoundTripsAsync(filter, cancellationToken).ConfigureAwait(false);
        await JournalCsv.WriteAsync(writer, trips, cancellationToken).ConfigureAwait(false);
        return trips.Count;
    }

    private async Task<IReadOnlyList<RoundTrip>> BuildAsync(int? accountId, CancellationToken cancellationToken)
    {
        var fills = await _store.ReadFillsAsync(accountId, cancellationToken).ConfigureAwait(false);
        var orders = await _store.ReadOrdersAsync(accountId, cancellationToken).ConfigureAwait(false);
        var contracts = await _store.ReadContractsAsync(cancellationToken).ConfigureAwait(false);
        var excursions = await _store.ReadExcursionsAsync(accountId, cancellationToken).ConfigureAwait(false);
        return RoundTripBuilder.Build(fills, contracts, orders, excursions);
    }

    private async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var trips = await BuildAsync(null, cancellationToken).ConfigureAwait(false);
        await _store.SaveRoundTripsAsync(trips, cancellationToken).ConfigureAwait(false);
        return trips.Count;
    }
}
