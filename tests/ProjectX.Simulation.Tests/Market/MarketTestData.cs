using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Tests.Market;

internal static class MarketTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 15, 30, TimeSpan.Zero);
    public static readonly DateTimeOffset Midnight = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    public const string Nq = "CON.F.US.ENQ.Z26";
    public const string Mnq = "CON.F.US.MNQ.Z26";

    public static SimulatedMarket NewMarket(int seed = 42) => new(new ContractCatalog(), seed);

    public static RetrieveBarRequest Request(
        AggregateBarUnit unit, int unitNumber, DateTimeOffset start, DateTimeOffset end, int limit = 20_000,
        bool includePartialBar = false, string contractId = Nq) => new()
        {
            ContractId = contractId,
            Live = false,
            StartTime = start,
            EndTime = end,
            Unit = unit,
            UnitNumber = unitNumber,
            Limit = limit,
            IncludePartialBar = includePartialBar,
        };

    public static IReadOnlyList<AggregateBarModel> Bars(
        this SimulatedMarket market, AggregateBarUnit unit, int unitNumber, DateTimeOffset start, DateTimeOffset end,
        int limit = 20_000, bool includePartialBar = false, string contractId = Nq, DateTimeOffset? now = null)
    {
        var response = market.RetrieveBars(Request(unit, unitNumber, start, end, limit, includePartialBar, contractId), now ?? Now);
        Assert.True(response.Success, $"errorCode {response.ErrorCode}");
        Assert.NotNull(response.Bars);
        return response.Bars;
    }

    /// <summary>Merges oldest-first bars into one, the way a longer bar must aggregate them.</summary>
    public static (decimal O, decimal H, decimal L, decimal C, long V) Merge(IEnumerable<(decimal O, decimal H, decimal L, decimal C, long V)> oldestFirst)
    {
        var list = oldestFirst.ToList();
        Assert.NotEmpty(list);
        return (list[0].O, list.Max(b => b.H), list.Min(b => b.L), list[^1].C, list.Sum(b => b.V));
    }

    public static (decimal O, decimal H, decimal L, decimal C, long V) Ohlcv(this AggregateBarModel b) => (b.O, b.H, b.L, b.C, b.V);

    public static (decimal O, decimal H, decimal L, decimal C, long V) Ohlcv(this SecondBar b) => (b.Open, b.High, b.Low, b.Close, b.Volume);

    public static bool IsOnTick(decimal price, decimal tickSize) => price % tickSize == 0;
}
