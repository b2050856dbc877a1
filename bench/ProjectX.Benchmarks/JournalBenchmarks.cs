using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ProjectX.Client.Gateway;
using ProjectX.Client.Journal;

namespace ProjectX.Benchmarks;

/// <summary>
/// The trade journal (docs/journal.md, docs/performance.md). "Build": 100,000 fills (random sides and sizes 1–3 on two
/// contracts, so scale-ins, partial exits and reversals all occur) into round trips; the baseline is sorting the same
/// fills by time, which any journal does first. "Import": the same fills into a fresh SQLite file (one transaction per
/// table, then the round trips rebuilt and stored). "Statistics": a year of trading (252 days × 10 round trips); the
/// baseline is summing each day's PnL, the least any daily statistic costs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JournalBenchmarks
{
    public const int Fills = 100_000;
    private const int Days = 252;
    private const int TripsPerDay = 10;

    private static readonly JournalContract Mnq = new("CON.F.US.MNQ.H27", "MNQH7", "F.US.MNQ", 0.25m, 0.50m);
    private static readonly JournalContract Es = new("CON.F.US.EP.H27", "ESH7", "F.US.EP", 0.25m, 12.50m);
    private static readonly Dictionary<string, JournalContract> Contracts = new() { [Mnq.ContractId] = Mnq, [Es.ContractId] = Es };

    private JournalFill[] _fills = null!;
    private RoundTrip[] _year = null!;
    private string _folder = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2027, 1, 4, 15, 0, 0, TimeSpan.Zero);
        var prices = new Dictionary<string, decimal> { [Mnq.ContractId] = 21000m, [Es.ContractId] = 6000m };
        _fills = new JournalFill[Fills];
        for (var i = 0; i < Fills; i++)
        {
            var contract = random.Next(2) == 0 ? Mnq.ContractId : Es.ContractId;
            prices[contract] += (random.Next(9) - 4) * 0.25m;
            var size = random.Next(1, 4);
            _fills[Fills - 1 - i] = new JournalFill(i + 1, 1001, contract, start.AddSeconds(i), random.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask,
                size, prices[contract], 0.37m * size, null, null, i + 1, false); // stored newest first: the builder must sort
        }

        _year = new RoundTrip[Days * TripsPerDay];
        var day = new DateOnly(2027, 1, 4);
        for (var i = 0; i < _year.Length; i++)
        {
            var net = (random.Next(41) - 18) * 12.5m;
            var exit = start.AddDays(i / TripsPerDay).AddMinutes(i % TripsPerDay);
            _year[i] = new RoundTrip
            {
                Id = i + 1, AccountId = 1001, ContractId = Es.ContractId, Contract = Es.Name, Symbol = "ES", Direction = PositionType.Long,
                Size = 1, MaxPosition = 1, EntryTime = exit.AddMinutes(-1), ExitTime = exit, EntryPrice = 6000m, ExitPrice = 6000m + net / 50m,
                GrossPnl = net, Fees = 0.74m, TradingDay = day.AddDays(i / TripsPerDay), Tag = i % 3 == 0 ? "orb" : "fade", EntryOrderId = i + 1, Fills = [],
            };
        }
        _folder = Directory.CreateTempSubdirectory("pxjournal-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [IterationSetup(Target = nameof(Import_Sqlite_100k))]
    public void FreshFile() => _file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");

    [Benchmark(Baseline = true), BenchmarkCategory("Build")]
    public int Build_SortOnly() => _fills.OrderBy(f => f.Timestamp).ThenBy(f => f.TradeId).ToArray().Length; // ToArray: Count() alone would skip the sort

    [Benchmark, BenchmarkCategory("Build")]
    public int Build_RoundTrips_100k() => RoundTripBuilder.Build(_fills, Contracts).Count;

    [Benchmark(Baseline = true), BenchmarkCategory("Import")]
    public int Import_BuildOnly() => RoundTripBuilder.Build(_fills, Contracts).Count;

    [Benchmark, BenchmarkCategory("Import")]
    public int Import_Sqlite_100k()
    {
        var journal = TradeJournal.OpenAsync(_file).GetAwaiter().GetResult();
        try
        {
            return journal.AddAsync(_fills, null, [Mnq, Es]).GetAwaiter().GetResult().RoundTrips;
        }
        finally
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Statistics")]
    public decimal Statistics_DailySumsOnly()
    {
        var sum = 0m;
        foreach (var group in _year.GroupBy(t => t.TradingDay))
            sum += group.Sum(t => t.NetPnl);
        return sum;
    }

    [Benchmark, BenchmarkCategory("Statistics")]
    public int Statistics_Year_All() => StatisticsCalculator.Compute(_year).Count;

    [Benchmark, BenchmarkCategory("Statistics")]
    public int Statistics_Year_ByDay() => StatisticsCalculator.Compute(_year, StatisticsGrouping.Day).Count;
}
