using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.State;

public class PositionTrackerTests
{
    private const int Account = 1001;
    private const string Mnq = "CON.F.US.MNQ.Z26";
    private const string Es = "CON.F.US.EP.Z26";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    private static PositionModel Position(string contract, PositionType type, int size, decimal avg, int account = Account) =>
        new() { Id = 1, AccountId = account, ContractId = contract, Type = type, Size = size, AveragePrice = avg, CreationTimestamp = T0 };

    private static HalfTradeModel Trade(long id, decimal? pnl, decimal fees, DateTimeOffset at, bool voided = false, decimal? commissions = null) =>
        new() { Id = id, AccountId = Account, ContractId = Mnq, CreationTimestamp = at, Price = 100m, ProfitAndLoss = pnl, Fees = fees, Commissions = commissions, Side = OrderSide.Bid, Size = 1, Voided = voided, OrderId = id };

    private static PositionTracker Tracker(TimeProvider? time = null)
    {
        var t = new PositionTracker(Account, time ?? new FakeTimeProvider(T0));
        t.AddContract(new ContractModel { Id = Mnq, TickSize = 0.25m, TickValue = 0.50m });
        t.AddContract(new ContractModel { Id = Es, TickSize = 0.25m, TickValue = 12.50m });
        return t;
    }

    [Theory]
    [InlineData(PositionType.Long, 2, "21000.00", "21010.25", "41.00")]   // 41 ticks × 0.50 × 2
    [InlineData(PositionType.Short, 2, "21000.00", "21010.25", "-41.00")]
    [InlineData(PositionType.Short, 1, "21000.00", "20990.00", "20.00")]
    [InlineData(PositionType.Long, 3, "21000.00", "21000.00", "0")]
    public void Unrealized_pnl_is_ticks_times_tick_value_times_size(PositionType type, int size, string avgText, string lastText, string expectedText)
    {
        var (avg, last, expected) = (D(avgText), D(lastText), D(expectedText));
        Assert.Equal(expected, PositionTracker.ComputeUnrealizedPnl(type, size, avg, last, 0.25m, 0.50m));
        var tracker = Tracker();
        tracker.Apply(new PositionUpdatedEvent(Position(Mnq, type, size, avg), null, T0, EventOrigin.Hub));
        Assert.Null(tracker.UnrealizedPnl(Mnq)); // no price yet
        tracker.OnQuote(new Quote(Mnq, null, null, null, last, null, null, null, null, null, null, null, null, T0, 1));
        Assert.Equal(expected, tracker.UnrealizedPnl(Mnq));
        Assert.Equal(expected, tracker.Snapshot().Single().UnrealizedPnl);
    }

    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Size_zero_closes_and_other_accounts_are_ignored()
    {
        var tracker = Tracker();
        var changes = new List<int>();
        tracker.PositionChanged += (_, p) => changes.Add(p.Size);
        tracker.Apply(Position(Mnq, PositionType.Long, 1, 100m));
        Assert.False(tracker.Apply(Position(Es, PositionType.Long, 1, 100m, account: 7)));
        Assert.Equal(1, tracker.Count);
        tracker.Apply(Position(Mnq, PositionType.Long, 0, 100m));
        Assert.Equal(0, tracker.Count);
        Assert.Null(tracker[Mnq]);
        Assert.Equal(0m, tracker.UnrealizedPnl(Mnq));
        Assert.Equal([1, 0], changes);
    }

    [Fact]
    public void Seeding_replaces_positions_and_reports_the_ones_gone_as_closed()
    {
        var tracker = Tracker();
        tracker.Apply(Position(Mnq, PositionType.Long, 1, 100m));
        var changes = new List<(string, int)>();
        tracker.PositionChanged += (_, p) => changes.Add((p.ContractId, p.Size));
        tracker.Seed([Position(Es, PositionType.Short, 2, 6000m)]);
        Assert.Equal([(Mnq, 0), (Es, 2)], changes);
        Assert.Equal(Es, tracker.Snapshot().Single().ContractId);
        Assert.Equal(-2, tracker.Snapshot().Single().NetSize);
    }

    [Fact]
    public void Portfolio_sums_today_fills_once_each_and_marks_positions()
    {
        var time = new FakeTimeProvider(T0);
        var tracker = Tracker(time);
        tracker.Apply(new TradeExecutedEvent(Trade(1, null, 0.37m, T0.AddMinutes(-5)), null, T0, EventOrigin.Hub));
        tracker.Apply(new TradeExecutedEvent(Trade(2, 12.50m, 0.37m, T0.AddMinutes(-1), commissions: 0.10m), null, T0, EventOrigin.Hub));
        tracker.Apply(new TradeExecutedEvent(Trade(2, 12.50m, 0.37m, T0.AddMinutes(-1), commissions: 0.10m), null, T0, EventOrigin.Resync)); // replay
        tracker.Apply(Trade(3, -99m, 5m, T0.AddDays(-1))); // yesterday
        tracker.Apply(Trade(4, 7m, 1m, T0));
        tracker.Apply(Trade(4, 7m, 1m, T0, voided: true)); // voided later
        tracker.Apply(new AccountUpdatedEvent(new TradingAccountModel { Id = Account, Balance = 50_012.13m }, null, T0, EventOrigin.Hub));
        tracker.Apply(new TradingAccountModel { Id = 7, Balance = 1m });
        tracker.Apply(Position(Es, PositionType.Long, 1, 6000m));
        tracker.Apply(Position(Mnq, PositionType.Short, 1, 21000m));
        tracker.UpdatePrice(Es, 6001m);   // +4 ticks × 12.50 = 50
        tracker.UpdatePrice(Mnq, 21001m); // short, −4 ticks × 0.50 = −2

        var pnl = tracker.GetPortfolioPnl();
        Assert.Equal(12.50m, pnl.RealizedToday);
        Assert.Equal(0.74m, pnl.Fees);
        Assert.Equal(0.10m, pnl.Commissions);
        Assert.Equal(48m, pnl.Unrealized);
        Assert.Equal(50_012.13m, pnl.Balance);
        Assert.Equal(2, pnl.OpenPositions);
        Assert.Equal(2, pnl.TradesToday);
        Assert.Equal(12.50m + 48m - 0.74m - 0.10m, pnl.Net);

        time.Advance(TimeSpan.FromDays(1)); // a new trading day forgets yesterday's fills
        Assert.Equal(0m, tracker.GetPortfolioPnl().RealizedToday);
        Assert.Equal(0, tracker.GetPortfolioPnl().TradesToday);
    }

