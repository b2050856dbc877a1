using System.Globalization;
using Microsoft.Data.Sqlite;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Journal;

/// <summary>
/// The journal's SQLite file: fills, orders, contracts and price ranges as imported (the facts), and the round trips
/// built from them (derived, rewritten by <see cref="SaveRoundTripsAsync"/>). Inserting a fill whose trade id is already
/// there changes nothing, which is what makes imports idempotent. One connection, one caller at a time.
/// </summary>
internal sealed class JournalStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private JournalStore(SqliteConnection connection, string path, JournalUpgrade? upgrade)
    {
        _connection = connection;
        Path = path;
        Upgrade = upgrade;
    }

    public string Path { get; }

    /// <summary>The upgrade from an older schema this open did, if it did one.</summary>
    public JournalUpgrade? Upgrade { get; }

    /// <summary>Opens the journal at <paramref name="path"/>, creating it, or bringing an older one forward (<see cref="JournalMigration"/>).</summary>
    public static async Task<JournalStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);
        // No pooling: closing the journal releases the file (another tool, or a test, may move or delete it next).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var upgrade = await JournalMigration.PrepareAsync(connection, full, cancellationToken).ConfigureAwait(false);
            return new JournalStore(connection, full, upgrade);
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ProjectXJournalException(JournalFailure.StoreUnreadable, $"The journal '{full}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Adds the fills not already there (by trade id); returns how many were new.</summary>
    public Task<int> AddFillsAsync(IEnumerable<JournalFill> fills, CancellationToken cancellationToken) => WriteAsync(
        """
        INSERT INTO fills (trade_id, account_id, contract_id, timestamp, side, size, price, fees, commissions, profit_and_loss, order_id, voided)
        VALUES ($id, $account, $contract, $time, $side, $size, $price, $fees, $commissions, $pnl, $order, $voided)
        ON CONFLICT (trade_id) DO NOTHING;
        """,
        fills,
        static (p, f) =>
        {
            p["$id"].Value = f.TradeId; p["$account"].Value = f.AccountId; p["$contract"].Value = f.ContractId; p["$time"].Value = Time(f.Timestamp);
            p["$side"].Value = Side(f.Side); p["$size"].Value = f.Size; p["$price"].Value = Money(f.Price); p["$fees"].Value = Money(f.Fees);
            p["$commissions"].Value = Money(f.Commissions); p["$pnl"].Value = Money(f.ProfitAndLoss); p["$order"].Value = f.OrderId; p["$voided"].Value = f.Voided ? 1 : 0;
        },
        cancellationToken);

    /// <summary>Adds or refreshes orders (an order's status and stop can change; its id cannot).</summary>
    public Task<int> AddOrdersAsync(IEnumerable<JournalOrder> orders, CancellationToken cancellationToken) => WriteAsync(
        """
        INSERT INTO orders (order_id, account_id, contract_id, created, type, side, size, stop_price, limit_price, custom_tag, parent_order_id, status)
        VALUES ($id, $account, $contract, $created, $type, $side, $size, $stop, $limit, $tag, $parent, $status)
        ON CONFLICT (order_id) DO UPDATE SET stop_price = excluded.stop_price, limit_price = excluded.limit_price, status = excluded.status,
            custom_tag = excluded.custom_tag, parent_order_id = excluded.parent_order_id
        WHERE stop_price IS NOT excluded.stop_price OR limit_price IS NOT excluded.limit_price OR status IS NOT excluded.status
            OR custom_tag IS NOT excluded.custom_tag OR parent_order_id IS NOT excluded.parent_order_id;
        """,
        orders,
        static (p, o) =>
        {
            p["$id"].Value = o.OrderId; p["$account"].Value = o.AccountId; p["$contract"].Value = o.ContractId; p["$created"].Value = Time(o.Created);
            p["$type"].Value = o.Type.ToString(); p["$side"].Value = Side(o.Side); p["$size"].Value = o.Size; p["$stop"].Value = Money(o.StopPrice);
            p["$limit"].Value = Money(o.LimitPrice); p["$tag"].Value = (object?)o.CustomTag ?? DBNull.Value;
            p["$parent"].Value = (object?)o.ParentOrderId ?? DBNull.Value; p["$status"].Value = o.Status.ToString();
        },
        cancellationToken);

    public Task<int> AddContractsAsync(IEnumerable<JournalContract> contracts, CancellationToken cancellationToken) => WriteAsync(
        """
        INSERT INTO contracts (contract_id, name, symbol_id, tick_size, tick_value) VALUES ($id, $name, $symbol, $tick, $value)
        ON CONFLICT (contract_id) DO NOTHING;
        """,
        contracts,
        static (p, c) =>
        {
            p["$id"].Value = c.ContractId; p["$name"].Value = c.Name; p["$symbol"].Value = c.SymbolId;
            p["$tick"].Value = Money(c.TickSize); p["$value"].Value = Money(c.TickValue);
        },
        cancellationToken);

    /// <summary>Keeps a price range; a range recorded again for the same start widens to cover both.</summary>
    public Task<int> AddExcursionsAsync(IEnumerable<PriceExcursion> excursions, CancellationToken cancellationToken) => WriteAsync(
        """
        INSERT INTO excursions (account_id, contract_id, from_time, until_time, low, high, source) VALUES ($account, $contract, $from, $until, $low, $high, $source)
        ON CONFLICT (account_id, contract_id, from_time, source) DO UPDATE SET until_time = max(until_time, excluded.until_time),
            low = CASE WHEN CAST(excluded.low AS REAL) < CAST(low AS REAL) THEN excluded.low ELSE low END,
            high = CASE WHEN CAST(excluded.high AS REAL) > CAST(high AS REAL) THEN excluded.high ELSE high END;
        """,
        excursions,
        static (p, e) =>
        {
            p["$account"].Value = e.AccountId; p["$contract"].Value = e.ContractId; p["$from"].Value = Time(e.From); p["$until"].Value = Time(e.Until);
            p["$low"].Value = Money(e.Low); p["$high"].Value = Money(e.High); p["$source"].Value = e.Source.ToString();
        },
        cancellationToken);

    public async Task<IReadOnlyList<JournalFill>> ReadFillsAsync(int? accountId, CancellationToken cancellationToken)
    {
        var fills = new List<JournalFill>();
        await ReadAsync("SELECT trade_id, account_id, contract_id, timestamp, side, size, price, fees, commissions, profit_and_loss, order_id, voided FROM fills"
            + (accountId is null ? "" : " WHERE account_id = $account") + " ORDER BY timestamp, trade_id;",
            accountId,
            r => fills.Add(new JournalFill(r.GetInt64(0), r.GetInt32(1), r.GetString(2), ReadTime(r.GetString(3)), ReadSide(r.GetString(4)), r.GetInt32(5),
                ReadMoney(r.GetString(6)), ReadMoney(r.GetString(7)), ReadMoneyOrNull(r, 8), ReadMoneyOrNull(r, 9), r.GetInt64(10), r.GetInt64(11) != 0)),
            cancellationToken).ConfigureAwait(false);
        return fills;
    }

    public async Task<IReadOnlyList<JournalOrder>> ReadOrdersAsync(int? accountId, CancellationToken cancellationToken)
    {
        var orders = new List<JournalOrder>();
        await ReadAsync("SELECT order_id, account_id, contract_id, created, type, side, size, stop_price, limit_price, custom_tag, parent_order_id, status FROM orders"
            + (accountId is null ? "" : " WHERE account_id = $account") + ";",
            accountId,
            r => orders.Add(new JournalOrder(r.GetInt64(0), r.GetInt32(1), r.GetString(2), ReadTime(r.GetString(3)), Enum.Parse<OrderType>(r.GetString(4)),
                ReadSide(r.GetString(5)), r.GetInt32(6), ReadMoneyOrNull(r, 7), ReadMoneyOrNull(r, 8), r.IsDBNull(9) ? null : r.GetString(9),
                r.IsDBNull(10) ? null : r.GetInt64(10), Enum.Parse<OrderStatus>(r.GetString(11)))),
            cancellationToken).ConfigureAwait(false);
        return orders;
    }

    public async Task<IReadOnlyDictionary<string, JournalContract>> ReadContractsAsync(CancellationToken cancellationToken)
    {
        var contracts = new Dictionary<string, JournalContract>(StringComparer.Ordinal);
        await ReadAsync("SELECT contract_id, name, symbol_id, tick_size, tick_value FROM contracts;", null,
            r => contracts[r.GetString(0)] = new JournalContract(r.GetString(0), r.GetString(1), r.GetString(2), ReadMoney(r.GetString(3)), ReadMoney(r.GetString(4))),
            cancellationToken).ConfigureAwait(false);
        return contracts;
    }

    public async Task<IReadOnlyList<PriceExcursion>> ReadExcursionsAsync(int? accountId, CancellationToken cancellationToken)
    {
        var excursions = new List<PriceExcursion>();
        await ReadAsync("SELECT account_id, contract_id, from_time, until_time, low, high, source FROM excursions"
            + (accountId is null ? "" : " WHERE account_id = $account") + ";",
            accountId,
            r => excursions.Add(new PriceExcursion(r.GetInt32(0), r.GetString(1), ReadTime(r.GetString(2)), ReadTime(r.GetString(3)),
                ReadMoney(r.GetString(4)), ReadMoney(r.GetString(5)), Enum.Parse<ExcursionSource>(r.GetString(6)))),
            cancellationToken).ConfigureAwait(false);
        return excursions;
    }

    /// <summary>The time of the newest fill of the account, or null when it has none.</summary>
    public async Task<DateTimeOffset?> LatestFillAsync(int accountId, CancellationToken cancellationToken)
    {
        DateTimeOffset? latest = null;
        await ReadAsync("SELECT max(timestamp) FROM fills WHERE account_id = $account;", accountId,
            r => latest = r.IsDBNull(0) ? null : ReadTime(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        return latest;
    }

    /// <summary>Replaces the stored round trips (all of them: they are derived from all the fills).</summary>
    public async Task SaveRoundTripsAsync(IReadOnlyList<RoundTrip> trips, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var clear = _connection.CreateCommand())
            {
                clear.Transaction = transaction;
                clear.CommandText = "DELETE FROM round_trip_fills; DELETE FROM round_trips;";
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using var trip = Prepare(transaction, """
                INSERT INTO round_trips VALUES ($id, $account, $contract_id, $contract, $symbol, $direction, $size, $max, $entry_time, $exit_time, $day,
                    $entry_price, $exit_price, $gross, $fees, $net, $duration, $mae, $mfe, $source, $stop, $r, $entry_tag, $exit_tag, $tag, $entry_order, $gateway, $check);
                """);
            await using var part = Prepare(transaction, "INSERT OR REPLACE INTO round_trip_fills VALUES ($trip, $trade, $role, $quantity, $realized, $average, $reported);");
            foreach (var t in trips)
            {
                var p = trip.Parameters;
                p["$id"].Value = t.Id; p["$account"].Value = t.AccountId; p["$contract_id"].Value = t.ContractId; p["$contract"].Value = t.Contract;
                p["$symbol"].Value = t.Symbol; p["$direction"].Value = t.Direction.ToString(); p["$size"].Value = t.Size; p["$max"].Value = t.MaxPosition;
                p["$entry_time"].Value = Time(t.EntryTime); p["$exit_time"].Value = Time(t.ExitTime);
                p["$day"].Value = t.TradingDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p["$entry_price"].Value = Money(t.EntryPrice); p["$exit_price"].Value = Money(t.ExitPrice); p["$gross"].Value = Money(t.GrossPnl);
                p["$fees"].Value = Money(t.Fees); p["$net"].Value = Money(t.NetPnl); p["$duration"].Value = t.Duration.TotalSeconds;
                p["$mae"].Value = Money(t.Mae); p["$mfe"].Value = Money(t.Mfe); p["$source"].Value = t.ExcursionSource.ToString();
                p["$stop"].Value = Money(t.InitialStop); p["$r"].Value = Money(t.RMultiple); p["$entry_tag"].Value = (object?)t.EntryTag ?? DBNull.Value;
                p["$exit_tag"].Value = (object?)t.ExitTag ?? DBNull.Value; p["$tag"].Value = (object?)t.Tag ?? DBNull.Value;
                p["$entry_order"].Value = t.EntryOrderId; p["$gateway"].Value = Money(t.GatewayPnl); p["$check"].Value = t.PnlCheck.ToString();
                await trip.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                foreach (var f in t.Fills)
                {
                    var q = part.Parameters;
                    q["$trip"].Value = t.Id; q["$trade"].Value = f.TradeId; q["$role"].Value = f.Role.ToString(); q["$quantity"].Value = f.Quantity;
                    q["$realized"].Value = Money(f.RealizedPnl); q["$average"].Value = Money(f.AverageCostPnl); q["$reported"].Value = Money(f.ReportedPnl);
                    await part.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw Unreadable(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> WriteAsync<T>(string sql, IEnumerable<T> rows, Action<SqliteParameterCollection, T> bind, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Prepare(transaction, sql);
            var changed = 0;
            foreach (var row in rows)
            {
                bind(command.Parameters, row);
                changed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
        catch (SqliteException e)
        {
            throw Unreadable(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReadAsync(string sql, int? accountId, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            if (accountId is { } account) command.Parameters.AddWithValue("$account", account);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                row(reader);
        }
        catch (Exception e) when (e is SqliteException or FormatException or ArgumentException or InvalidCastException)
        {
            throw Unreadable(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A command with one parameter for each <c>$name</c> in its text, prepared once and bound per row.</summary>
    private SqliteCommand Prepare(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z_]+").Select(m => m.Value).Distinct(StringComparer.Ordinal))
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private ProjectXJournalException Unreadable(Exception e) =>
        new(JournalFailure.StoreUnreadable, $"The journal '{Path}' could not be read or written: {e.Message}", e);

    internal static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    private static DateTimeOffset ReadTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    internal static string Side(OrderSide side) => side == OrderSide.Bid ? "Buy" : "Sell";
    private static OrderSide ReadSide(string text) => text == "Buy" ? OrderSide.Bid : text == "Sell" ? OrderSide.Ask : throw new FormatException($"'{text}' is not a side (Buy or Sell).");
    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    private static object Money(decimal? value) => value is { } v ? Money(v) : DBNull.Value;
    private static decimal ReadMoney(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
    private static decimal? ReadMoneyOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadMoney(reader.GetString(ordinal));
}
