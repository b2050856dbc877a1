using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>The diff rules the REST re-sync publishes by.</summary>
public sealed class UserStateTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_new_or_changed_orders_are_published_and_a_newer_hub_update_wins_over_an_older_snapshot()
    {
        var tracker = new UserStateTracker();
        tracker.Observe(Order(1, OrderStatus.Open));
        tracker.Observe(Order(2, OrderStatus.Open));
        var snapshotAt = tracker.Sequence;
        tracker.Observe(Order(2, OrderStatus.Filled)); // the hub was faster than the REST snapshot

        var changed = tracker.DiffOrders([Order(1, OrderStatus.Open), Order(2, OrderStatus.Open), Order(3, OrderStatus.Filled)], snapshotAt);

        Assert.Equal([3L], changed.Select(o => o.Id));
        Assert.Empty(tracker.DiffOrders([Order(3, OrderStatus.Filled)], tracker.Sequence));
        Assert.Equal([1L], tracker.VanishedWorkingOrders(1001, new HashSet<long>()).Select(o => o.Id));
    }

    [Fact]
    public void A_position_missing_from_the_snapshot_is_published_closed_and_a_stale_snapshot_cannot_reopen_it()
    {
        var tracker = new UserStateTracker();
        tracker.Observe(Position("MNQ", 2));
        tracker.Observe(Position("MES", 1));

        var changed = tracker.DiffPositions(1001, [Position("MNQ", 3)], tracker.Sequence);

        Assert.Equal([("MNQ", 3), ("MES", 0)], changed.Select(p => (p.ContractId, p.Size)));
        var beforeClose = tracker.Sequence;
        tracker.Observe(Position("MNQ", 0));
        Assert.Empty(tracker.DiffPositions(1001, [Position("MNQ", 3)], beforeClose));
    }

    [Fact]
    public void Trades_are_published_once_and_a_baseline_is_remembered_silently()
    {
        var tracker = new UserStateTracker();
        Assert.Empty(tracker.NewTrades(1001, [Trade(1)], seedOnly: true));
        tracker.Observe(Trade(2));

        var added = tracker.NewTrades(1001, [Trade(1), Trade(2), Trade(3)], seedOnly: false);

        Assert.Equal([3L], added.Select(t => t.Id));
        Assert.Equal(T0.AddSeconds(3), tracker.TradesSince(1001, T0));
    }

    [Fact]
    public void Account_changes_are_published_once()
    {
        var tracker = new UserStateTracker();
        var account = new TradingAccountModel { Id = 1001, Name = "PRAC", Balance = 50_000m, CanTrade = true };
        Assert.Single(tracker.DiffAccounts([account], 0));
        Assert.Empty(tracker.DiffAccounts([account], tracker.Sequence));
        Assert.Single(tracker.DiffAccounts([new TradingAccountModel { Id = 1001, Name = "PRAC", Balance = 49_990m, CanTrade = true }], tracker.Sequence));
    }

    private static OrderModel Order(long id, OrderStatus status) => new()
    {
        Id = id, AccountId = 1001, ContractId = "CON.F.US.MNQ.Z26", Status = status, Size = 1, CreationTimestamp = T0.AddSeconds(id),
        FillVolume = status == OrderStatus.Filled ? 1 : 0,
    };

    private static PositionModel Position(string contract, int size) => new()
    {
        Id = contract.Length, AccountId = 1001, ContractId = contract, Size = size, Type = PositionType.Long, AveragePrice = 100m, CreationTimestamp = T0,
    };

    private static HalfTradeModel Trade(long id) => new() { Id = id, AccountId = 1001, ContractId = "MNQ", CreationTimestamp = T0.AddSeconds(id), Size = 1, Price = 1m };
}
