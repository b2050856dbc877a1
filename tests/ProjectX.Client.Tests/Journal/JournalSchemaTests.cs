using Microsoft.Data.Sqlite;
using ProjectX.Client.Journal;
using static ProjectX.Client.Tests.Journal.JournalFixtures;

namespace ProjectX.Client.Tests.Journal;

/// <summary>
/// The journal file across versions: a file of every schema that shipped opens and is brought forward with its rows,
/// and a file that is newer, not a journal, or not SQLite is refused with its reason and left byte for byte as it was.
/// The old schemas are written out here as they shipped (git history of JournalSchema.cs), not taken from the code.
/// </summary>
public sealed class JournalSchemaTests : IDisposable
{
    /// <summary>"PXJL": the application_id a journal carries from version 2 (docs/journal.md).</summary>
    private const long JournalApplicationId = 0x50584A4C;

    /// <summary>Version 1 as first released (commit b463854): round_trip_fills without the PnL columns.</summary>
    private const string Version1FirstRelease = """
        CREATE TABLE contracts (contract_id TEXT PRIMARY KEY, name TEXT NOT NULL, symbol_id TEXT NOT NULL, tick_size TEXT NOT NULL, tick_value TEXT NOT NULL);
        CREATE TABLE fills (trade_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, contract_id TEXT NOT NULL, timestamp TEXT NOT NULL, side TEXT NOT NULL,
            size INTEGER NOT NULL, price TEXT NOT NULL, fees TEXT NOT NULL, commissions TEXT, profit_and_loss TEXT, order_id INTEGER NOT NULL, voided INTEGER NOT NULL);
        CREATE INDEX fills_by_account_time ON fills (account_id, timestamp);
        CREATE TABLE orders (order_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, contract_id TEXT NOT NULL, created TEXT NOT NULL, type TEXT NOT NULL,
            side TEXT NOT NULL, size INTEGER NOT NULL, stop_price TEXT, limit_price TEXT, custom_tag TEXT, parent_order_id INTEGER, status TEXT NOT NULL);
        CREATE TABLE excursions (account_id INTEGER NOT NULL, contract_id TEXT NOT NULL, from_time TEXT NOT NULL, until_time TEXT NOT NULL, low TEXT NOT NULL,
            high TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (account_id, contract_id, from_time, source));
        CREATE TABLE round_trips (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, contract_id TEXT NOT NULL, contract TEXT NOT NULL, symbol TEXT NOT NULL,
            direction TEXT NOT NULL, size INTEGER NOT NULL, max_position INTEGER NOT NULL, entry_time TEXT NOT NULL, exit_time TEXT NOT NULL, trading_day TEXT NOT NULL,
            entry_price TEXT NOT NULL, exit_price TEXT NOT NULL, gross_pnl TEXT NOT NULL, fees TEXT NOT NULL, net_pnl TEXT NOT NULL, duration_s REAL NOT NULL,
            mae TEXT, mfe TEXT, excursion_source TEXT NOT NULL, initial_stop TEXT, r_multiple TEXT, entry_tag TEXT, exit_tag TEXT, tag TEXT,
            entry_order_id INTEGER NOT NULL, gateway_pnl TEXT, pnl_check TEXT NOT NULL);
        CREATE INDEX round_trips_by_day ON round_trips (trading_day);
        CREATE TABLE round_trip_fills (round_trip_id INTEGER NOT NULL, trade_id INTEGER NOT NULL, role TEXT NOT NULL, quantity INTEGER NOT NULL,
            PRIMARY KEY (round_trip_id, trade_id, role));
        PRAGMA journal_mode = WAL;
        PRAGMA user_version = 1;
        """;

    /// <summary>Version 1 as changed without a new number (commit 6bb7101): round_trip_fills gained three PnL columns.</summary>
    private static readonly string Version1WithPnlColumns = Version1FirstRelease.Replace(
        "quantity INTEGER NOT NULL,\n", "quantity INTEGER NOT NULL, realized_pnl TEXT, average_cost_pnl TEXT, reported_pnl TEXT,\n", StringComparison.Ordinal);

