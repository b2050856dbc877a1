using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;

namespace ProjectX.Client.Tests.Wire;

/// <summary>
/// The simulator on CME hours (<see cref="SimulatorMarketHours.Cme"/>), through the client on the real wire. Every
/// instant is worked out by hand for MNQ (equity index: open 17:00-16:00 Chicago; CST = UTC-6, CDT = UTC-5; DST 2026
/// from Sunday 8 March to Sunday 1 November).
/// </summary>
public sealed class MarketHoursTests
{
    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    private static Task<ProjectX.Simulator.SimulatorServer> CmeAsync(FakeTimeProvider time) =>
        Sim.StartAsync(o => o.MarketHours = SimulatorMarketHours.Cme, time);

    [Theory]
    [InlineData("2026-03-07T18:00:00Z", false)] // Saturday
    [InlineData("2026-03-08T21:59:59Z", false)] // Sunday 16:59:59 CDT: the first Sunday of DST, still closed
    [InlineData("2026-03-08T22:00:00Z", true)]  // Sunday 17:00 CDT: open (an hour earlier in UTC than the week before)
    [InlineData("2026-03-01T22:30:00Z", false)] // a week earlier, Sunday 16:30 CST: closed
    [InlineData("2026-03-01T23:00:00Z", true)]  // Sunday 17:00 CST
    [InlineData("2026-11-01T22:00:00Z", false)] // Sunday 16:00 CST, the first Sunday after DST ended
    [InlineData("2026-11-01T23:00:00Z", true)]  // Sunday 17:00 CST
    [InlineData("2026-07-14T21:30:00Z", false)] // Tuesday 16:30 CDT: the daily break
    [InlineData("2026-07-14T20:59:00Z", true)]  // Tuesday 15:59 CDT
    [InlineData("2026-12-25T16:00:00Z", false)] // Christmas Day
    [InlineData("2026-01-19T17:59:00Z", true)]  // MLK Day 11:59 CST: the holiday session
    [InlineData("2026-01-19T18:00:00Z", false)] // MLK Day 12:00 CST: halted until 17:00 CST
    [InlineData("2026-11-27T18:14:00Z", true)]  // day after Thanksgiving 12:14 CST
    [InlineData("2026-11-27T18:15:00Z", false)] // its 12:15 CST early close
    public async Task Orders_outside_trading_hours_are_rejected_with_error_code_5(string at, bool open)
    {
        await using var server = await CmeAsync(new FakeTimeProvider(T(at)));
        await using var client = await Sim.ConnectAsync(server);
        if (open)
        {
            var placed = await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1);
            Assert.Equal(OrderStatus.Filled, server.Gateway.Exchange.GetOrder(placed.OrderId)!.Status);
            return;
        }
        var rejected = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        Assert.Equal(5, rejected.ErrorCode);
        Assert.Equal("OutsideTradingHours", rejected.ErrorCodeName);
        Assert.Equal(OrderStatus.Rejected, Assert.Single(Sim.OrdersOnServer(server)).Status); // created and rejected, as the gateway does
        Assert.Empty(Sim.PositionsOnServer(server));
    }

    [Fact]
    public async Task A_position_cannot_be_closed_while_the_market_is_closed()
    {
        var time = new FakeTimeProvider(T("2026-07-14T20:59:00Z")); // Tuesday 15:59 CDT
        await using var server = await CmeAsync(time);
        await using var client = await Sim.ConnectAsync(server);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2);

        time.SetUtcNow(T("2026-07-14T21:00:00Z")); // 16:00 CDT: closed
        var close = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.ClosePositionAsync("MNQ"));
        Assert.Equal((5, "OrderRejected"), (close.ErrorCode, close.ErrorCodeName));
        var partial = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PartialClosePositionAsync("MNQ", 1));
        Assert.Equal((6, "OrderRejected"), (partial.ErrorCode, partial.ErrorCodeName));
        var exit = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 2));
        Assert.Equal(5, exit.ErrorCode);
        Assert.Equal(2, Assert.Single(Sim.PositionsOnServer(server)).Size);

        time.SetUtcNow(T("2026-07-14T22:00:00Z")); // 17:00 CDT: open again
        await client.ClosePositionAsync("MNQ");
        Assert.Empty(Sim.PositionsOnServer(server));
    }

    [Fact]
    public async Task A_resting_order_does_not_fill_while_the_market_is_closed()
    {
        var time = new FakeTimeProvider(T("2026-07-14T20:59:59Z")); // one second before the 16:00 CDT close
        await using var server = await CmeAsync(time);
        await using var client = await Sim.ConnectAsync(server);
        var mnq = await client.GetInstrumentAsync("MNQ");
        var last = Sim.LastPrice(server, mnq.Id);
        // Stops 5 ticks either side: the (24/7) price path crosses at least one of them in the closed hour.
        await client.PlaceStopOrderAsync("MNQ", OrderSide.Bid, 1, last + (5 * mnq.TickSize));
        await client.PlaceStopOrderAsync("MNQ", OrderSide.Ask, 1, last - (5 * mnq.TickSize));
        time.SetUtcNow(T("2026-07-14T21:59:59Z"));
        server.Gateway.Exchange.AdvanceToNow();
        Assert.Equal(2, Sim.OrdersOnServer(server).Count(o => o.Status == OrderStatus.Open));
        Assert.Empty(server.Gateway.Exchange.GetTrades(Sim.MainAccount));

        time.SetUtcNow(T("2026-07-15T03:00:00Z")); // open since 17:00 CDT: the path reaches a stop
        server.Gateway.Exchange.AdvanceToNow();
        var fills = server.Gateway.Exchange.GetTrades(Sim.MainAccount);
        Assert.NotEmpty(fills);
        Assert.All(fills, t => Assert.True(t.CreationTimestamp >= T("2026-07-14T22:00:00Z"), $"a fill at {t.CreationTimestamp:O}, in the break"));
    }
}
