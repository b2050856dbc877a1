using ProjectX.Client.Gateway;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>Issue 12, defect 3: a long-running server keeps a bounded history per account.</summary>
public class RetentionTests
{
    [Fact]
    public void Past_the_order_history_limit_the_oldest_finished_orders_and_their_tags_are_forgotten_and_working_ones_kept()
    {
        var h = new ExchangeHarness(new SimulatorOptions { Limits = { OrderHistoryPerAccount = 50 } });
        var working = h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19000m, tag: "resting");
        for (var i = 0; i < 120; i++)
            h.PlaceOk(OrderType.Market, i % 2 == 0 ? OrderSide.Bid : OrderSide.Ask, tag: "t" + i);

        var orders = h.Exchange.GetOrders(ExchangeHarness.Account);

        Assert.InRange(orders.Count, 45, 50);
        Assert.Contains(orders, o => o.Id == working);
        Assert.Equal("t119", orders[^1].CustomTag);
        Assert.Null(h.Exchange.GetOrder(orders[1].Id - 1)); // the one before the oldest finished order kept
        // A forgotten tag may be used again; a retained one may not.
        Assert.True(h.Place(OrderType.Market, OrderSide.Ask, tag: "t0").Success);
        Assert.Equal(PlaceOrderErrorCode.OrderRejected, h.Place(OrderType.Market, OrderSide.Ask, tag: "t119").ErrorCode);
    }

    [Fact]
    public void Past_the_trade_history_limit_the_oldest_trades_are_forgotten()
    {
        var h = new ExchangeHarness(new SimulatorOptions { Limits = { TradeHistoryPerAccount = 30 } });
        for (var i = 0; i < 100; i++)
            h.PlaceOk(OrderType.Market, i % 2 == 0 ? OrderSide.Bid : OrderSide.Ask);

        var trades = h.Exchange.GetTrades(ExchangeHarness.Account);

        Assert.InRange(trades.Count, 27, 30);
        Assert.Equal(h.Exchange.GetOrders(ExchangeHarness.Account)[^1].Id, trades[^1].OrderId);
    }
}