    /// <summary>A day of MNQ fills as SQL (the same trades as <see cref="JournalFixtures"/>: gross 50 and 20), and what the old code derived from them.</summary>
    private const string Version1Rows = """
        INSERT INTO contracts VALUES ('CON.F.US.MNQ.Z26', 'MNQZ6', 'F.US.MNQ', '0.25', '0.50');
        INSERT INTO fills VALUES
            (1, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:00:00.0000000Z', 'Buy', 1, '21000', '0.37', NULL, NULL, 1, 0),
            (2, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:01:00.0000000Z', 'Buy', 2, '21010', '0.74', NULL, NULL, 2, 0),
            (3, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:02:00.0000000Z', 'Sell', 2, '21020', '0.74', NULL, NULL, 3, 0),
            (4, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:03:00.0000000Z', 'Sell', 1, '21005', '0.37', NULL, NULL, 4, 0),
            (5, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:04:00.0000000Z', 'Sell', 1, '21100', '0.37', NULL, NULL, 5, 0),
            (6, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:05:00.0000000Z', 'Buy', 1, '21090', '0.37', NULL, NULL, 6, 0);
        INSERT INTO orders VALUES (1, 1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:00:00.0000000Z', 'Market', 'Buy', 1, NULL, NULL, 'orb-00ff', NULL, 'Filled');
        INSERT INTO excursions VALUES (1001, 'CON.F.US.MNQ.Z26', '2026-12-03T15:00:00.0000000Z', '2026-12-03T15:03:00.0000000Z', '20995', '21025', 'Bars');
        INSERT INTO round_trips VALUES (1, 1001, 'CON.F.US.MNQ.Z26', 'MNQZ6', 'MNQ', 'Long', 3, 3, '2026-12-03T15:00:00.0000000Z', '2026-12-03T15:03:00.0000000Z',
            '2026-12-03', '21006.666666666666666666666667', '21015', '50', '2.22', '47.78', 180.0, NULL, NULL, 'None', NULL, NULL, 'orb-00ff', NULL, 'orb', 1, NULL, 'NotReported');
        INSERT INTO round_trip_fills (round_trip_id, trade_id, role, quantity) VALUES (1, 1, 'Entry', 1), (1, 2, 'Entry', 2), (1, 3, 'Exit', 2), (1, 4, 'Exit', 1);
        """;

