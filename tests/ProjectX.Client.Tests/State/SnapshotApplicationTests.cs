using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.State;

/// <summary>How the store applies the realtime layer's snapshots: what changed is applied once, and a hub event newer than the snapshot wins.</summary>
public sealed class SnapshotApplicationTests
{
    private const int Account = 1001;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_new_or_changed_orders_change_and_a_newer_hub_update_wins_over_an_older_snapshot()
    {
        var orders = new OrderTracker(Account);
        orders.Apply(Hub(Order(1, OrderStatus.Open), sequence: 1));
        orders.Apply(Hub(Order(2, OrderStatus.Open), sequence: 2));
        orders.Apply(Hub(Order(2, OrderStatus.Filled), sequence: 3)); // the hub was faster than the REST snapshot taken as of 2
        var changes = new List<(long, OrderStatus)>();
        orders.OrderChanged += (_, o) => changes.Add((o.Id, o.Status));

        var changed = orders.Apply(new OrdersSnapshotEvent(Account, [Order(1, OrderStatus.Open), Order(2, OrderStatus.Open)], [Order(3, OrderStatus.Filled)], AsOfSequence: 2, T0));

        Assert.Equal(1, changed);
        Assert.Equal([(3L, OrderStatus.Filled)], changes);
        Assert.Equal(OrderStatus.Filled, orders[2]!.Status);
        Assert.Equal([1L], orders.Working().Select(o => o.Id));
        Assert.Equal(0, orders.Apply(new OrdersSnapshotEvent(Account, [], [Order(3, OrderStatus.Filled)], AsOfSequence: 3, T0)));
        Assert.Equal(0, orders.Apply(new OrdersSnapshotEvent(Account + 1, [Order(9, OrderStatus.Open)], [], AsOfSequence: 3, T0)));
    }

    [Fact]
    public void A_position_missing_from_the_snapshot_closes_and_a_stale_snapshot_cannot_reopen_it()
    {
        var positions = new PositionTracker(Account);
        positions.Apply(Hub(Position("MNQ", 2), sequence: 1));
        positions.Apply(Hub(Position("MES", 1), sequence: 2));
        var changes = new List<(string, int)>();
        positions.PositionChanged += (_, p) => changes.Add((p.ContractId, p.Size));

        Assert.Equal(2, positions.Apply(new PositionsSnapshotEvent(Account, [Position("MNQ", 3)], AsOfSequence: 2, T0)));
        Assert.Equal([("MES", 0), ("MNQ", 3)], changes);

        positions.Apply(Hub(Position("MNQ", 0), sequence: 3));
        Assert.Equal(0, positions.Apply(new PositionsSnapshotEvent(Account, [Position("MNQ", 3)], AsOfSequence: 2, T0)));
        Assert.Null(positions["MNQ"]);
        Assert.Equal(0, positions.Apply(new PositionsSnapshotEvent(Account, [], AsOfSequence: 4, T0))); // already flat: nothing to close
    }

    [Fact]
    public void A_fill_is_counted_once_however_often_it_is_reported()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0.AddMinutes(5));
        var positions = new PositionTracker(Account, time);
        var added = new List<long>();
        positions.TradeAdded += (_, t) => added.Add(t.Id);
        positions.Apply(new TradeExecutedEvent(Trade(2), null, T0, EventOrigin.Hub) { Sequence = 1 });

        positions.Apply(new TradesSnapshotEvent(Account, [Trade(3), Trade(1), Trade(2)], T0, AsOfSequence: 1, T0));

        Assert.Equal([2L, 1L, 3L], added);
        Assert.Equal(3, positions.GetPortfolioPnl().TradesToday);
    }

    [Fact]
    public void An_account_change_is_applied_once_and_a_snapshot_older_than_the_hub_is_ignored()
    {
        var positions = new PositionTracker(Account);
        var changes = new List<decimal>();
        positions.AccountChanged += (_, a) => changes.Add(a.Balance);
        var account = new TradingAccountModel { Id = Account, Name = "PRAC", Balance = 50_000m, CanTrade = true };

        Assert.True(positions.Apply(new AccountsSnapshotEvent([account], AsOfSequence: 0, T0)));
        Assert.False(positions.Apply(new AccountsSnapshotEvent([account], AsOfSequence: 1, T0)));
        positions.Apply(new AccountUpdatedEvent(new TradingAccountModel { Id = Account, Name = "PRAC", Balance = 49_990m, CanTrade = true }, null, T0, EventOrigin.Hub) { Sequence = 5 });
        Assert.False(positions.Apply(new AccountsSnapshotEvent([account], AsOfSequence: 4, T0)));

        Assert.Equal([50_000m, 49_990m], changes);
        Assert.Equal(49_990m, positions.Balance);
    }

    private static OrderUpdatedEvent Hub(OrderModel order, long sequence) => new(order, null, T0, EventOrigin.Hub) { Sequence = sequence };

    private static PositionUpdatedEvent Hub(PositionModel position, long sequence) => new(position, null, T0, EventOrigin.Hub) { Sequence = sequence };

    private static OrderModel Order(long id, OrderStatus status) => new()
    {
        Id = id, AccountId = Account, ContractId = "CON.F.US.MNQ.Z26", Status = status, Size = 1, CreationTimestamp = T0.AddSeconds(id),
        UpdateTimestamp = T0.AddSeconds(id), FillVolume = status == OrderStatus.Filled ? 1 : 0,
    };

    private static PositionModel Position(string contract, int size) => new()
    {
        Id = contract.Length, AccountId = Account, ContractId = contract, Size = size, Type = PositionType.Long, AveragePrice = 100m, CreationTimestamp = T0,
    };

    private static HalfTradeModel Trade(long id) => new() { Id = id, AccountId = Account, ContractId = "MNQ", CreationTimestamp = T0.AddSeconds(id), Size = 1, Price = 1m };
}
