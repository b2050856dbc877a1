using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProjectX.Client.Journal;

/// <summary>A journal file brought forward from an older schema, and where the copy of it as it was is.</summary>
/// <param name="FromVersion">The schema version the file had.</param>
/// <param name="BackupPath">A copy of the file as it was, taken before anything changed (readable by the older version).</param>
public sealed record JournalUpgrade(int FromVersion, string BackupPath);

/// <summary>
/// Opening a journal file without harming it: first reads what the file is (its application_id, user_version and
/// tables) without writing; refuses a file that is not a journal, or that a newer version wrote, leaving it as it was;
/// creates the schema in a new or empty file; and brings an older journal forward in one transaction, after copying it
/// aside. No step ever drops a table or a row.
/// </summary>
internal static class JournalMigration
{
    private const int SqliteNotADatabase = 26;

    /// <summary>Steps[i] takes a file from version i + 1 to i + 2, inside the migration's transaction.</summary>
    private static readonly Func<SqliteConnection, SqliteTransaction, CancellationToken, Task>[] Steps = [FromVersion1Async];

    /// <summary>Makes the file at <paramref name="path"/> a journal of the current schema; returns the upgrade done, if any.</summary>
    /// <exception cref="ProjectXJournalException"><see cref="JournalFailure.NotAJournal"/> or <see cref="JournalFailure.NewerSchema"/>.</exception>
    public static async Task<JournalUpgrade?> PrepareAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var file = await InspectAsync(connection, path, cancellationToken).ConfigureAwait(false);
        Check(file, path);
        var backup = file.Version is > 0 and < JournalSchema.Version
            ? await BackupAsync(connection, path, file.Version, cancellationToken).ConfigureAwait(false)
            : null;

        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Read again under the write lock: another process may have created or migrated the file meanwhile.
        var version = await IntAsync(connection, transaction, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false);
        if (version > JournalSchema.Version)
            throw Newer(path, version);
        if (version == 0)
        {
            await ExecuteAsync(connection, transaction, JournalSchema.Create, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            for (var from = version; from < JournalSchema.Version; from++)
                await Steps[from - 1](connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        if (version < JournalSchema.Version)
        {
            await ExecuteAsync(connection, transaction,
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {JournalSchema.ApplicationId}; PRAGMA user_version = {JournalSchema.Version};"),
                cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // An upgrade is reported only if this process made it: another may have migrated between the first look and the lock.
        return backup is not null && version is > 0 and < JournalSchema.Version ? new JournalUpgrade(version, backup) : null;
    }

    private sealed record FileState(int ApplicationId, int Version, IReadOnlySet<string> Tables);

    private static async Task<FileState> InspectAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        try
        {
            var applicationId = await IntAsync(connection, null, "PRAGMA application_id;", cancellationToken).ConfigureAwait(false);
            var version = await IntAsync(connection, null, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false);
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                tables.Add(reader.GetString(0));
            return new FileState(applicationId, version, tables);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw NotAJournal(path, "it is not a SQLite database", null, e);
        }
    }

    private static void Check(FileState file, string path)
    {
        if (file.ApplicationId != 0 && file.ApplicationId != JournalSchema.ApplicationId)
            throw NotAJournal(path, string.Create(CultureInfo.InvariantCulture, $"it is another application's database (application_id 0x{file.ApplicationId:X8})"), file.Version);
        if (file.Version > JournalSchema.Version)
            throw Newer(path, file.Version);
        if (file.Version == 0)
        {
            if (file.Tables.Count > 0)
                throw NotAJournal(path, $"it is a SQLite database of other tables ({string.Join(", ", file.Tables.Order(StringComparer.Ordinal))}) and no journal schema version", 0);
            return;
        }
        var missing = JournalSchema.Tables.Where(t => !file.Tables.Contains(t)).ToList();
        if (missing.Count > 0)
            throw NotAJournal(path, string.Create(CultureInfo.InvariantCulture, $"it has schema version {file.Version} but not the journal's table(s) {string.Join(", ", missing)}"), file.Version);
    }

    /// <summary>
    /// Version 1 → 2: the first release's round_trip_fills lacked realized_pnl, average_cost_pnl and reported_pnl (a
    /// later release added them without changing the version, so a version-1 file may have them already). Added empty;
    /// the round trips are derived and the next import rewrites them with the figures.
    /// </summary>
    private static async Task FromVersion1Async(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name FROM pragma_table_info('round_trip_fills');";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                columns.Add(reader.GetString(0));
        }
        foreach (var column in new[] { "realized_pnl", "average_cost_pnl", "reported_pnl" }.Where(c => !columns.Contains(c)))
            await ExecuteAsync(connection, transaction, $"ALTER TABLE round_trip_fills ADD COLUMN {column} TEXT;", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A copy of the file as it is, next to it (<c>journal.v1-backup.db</c>), never over an existing file: the older
    /// version of ProjectX still reads it, and it is what the user had if anything about the upgrade is unwelcome.
    /// </summary>
    private static async Task<string> BackupAsync(SqliteConnection connection, string path, int version, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path) ?? ".";
        var stem = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"-{n}");
            var target = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{stem}.v{version}-backup{suffix}{extension}"));
            if (File.Exists(target))
                continue;
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $target;";
            command.Parameters.AddWithValue("$target", target);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return target;
        }
    }

    private static ProjectXJournalException NotAJournal(string path, string why, int? version, Exception? inner = null) =>
        new(JournalFailure.NotAJournal, $"'{path}' is not a ProjectX journal: {why}. Nothing was changed; pass another path for the journal.", inner) { FileSchemaVersion = version };

    private static ProjectXJournalException Newer(string path, int version) =>
        new(JournalFailure.NewerSchema, string.Create(CultureInfo.InvariantCulture,
            $"The journal '{path}' has schema version {version}, newer than this version of ProjectX reads ({JournalSchema.Version}). Nothing was changed; update ProjectX to read it."))
        { FileSchemaVersion = version };

    private static async Task<int> IntAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