    /// <summary>Every table's rows, in the columns version 1 had (what must survive the upgrade).</summary>
    private static readonly string[] Version1Queries =
    [
        "SELECT * FROM contracts ORDER BY contract_id",
        "SELECT * FROM fills ORDER BY trade_id",
        "SELECT * FROM orders ORDER BY order_id",
        "SELECT * FROM excursions ORDER BY from_time",
        "SELECT * FROM round_trips ORDER BY id",
        "SELECT round_trip_id, trade_id, role, quantity FROM round_trip_fills ORDER BY 1, 2, 3",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("pxjournal-schema-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    public static TheoryData<string> ShippedVersion1Schemas() => new() { "first release", "with PnL columns" };

    [Theory]
    [MemberData(nameof(ShippedVersion1Schemas))]
    public async Task A_version_1_journal_is_brought_forward_with_its_rows_and_a_copy_of_it_as_it_was(string schema)
    {
        var path = PathOf("journal.db");
        await CreateVersion1Async(path, schema);
        var before = await DumpAsync(path, Version1Queries);
        Assert.Contains("21006.666666666666666666666667", before, StringComparison.Ordinal);

        await using (var journal = await TradeJournal.OpenAsync(path))
        {
            Assert.NotNull(journal.Upgrade);
            Assert.Equal(1, journal.Upgrade.FromVersion);
            Assert.Equal(PathOf("journal.v1-backup.db"), journal.Upgrade.BackupPath);
            // Read without importing anything: the facts of version 1 are what the round trips are built from.
            Assert.Equal([50m, 20m], (await journal.GetRoundTripsAsync()).Select(t => t.GrossPnl));
        }

        Assert.Equal(before, await DumpAsync(path, Version1Queries));
        Assert.Equal((JournalApplicationId, 2L), await HeaderAsync(path));
        Assert.Equal("NULL|NULL|NULL\nNULL|NULL|NULL\nNULL|NULL|NULL\nNULL|NULL|NULL\n",
            await DumpAsync(path, ["SELECT realized_pnl, average_cost_pnl, reported_pnl FROM round_trip_fills ORDER BY round_trip_id, trade_id"]));
        // The copy is the file as it was: version 1, the same rows, still readable by the version that wrote it.
        Assert.Equal((0L, 1L), await HeaderAsync(PathOf("journal.v1-backup.db")));
        Assert.Equal(before, await DumpAsync(PathOf("journal.v1-backup.db"), Version1Queries));
    }

    [Theory]
    [MemberData(nameof(ShippedVersion1Schemas))]
    public async Task After_the_upgrade_importing_the_same_fills_again_changes_nothing(string schema)
    {
        var path = PathOf("journal.db");
        await CreateVersion1Async(path, schema);

        await using (var journal = await TradeJournal.OpenAsync(path))
        {
            var first = await journal.AddAsync(Day(), [Order(1, Gateway.OrderType.Market, Gateway.OrderSide.Bid, 0, tag: "orb-00ff")], [Mnq]);
            Assert.Equal((6, 0, 0, 2), (first.FillsRead, first.FillsAdded, first.ContractsAdded, first.RoundTrips));
        }
        var all = Version1Queries.Append("SELECT * FROM round_trip_fills ORDER BY 1, 2, 3").ToArray();
        var afterFirst = await DumpAsync(path, all);
        // The rebuild filled in the exits' FIFO PnL, which the first release had no column for: by hand, trade 3 closes
        // 1 lot from 21000 and 1 from 21010 at 21020 (+30 points × $2), trade 4 1 lot from 21010 at 21005, trade 6 a short.
        Assert.Equal("3|60.00\n4|-10.00\n6|20.00\n",
            await DumpAsync(path, ["SELECT trade_id, printf('%.2f', realized_pnl) FROM round_trip_fills WHERE role = 'Exit' ORDER BY trade_id"]));

        await using (var journal = await TradeJournal.OpenAsync(path))
        {
            Assert.Null(journal.Upgrade);
            var second = await journal.AddAsync(Day(), [Order(1, Gateway.OrderType.Market, Gateway.OrderSide.Bid, 0, tag: "orb-00ff")], [Mnq]);
            Assert.Equal((6, 0, 0, 2), (second.FillsRead, second.FillsAdded, second.ContractsAdded, second.RoundTrips));
        }

        Assert.Equal(afterFirst, await DumpAsync(path, all));
        Assert.Single(Directory.GetFiles(_folder, "*backup*"));
    }

    [Fact]
    public async Task A_new_file_is_created_at_the_current_version_with_the_journal_application_id()
    {
        var path = PathOf("new.db");

        await using (var journal = await TradeJournal.OpenAsync(path))
            Assert.Null(journal.Upgrade);

        Assert.Equal((JournalApplicationId, 2L), await HeaderAsync(path));
    }

    [Fact]
    public async Task An_empty_file_becomes_a_journal()
    {
        var path = PathOf("empty.db");
        await File.WriteAllBytesAsync(path, []);

        await using (var journal = await TradeJournal.OpenAsync(path))
            await journal.AddAsync(Day(), contracts: [Mnq]);

        Assert.Equal((JournalApplicationId, 2L), await HeaderAsync(path));
    }

    [Fact]
    public async Task A_journal_from_a_newer_version_is_refused_and_left_as_it_was()
    {
        var path = PathOf("newer.db");
        await using (var journal = await TradeJournal.OpenAsync(path))
            await journal.AddAsync(Day(), contracts: [Mnq]);
        // What a later release would write: a higher user_version (and maybe columns this code does not know).
        await ExecuteAsync(path, "ALTER TABLE fills ADD COLUMN venue TEXT; PRAGMA user_version = 3;");
        var bytes = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<ProjectXJournalException>(() => TradeJournal.OpenAsync(path));

        Assert.Equal(JournalFailure.NewerSchema, error.Reason);
        Assert.Equal(3, error.FileSchemaVersion);
        Assert.Contains("schema version 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal("newer.db", Path.GetFileName(Assert.Single(Directory.GetFiles(_folder))));
    }

    public static TheoryData<string, string> OtherSqliteDatabases() => new()
    {
        { "another program's tables", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('buy the dip');" },
        { "a version but not the journal's tables", "CREATE TABLE fills (id INTEGER PRIMARY KEY); INSERT INTO fills VALUES (7); PRAGMA user_version = 1;" },
        { "another application id", "CREATE TABLE contracts (id TEXT); PRAGMA application_id = 305419896; PRAGMA user_version = 2;" },
    };

    [Theory]
    [MemberData(nameof(OtherSqliteDatabases))]
    public async Task A_SQLite_database_that_is_not_a_journal_is_refused_and_left_as_it_was(string kind, string sql)
    {
        var path = PathOf("other.db");
        await ExecuteAsync(path, sql);
        var bytes = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<ProjectXJournalException>(() => TradeJournal.OpenAsync(path));

        Assert.True(error.Reason == JournalFailure.NotAJournal, $"{kind}: {error.Reason} {error.Message}");
        Assert.Contains("is not a ProjectX journal", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal("other.db", Path.GetFileName(Assert.Single(Directory.GetFiles(_folder))));
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_refused_and_left_as_it_was()
    {
        var path = PathOf("notes.db");
        await File.WriteAllTextAsync(path, "these are my notes, not a database, and they are long enough to look like a header.....................");
        var before = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<ProjectXJournalException>(() => TradeJournal.OpenAsync(path));

        Assert.Equal(JournalFailure.NotAJournal, error.Reason);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    private static JournalFill[] Day() => [Buy(1, 1, 21000m, 0), Buy(2, 2, 21010m, 1), Sell(3, 2, 21020m, 2), Sell(4, 1, 21005m, 3), Sell(5, 1, 21100m, 4), Buy(6, 1, 21090m, 5)];

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Version 1 of the given shape with <see cref="Version1Rows"/>; checks the shape, so both shapes really are tested.</summary>
    private static async Task CreateVersion1Async(string path, string schema)
    {
        await ExecuteAsync(path, (schema == "first release" ? Version1FirstRelease : Version1WithPnlColumns) + Version1Rows);
        Assert.Equal(schema == "first release" ? "4\n" : "7\n", await DumpAsync(path, ["SELECT count(*) FROM pragma_table_info('round_trip_fills')"]));
    }

    private static async Task<(long ApplicationId, long Version)> HeaderAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return (await ScalarAsync("PRAGMA application_id;"), await ScalarAsync("PRAGMA user_version;"));

        async Task<long> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    private static async Task<string> DumpAsync(string path, IEnumerable<string> queries)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString()).Append(i + 1 < reader.FieldCount ? '|' : '\n');
        }
        return text.ToString();
    }
}
