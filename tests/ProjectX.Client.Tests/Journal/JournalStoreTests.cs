using Microsoft.Data.Sqlite;
using ProjectX.Client.Journal;
using static ProjectX.Client.Tests.Journal.JournalFixtures;

namespace ProjectX.Client.Tests.Journal;

/// <summary>The SQLite file: idempotent imports, readable by plain SQL (versions and refusals: <see cref="JournalSchemaTests"/>).</summary>
public sealed class JournalStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pxjournal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static JournalFill[] Day() => [Buy(1, 1, 21000m, 0), Buy(2, 2, 21010m, 1), Sell(3, 2, 21020m, 2), Sell(4, 1, 21005m, 3), Sell(5, 1, 21100m, 4), Buy(6, 1, 21090m, 5)];

    [Fact]
    public async Task Importing_the_same_fills_twice_changes_nothing()
    {
        var path = PathOf("journal.db");
        await using (var journal = await TradeJournal.OpenAsync(path))
        {
            var first = await journal.AddAsync(Day(), [Order(1, Gateway.OrderType.Market, Gateway.OrderSide.Bid, 0, tag: "orb-00ff")], [Mnq]);
            Assert.Equal((6, 6, 1, 2), (first.FillsRead, first.FillsAdded, first.ContractsAdded, first.RoundTrips));
        }
        var before = await DumpAsync(path);

        await using (var journal = await TradeJournal.OpenAsync(path))
        {
            var second = await journal.AddAsync(Day(), [Order(1, Gateway.OrderType.Market, Gateway.OrderSide.Bid, 0, tag: "orb-00ff")], [Mnq]);
            Assert.Equal((6, 0, 0, 2), (second.FillsRead, second.FillsAdded, second.ContractsAdded, second.RoundTrips));
            Assert.Equal([50m, 20m], (await journal.GetRoundTripsAsync()).Select(t => t.GrossPnl));
        }
        Assert.Equal(before, await DumpAsync(path));
    }

    [Fact]
    public async Task The_file_reads_in_plain_SQL_with_exact_decimals()
    {
        var path = PathOf("journal.db");
        await using (var journal = await TradeJournal.OpenAsync(path))
            await journal.AddAsync(Day(), contracts: [Mnq]);

        // Any SQLite tool: the tables, the day's net PnL summed in SQL, and the prices as written.
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), sum(net_pnl), min(trading_day), group_concat(entry_price, '|') FROM round_trips;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.GetInt64(0));
        Assert.Equal(47.78 + 19.26, reader.GetDouble(1), 9);   // 50 − 2.22 and 20 − 0.74
        Assert.Equal("2026-12-03", reader.GetString(2));
        Assert.Contains("21100", reader.GetString(3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_select_by_exit_time_symbol_and_tag()
    {
        await using var journal = await TradeJournal.OpenAsync(PathOf("journal.db"));
        await journal.AddAsync(Day(), [Order(1, Gateway.OrderType.Market, Gateway.OrderSide.Bid, 0, tag: "orb-00ff")], [Mnq]);

        Assert.Single(await journal.GetRoundTripsAsync(new JournalFilter { Since = Morning.AddMinutes(4) }));
        Assert.Single(await journal.GetRoundTripsAsync(new JournalFilter { Until = Morning.AddMinutes(4) }));
        Assert.Equal(2, (await journal.GetRoundTripsAsync(new JournalFilter { Symbols = ["mnq"] })).Count);
        Assert.Empty(await journal.GetRoundTripsAsync(new JournalFilter { Symbols = ["ES"] }));
        Assert.Equal([1L], (await journal.GetRoundTripsAsync(new JournalFilter { Tags = ["ORB"] })).Select(t => t.Id));
        var reversed = await Assert.ThrowsAsync<ProjectXValidationException>(() => journal.GetRoundTripsAsync(new JournalFilter { Since = Morning, Until = Morning }));
        Assert.Equal(ValidationReason.InvalidDateRange, reversed.Reason);
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_one_row_per_round_trip()
    {
        await using var journal = await TradeJournal.OpenAsync(PathOf("journal.db"));
        await journal.AddAsync(Day(), [Order(1, Gateway.OrderType.Market, Gateway.OrderSide.Bid, 0, tag: "a,\"quoted\" tag")], [Mnq]);
        using var writer = new StringWriter();

        Assert.Equal(2, await journal.ExportCsvAsync(writer));

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Id,AccountId,TradingDay,Symbol,Contract,ContractId,Direction,Size,MaxPosition,EntryTime,ExitTime,DurationSeconds,EntryPrice,ExitPrice,GrossPnl,Fees,NetPnl", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1,1001,2026-12-03,MNQ,MNQZ6,CON.F.US.MNQ.Z26,Long,3,3,2026-12-03T15:00:00.0000000Z,2026-12-03T15:03:00.0000000Z,180,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"a,\"\"quoted\"\" tag\"", lines[1], StringComparison.Ordinal);
    }

    /// <summary>Every row of every table, as text: what "changes nothing" is checked against.</summary>
    private static async Task<string> DumpAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { "contracts", "fills", "orders", "excursions", "round_trips", "round_trip_fills" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString()).Append(i + 1 < reader.FieldCount ? '|' : '\n');
        }
        return text.ToString();
    }
}