    [Fact]
    public void Unrealized_is_unknown_while_a_position_has_no_price()
    {
        var tracker = Tracker();
        tracker.Apply(Position(Mnq, PositionType.Long, 1, 100m));
        Assert.Null(tracker.GetPortfolioPnl().Unrealized);
        Assert.Equal(0m, tracker.GetPortfolioPnl().Net);
    }

    // Reference instants below are worked out by hand: CST = UTC-6, CDT = UTC-5; in 2026 DST starts Sunday 8 March
    // and ends Sunday 1 November; the equity-index trade date D opens 17:00 Chicago on the evening before.

    [Fact]
    public void Day_pnl_rolls_at_17_00_chicago_not_at_midnight_utc()
    {
        // Tuesday 2026-11-24 17:30 CST = 23:30Z: already Wednesday's trade date, which opened at 17:00 CST = 23:00Z.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.Zero));
        var tracker = Tracker(time);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), tracker.DayStart);
        Assert.False(tracker.Apply(Trade(1, -40m, 1m, new DateTimeOffset(2026, 11, 24, 21, 30, 0, TimeSpan.Zero)))); // 15:30 CST: Tuesday's
        Assert.True(tracker.Apply(Trade(2, 25m, 1m, new DateTimeOffset(2026, 11, 24, 23, 10, 0, TimeSpan.Zero))));  // 17:10 CST: Wednesday's

        time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 0, 30, 0, TimeSpan.Zero)); // past midnight UTC: the same trading day
        Assert.Equal(25m, tracker.GetPortfolioPnl().RealizedToday);
        Assert.Equal(1, tracker.GetPortfolioPnl().TradesToday);

        time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 22, 59, 59, TimeSpan.Zero)); // Wednesday 16:59:59 CST, in the break
        Assert.Equal(25m, tracker.GetPortfolioPnl().RealizedToday);
        time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));   // 17:00 CST: Friday 27th's trade date (Thanksgiving's session counts for Friday)
        Assert.Equal(0m, tracker.GetPortfolioPnl().RealizedToday);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero), tracker.DayStart);
    }

    [Theory]
    [InlineData("2026-07-14T22:30:00Z", "2026-07-14T22:00:00Z")] // summer: 17:00 CDT = 22:00Z
    [InlineData("2026-03-08T21:30:00Z", "2026-03-05T23:00:00Z")] // Sunday 16:30 CDT, weekend: Friday 6 March's day, opened Thursday 17:00 CST
    [InlineData("2026-03-08T22:00:00Z", "2026-03-08T22:00:00Z")] // the first open after the March change: Sunday 17:00 CDT
    [InlineData("2026-10-31T12:00:00Z", "2026-10-29T22:00:00Z")] // Saturday: Friday 30 October's day, opened Thursday 17:00 CDT
    [InlineData("2026-11-01T23:00:00Z", "2026-11-01T23:00:00Z")] // the first open after the November change: Sunday 17:00 CST
    [InlineData("2026-11-01T22:30:00Z", "2026-10-29T22:00:00Z")] // Sunday 16:30 CST: still the weekend
    [InlineData("2026-11-26T17:00:00Z", "2026-11-25T23:00:00Z")] // Thanksgiving 11:00 CST: the halted session counts for Friday 27th
    [InlineData("2026-11-28T12:00:00Z", "2026-11-25T23:00:00Z")] // Saturday after the 12:15 CST early close: still Friday 27th's day
    [InlineData("2026-11-29T23:00:00Z", "2026-11-29T23:00:00Z")] // Sunday 17:00 CST: Monday 30th
    public void The_day_starts_at_the_first_open_of_the_trade_date(string now, string dayStart)
    {
        var tracker = Tracker(new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(DateTimeOffset.Parse(dayStart, System.Globalization.CultureInfo.InvariantCulture), tracker.DayStart);
    }

    [Fact]
    public void A_clock_past_the_holiday_table_fails_loudly()
    {
        var ex = Assert.Throws<ProjectX.Client.Sessions.TradingCalendarExpiredException>(
            () => new PositionTracker(Account, new FakeTimeProvider(new DateTimeOffset(2028, 1, 4, 15, 0, 0, TimeSpan.Zero))));
        Assert.Equal(new DateOnly(2027, 12, 31), ex.CoveredThrough);
    }
}
