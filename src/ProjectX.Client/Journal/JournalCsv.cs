using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ProjectX.Client.Journal;

/// <summary>
/// The journal's one CSV layout: RFC 4180 (CsvHelper quotes tags with commas or quotes), invariant culture ('.'
/// decimals), ISO-8601 UTC times, one header row, one row per round trip; the fills behind each trip stay in the database.
/// </summary>
public static class JournalCsv
{
    public static async Task WriteAsync(TextWriter writer, IEnumerable<RoundTrip> trips, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trips);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        csv.Context.RegisterClassMap<RoundTripCsvMap>();
        await csv.WriteRecordsAsync(trips, cancellationToken).ConfigureAwait(false);
        await csv.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The CSV columns: the round trip's own names, times in ISO-8601 UTC, the fills left out (they are in the database).</summary>
    private sealed class RoundTripCsvMap : ClassMap<RoundTrip>
    {
        public RoundTripCsvMap()
        {
            Map(t => t.Id);
            Map(t => t.AccountId);
            Map(t => t.TradingDay).Convert(a => a.Value.TradingDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Map(t => t.Symbol);
            Map(t => t.Contract);
            Map(t => t.ContractId);
            Map(t => t.Direction);
            Map(t => t.Size);
            Map(t => t.MaxPosition);
            Map(t => t.EntryTime).Convert(a => JournalStore.Time(a.Value.EntryTime));
            Map(t => t.ExitTime).Convert(a => JournalStore.Time(a.Value.ExitTime));
            Map(t => t.Duration).Convert(a => a.Value.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)).Name("DurationSeconds");
            Map(t => t.EntryPrice);
            Map(t => t.ExitPrice);
            Map(t => t.GrossPnl);
            Map(t => t.Fees);
            Map(t => t.NetPnl);
            Map(t => t.Mae);
            Map(t => t.Mfe);
            Map(t => t.ExcursionSource);
            Map(t => t.InitialStop);
            Map(t => t.RMultiple);
            Map(t => t.Tag);
            Map(t => t.EntryTag);
            Map(t => t.ExitTag);
            Map(t => t.EntryOrderId);
            Map(t => t.GatewayPnl);
            Map(t => t.PnlCheck);
        }
    }
}
