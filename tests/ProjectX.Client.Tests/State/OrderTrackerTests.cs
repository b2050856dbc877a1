using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.State;

public class OrderTrackerTests
{
    private const int Account = 1001;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    internal static OrderModel Order(long id, OrderStatus status, int secondsAfter = 0, string? tag = null, long? parent = null, long? linked = null, int account = Account) => new()
    {
        Id = id, AccountId = account, ContractId = "CON.F.US.MNQ.Z26", Status = status, Type = OrderType.Limit, Side = OrderSide.Bid,
        Size = 1, LimitPrice = 100m, CreationTimestamp = T0, UpdateTimestamp = T0.AddSeconds(secondsAfter), CustomTag = tag,
        ParentOrderId = parent, LinkedOrderId = linked,
        FillVolume = status == OrderStatus.Filled ? 1 : 0, FilledPrice = status == OrderStatus.Filled ? 100m : null,
    };

    private static OrderUpdatedEvent Hub(OrderModel o) => new(o, null, T0, EventOrigin.Hub);

    [Fact]
    public void Finds_orders_by_id_and_tag_and_ignores_other_accounts()
    {
        var tracker = new OrderTracker(Account);
        Assert.True(tracker.Apply(Hub(Order(5_000_000_000, OrderStatus.Open, tag: "px-a"))));
        Assert.False(tracker.Apply(Hub(Order(7, OrderStatus.Open, account: 9))));
        Assert.Equal(OrderStatus.Open, tracker[5_000_000_000]!.Status);
        Assert.Equal(5_000_000_000, tracker.FindByTag("px-a")!.Id);
        Assert.Null(tracker[7]);
        Assert.Null(tracker.FindByTag("nope"));
        Assert.Equal(1, tracker.Count);
    }

    [Fact]
    public void A_stale_update_never_rolls_an_order_back()
    {
        var tracker = new OrderTracker(Account);
        tracker.Apply(Hub(Order(1, OrderStatus.Filled, secondsAfter: 5)));
        Assert.False(tracker.Apply(new OrderUpdatedEvent(Order(1, OrderStatus.Open, secondsAfter: 1), null, T0, EventOrigin.Resync)));
        Assert.False(tracker.Apply(Order(1, OrderStatus.Open, secondsAfter: 5))); // same time, finished wins
        Assert.Equal(OrderStatus.Filled, tracker[1]!.Status);
        Assert.True(tracker.Apply(Order(1, OrderStatus.Filled, secondsAfter: 6)));
    }

    [Fact]
    public void Bracket_legs_are_linked_to_their_entry_and_to_each_other()
    {
        var tracker = new OrderTracker(Account);
        tracker.Seed([
            Order(10, OrderStatus.Filled),
            Order(11, OrderStatus.Suspended, parent: 10, linked: 12),
            Order(12, OrderStatus.Suspended, parent: 10, linked: 11),
            Order(13, OrderStatus.Open),
        ]);
        Assert.Equal([11L, 12L], tracker.GetLegs(10).Select(o => o.Id));
        Assert.Empty(tracker.GetLegs(13));
        Assert.Equal(12, tracker.GetLinked(11)!.Id);
        Assert.Equal(11, tracker.GetLinked(12)!.Id);
        Assert.Equal([11L, 12L, 13L], tracker.Working().Select(o => o.Id));
        tracker.Apply(Order(11, OrderStatus.Open, 1, parent: 10, linked: 12));
        Assert.Equal(OrderStatus.Open, tracker.GetLegs(10)[0].Status);
    }

    [Fact]
    public async Task WaitForFill_completes_on_the_fill_event()
    {
        var tracker = new OrderTracker(Account);
        tracker.Apply(Order(1, OrderStatus.Open));
        var wait = tracker.WaitForFillAsync(1, TimeSpan.FromSeconds(30));
        Assert.False(wait.IsCompleted);
        tracker.Apply(Order(1, OrderStatus.Filled, 1));
        var filled = await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(1, filled.FillVolume);
    }

    [Fact]
    public async Task WaitForFill_returns_at_once_for_a_filled_order_and_fails_for_a_cancelled_one()
    {
        var tracker = new OrderTracker(Account);
        tracker.Apply(Order(1, OrderStatus.Filled));
        Assert.Equal(1, (await tracker.WaitForFillAsync(1, TimeSpan.FromSeconds(1))).Id);

        tracker.Apply(Order(2, OrderStatus.Open));
        var wait = tracker.WaitForFillAsync(2, TimeSpan.FromSeconds(30));
        tracker.Apply(Order(2, OrderStatus.Cancelled, 1, tag: "px-c"));
        var error = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => wait);
        Assert.Equal(2, error.OrderId);
        Assert.Contains("Cancelled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_times_out_on_the_trackers_clock()
    {
        var time = new FakeTimeProvider(T0);
        var tracker = new OrderTracker(Account, time);
        tracker.Apply(Order(1, OrderStatus.Open));
        var wait = tracker.WaitForStatusAsync(1, [OrderStatus.Filled, OrderStatus.Cancelled], TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => wait);
        Assert.Contains("Order 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_honours_cancellation_and_waits_for_unknown_orders()
    {
        var tracker = new OrderTracker(Account);
        using var cts = new CancellationTokenSource();
        var wait = tracker.WaitForStatusAsync(99, OrderStatus.Open, TimeSpan.FromMinutes(1), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        var later = tracker.WaitForStatusAsync(100, OrderStatus.Open, TimeSpan.FromMinutes(1));
        tracker.Apply(Order(100, OrderStatus.Open));
        Assert.Equal(100, (await later.WaitAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public async Task WaitForTag_finds_an_order_that_arrives_later()
    {
        var tracker = new OrderTracker(Account);
        var wait = tracker.WaitForTagAsync("px-late", TimeSpan.FromMinutes(1));
        tracker.Apply(Order(3, OrderStatus.Open, tag: "px-late"));
        Assert.Equal(3, (await wait.WaitAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public void Finished_orders_are_bounded_but_working_ones_are_kept()
    {
        var tracker = new OrderTracker(Account, maxFinishedOrders: 2);
        tracker.Apply(Order(1, OrderStatus.Open, tag: "keep"));
        for (long id = 2; id <= 6; id++)
            tracker.Apply(Order(id, OrderStatus.Filled, tag: $"t{id}"));
        Assert.Equal([1L, 5L, 6L], tracker.All().Select(o => o.Id));
        Assert.Null(tracker.FindByTag("t2"));
        Assert.NotNull(tracker.FindByTag("keep"));
    }

    [Fact]
    public void OrderChanged_reports_each_applied_change()
    {
        var tracker = new OrderTracker(Account);
        var seen = new List<OrderStatus>();
        tracker.OrderChanged += (_, o) => seen.Add(o.Status);
        tracker.Apply(Order(1, OrderStatus.Open));
        tracker.Apply(Order(1, OrderStatus.Filled, 1));
        tracker.Apply(Order(1, OrderStatus.Open, 0)); // stale: not reported
        Assert.Equal([OrderStatus.Open, OrderStatus.Filled], seen);
    }
}
