namespace ProjectX.Client.Journal;

/// <summary>
/// The journal database's tables (docs/journal.md documents them for SQL tools). Money and prices are TEXT holding the
/// exact decimal (invariant culture): SQLite has no decimal type and REAL would round them; SQLite's sum() and
/// comparisons still read them as numbers. Times are ISO-8601 UTC text (<c>2026-12-04T15:30:00.0000000Z</c>), which sorts
/// in time order and is what SQLite's date functions read. Sides are 'Buy'/'Sell'.
/// A journal says what it is with <c>PRAGMA application_id</c> = <see cref="ApplicationId"/> and which schema it has
/// with <c>PRAGMA user_version</c> = <see cref="Version"/>; <see cref="JournalMigration"/> brings older files forward.
/// </summary>
internal static class JournalSchema
{
    /// <summary>
    /// The schema this code writes. History (every version that shipped):
    /// 1 = the first release, whose round_trip_fills had only round_trip_id, trade_id, role and quantity; and, still
    /// numbered 1, the release that added realized_pnl, average_cost_pnl and reported_pnl to round_trip_fills.
    /// 2 = those three columns in every file, and <see cref="ApplicationId"/> stamped.
    /// </summary>
    public const int Version = 2;

    /// <summary>"PXJL" in ASCII: marks the file as a ProjectX journal (the <c>file</c> command and SQLite tools show it).</summary>
    public const int ApplicationId = 0x50584A4C;

    /// <summary>The tables every journal since version 1 has.</summary>
    public static readonly IReadOnlyList<string> Tables = ["contracts", "fills", "orders", "excursions", "round_trips", "round_trip_fills"];

    public const string Create = """
        CREATE TABLE IF NOT EXISTS contracts (
            contract_id TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            symbol_id   TEXT NOT NULL,
            tick_size   TEXT NOT NULL,
            tick_value  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fills (
            trade_id        INTEGER PRIMARY KEY,
            account_id      INTEGER NOT NULL,
            contract_id     TEXT NOT NULL,
            timestamp       TEXT NOT NULL,
            side            TEXT NOT NULL,
            size            INTEGER NOT NULL,
            price           TEXT NOT NULL,
            fees            TEXT NOT NULL,
            commissions     TEXT,
            profit_and_loss TEXT,
            order_id        INTEGER NOT NULL,
            voided          INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS fills_by_account_time ON fills (account_id, timestamp);
        CREATE TABLE IF NOT EXISTS orders (
            order_id        INTEGER PRIMARY KEY,
            account_id      INTEGER NOT NULL,
            contract_id     TEXT NOT NULL,
            created         TEXT NOT NULL,
            type            TEXT NOT NULL,
            side            TEXT NOT NULL,
            size            INTEGER NOT NULL,
            stop_price      TEXT,
            limit_price     TEXT,
            custom_tag      TEXT,
            parent_order_id INTEGER,
            status          TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS excursions (
            account_id  INTEGER NOT NULL,
            contract_id TEXT NOT NULL,
            from_time   TEXT NOT NULL,
            until_time  TEXT NOT NULL,
            low         TEXT NOT NULL,
            high        TEXT NOT NULL,
            source      TEXT NOT NULL,
            PRIMARY KEY (account_id, contract_id, from_time, source)
        );
        CREATE TABLE IF NOT EXISTS round_trips (
            id             INTEGER PRIMARY KEY,
            account_id     INTEGER NOT NULL,
            contract_id    TEXT NOT NULL,
            contract       TEXT NOT NULL,
            symbol         TEXT NOT NULL,
            direction      TEXT NOT NULL,
            size           INTEGER NOT NULL,
            max_position   INTEGER NOT NULL,
            entry_time     TEXT NOT NULL,
            exit_time      TEXT NOT NULL,
            trading_day    TEXT NOT NULL,
            entry_price    TEXT NOT NULL,
            exit_price     TEXT NOT NULL,
            gross_pnl      TEXT NOT NULL,
            fees           TEXT NOT NULL,
            net_pnl        TEXT NOT NULL,
            duration_s     REAL NOT NULL,
            mae            TEXT,
            mfe            TEXT,
            excursion_source TEXT NOT NULL,
            initial_stop   TEXT,
            r_multiple     TEXT,
            entry_tag      TEXT,
            exit_tag       TEXT,
            tag            TEXT,
            entry_order_id INTEGER NOT NULL,
            gateway_pnl    TEXT,
            pnl_check      TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS round_trips_by_day ON round_trips (trading_day);
        CREATE TABLE IF NOT EXISTS round_trip_fills (
            round_trip_id INTEGER NOT NULL,
            trade_id      INTEGER NOT NULL,
            role          TEXT NOT NULL,
            quantity      INTEGER NOT NULL,
            realized_pnl  TEXT,
            average_cost_pnl TEXT,
            reported_pnl  TEXT,
            PRIMARY KEY (round_trip_id, trade_id, role)
        );
        """;
}
