using ProjectX.Client.Gateway;
using ProjectX.Client.Journal;

namespace ProjectX.Client.Tests.Journal;

/// <summary>Hand-made fills on MNQ (tick 0.25 = $0.50, so one point is $2) and the orders behind them.</summary>
internal static class JournalFixtures
{
    public const string MnqId = "CON.F.US.MNQ.Z26";
    public const string EsId = "CON.F.US.EP.Z26";
    public static readonly JournalContract Mnq = new(MnqId, "MNQZ6", "F.US.MNQ", 0.25m, 0.50m);
    public static readonly JournalContract Es = new(EsId, "ESZ6", "F.US.EP", 0.25m, 12.50m);
    public static readonly IReadOnlyDictionary<string, JournalContract> Contracts = new Dictionary<string, JournalContract> { [MnqId] = Mnq, [EsId] = Es };

    /// <summary>Thursday 3 December 2026, 15:00 UTC (09:00 in Chicago): trading day 2026-12-03.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    public static JournalFill Buy(long id, int size, decimal price, int minute, decimal? pnl = null, long orderId = 0, string contract = MnqId, int account = 1001) =>
        new(id, account, contract, Morning.AddMinutes(minute), OrderSide.Bid, size, price, 0.37m * size, null, pnl, orderId == 0 ? id : orderId, false);

    public static JournalFill Sell(long id, int size, decimal price, int minute, decimal? pnl = null, long orderId = 0, string contract = MnqId, int account = 1001) =>
        new(id, account, contract, Morning.AddMinutes(minute), OrderSide.Ask, size, price, 0.37m * size, null, pnl, orderId == 0 ? id : orderId, false);

    public static JournalOrder Order(long id, OrderType type, OrderSide side, int minute, string? tag = null, decimal? stop = null, long? parent = null, string contract = MnqId) =>
        new(id, 1001, contract, Morning.AddMinutes(minute), type, side, 1, stop, null, tag, parent, OrderStatus.Filled);
}
