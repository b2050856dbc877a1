using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Tests.Exchange;

/// <summary>
/// A deterministic catalogue + market for engine tests: one live MNQ month and one expired month, a touch
/// the test sets, and one-second bars the test scripts. Unscripted seconds do not exist (nothing trades).
/// </summary>
internal sealed class ScriptedMarket : IContractCatalog, IMarketData
{
    public const string Mnq = "CON.F.US.MNQ.Z26";
    public const string ExpiredMnq = "CON.F.US.MNQ.U25";
    public const decimal Tick = 0.25m;
    public const decimal TickValue = 0.5m;
    public const decimal FeePerSide = 0.37m;

    private readonly object _gate = new();
    private readonly SortedDictionary<DateTimeOffset, SecondBar> _seconds = [];
    private decimal _bid = 20000m;
    private decimal _ask = 20000.25m;
    private decimal _last = 20000m;

    public List<RetrieveBarRequest> BarRequests { get; } = [];

    private static readonly ContractSpec LiveSpec = new(Mnq, "MNQ", "MNQZ6", "F.US.MNQ", Tick, TickValue, FeePerSide, new DateTimeOffset(2026, 12, 18, 14, 30, 0, TimeSpan.Zero));
    private static readonly ContractSpec ExpiredSpec = new(ExpiredMnq, "MNQ", "MNQU5", "F.US.MNQ", Tick, TickValue, FeePerSide, new DateTimeOffset(2025, 9, 19, 13, 30, 0, TimeSpan.Zero));

    /// <summary>Sets the touch: bid = <paramref name="last"/>, ask one tick above.</summary>
    public void SetPrice(decimal last)
    {
        lock (_gate)
        {
            _bid = last;
            _ask = last + Tick;
            _last = last;
        }
    }

    /// <summary>Scripts the second starting at <paramref name="time"/> and moves the touch to its close.</summary>
    public void AddSecond(DateTimeOffset time, decimal open, decimal high, decimal low, decimal close)
    {
        lock (_gate) _seconds[time] = new SecondBar(time, open, high, low, close, 10);
    }

    public MarketSnapshot GetSnapshot(string contractId, DateTimeOffset at)
    {
        lock (_gate) return new MarketSnapshot(contractId, at, _bid, _ask, _last, 1000);
    }

    public IEnumerable<SecondBar> GetSeconds(string contractId, DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        lock (_gate) return _seconds.Values.Where(s => s.Time > fromExclusive && s.Time <= toInclusive).ToList();
    }

    public RetrieveBarResponse RetrieveBars(RetrieveBarRequest request, DateTimeOffset now)
    {
        lock (_gate) BarRequests.Add(request);
        return new RetrieveBarResponse
        {
            Success = true,
            Bars = [new AggregateBarModel { T = now, O = 1m, H = 2m, L = 0.5m, C = 1.25m, V = 3 }],
        };
    }

    public IReadOnlyList<ContractModel> Available(DateTimeOffset asOf) => [Model(LiveSpec, true)];

    public IReadOnlyList<ContractModel> Search(string? text, DateTimeOffset asOf, int max = 20) =>
        Enumerable.Repeat(Model(LiveSpec, true), 30).Take(max).ToList();

    public ContractModel? FindById(string contractId, DateTimeOffset asOf) => contractId switch
    {
        Mnq => Model(LiveSpec, true),
        ExpiredMnq => Model(ExpiredSpec, false),
        _ => null,
    };

    public ContractSpec? GetSpec(string contractId) => contractId switch
    {
        Mnq => LiveSpec,
        ExpiredMnq => ExpiredSpec,
        _ => null,
    };

    private static ContractModel Model(ContractSpec spec, bool active) => new()
    {
        Id = spec.ContractId,
        Name = spec.Symbol,
        Description = "Micro E-mini Nasdaq-100",
        TickSize = spec.TickSize,
        TickValue = spec.TickValue,
        ActiveContract = active,
        SymbolId = spec.SymbolId,
    };
}
