using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

public class OrderTypeTests
{
    private readonly ExchangeHarness _h = new();

    [Fact]
    public void Market_buy_fills_at_the_ask_and_sell_at_the_bid()
    {
        var buy = _h.PlaceOk(OrderType.Market, OrderSide.Bid, size: 3);
        var sell = _h.PlaceOk(OrderType.Market, OrderSide.Ask, size: 2);

        var bought = _h.Order(buy);
        Assert.Equal(OrderStatus.Filled, bought.Status);
        Assert.Equal(20000.25m, bought.FilledPrice);
        Assert.Equal(3, bought.FillVolume);
        Assert.Equal(20000m, _h.Order(sell).FilledPrice);
    }

    [Fact]
    public void Limit_rests_until_a_second_trades_through_it()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m);
        Assert.Equal(OrderStatus.Open, _h.Order(id).Status);

        _h.Trade(1, 19995m, 19996m, 19990m, 19991m); // touches 19990 only: the queue ahead is unknown
        Assert.Equal(OrderStatus.Open, _h.Order(id).Status);

        _h.Trade(1, 19991m, 19992m, 19989.75m, 19990m);
        var filled = _h.Order(id);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(19990m, filled.FilledPrice);
    }

    [Fact]
    public void Limit_fills_at_the_better_open_on_a_gap()
    {
        var sell = _h.PlaceOk(OrderType.Limit, OrderSide.Ask, limit: 20010m);
        _h.Trade(1, 20015m, 20016m, 20014m, 20015m);
        Assert.Equal(20015m, _h.Order(sell).FilledPrice);
    }

    [Fact]
    public void Marketable_limit_fills_at_the_touch_on_arrival()
    {
        var buy = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 20005m);
        var filled = _h.Order(buy);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(20000.25m, filled.FilledPrice);
    }

    [Fact]
    public void Stop_triggers_when_touched_and_fills_at_the_stop()
    {
        var buyStop = _h.PlaceOk(OrderType.Stop, OrderSide.Bid, stop: 20010m);
        _h.Trade(1, 20001m, 20009.75m, 20000m, 20009m);
        Assert.Equal(OrderStatus.Open, _h.Order(buyStop).Status);

        _h.Trade(1, 20009m, 20010m, 20008m, 20009.5m);
        Assert.Equal(20010m, _h.Order(buyStop).FilledPrice);
    }

    [Fact]
    public void Stop_fills_at_the_worse_open_on_a_gap()
    {
        var sellStop = _h.PlaceOk(OrderType.Stop, OrderSide.Ask, stop: 19990m);
        _h.Trade(1, 19980m, 19982m, 19979m, 19981m);
        Assert.Equal(19980m, _h.Order(sellStop).FilledPrice);
    }

    [Fact]
    public void Stop_already_through_the_last_price_fills_like_a_market_order()
    {
        var buyStop = _h.PlaceOk(OrderType.Stop, OrderSide.Bid, stop: 19990m);
        Assert.Equal(20000.25m, _h.Order(buyStop).FilledPrice);
    }

    [Fact]
    public void Stop_limit_triggers_then_rests_as_a_limit()
    {
        var id = _h.PlaceOk(OrderType.StopLimit, OrderSide.Bid, stop: 20010m, limit: 20008m);
        _h.Trade(1, 20005m, 20011m, 20005m, 20011m); // triggers at 20010, above the limit: rests
        var triggered = _h.Order(id);
        Assert.Equal(OrderStatus.Open, triggered.Status);

        _h.Trade(1, 20011m, 20011m, 20007.75m, 20008m);
        var filled = _h.Order(id);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(20008m, filled.FilledPrice);
    }

    [Fact]
    public void Stop_limit_fills_in_the_triggering_second_when_the_trigger_is_within_the_limit()
    {
        var id = _h.PlaceOk(OrderType.StopLimit, OrderSide.Ask, stop: 19990m, limit: 19989m);
        _h.Trade(1, 19995m, 19995m, 19985m, 19986m);
        Assert.Equal(19990m, _h.Order(id).FilledPrice);
    }

    [Fact]
    public void Join_bid_and_join_ask_rest_at_the_touch()
    {
        var joinBid = _h.PlaceOk(OrderType.JoinBid, OrderSide.Bid);
        var joinAsk = _h.PlaceOk(OrderType.JoinAsk, OrderSide.Ask);

        Assert.Equal(20000m, _h.Order(joinBid).LimitPrice);
        Assert.Equal(OrderStatus.Open, _h.Order(joinBid).Status);
        Assert.Equal(20000.25m, _h.Order(joinAsk).LimitPrice);
        Assert.Equal(OrderStatus.Open, _h.Order(joinAsk).Status);
    }

    [Fact]
    public void Trailing_stop_takes_its_distance_from_the_absolute_trail_price_and_reads_it_back_as_a_distance()
    {
        // Last 20000, sell trailing stop with trailPrice 19998.50 → 6 ticks (spec §4.8 example).
        var id = _h.PlaceOk(OrderType.TrailingStop, OrderSide.Ask, trail: 19998.5m);
        var order = _h.Order(id);
        Assert.Equal(6, order.TrailDistance);
        Assert.Equal(1.5m, order.TrailPrice);
        Assert.Equal(19998.5m, order.StopPrice);
    }

    [Fact]
    public void Trailing_stop_follows_the_best_price_then_triggers()
    {
        var id = _h.PlaceOk(OrderType.TrailingStop, OrderSide.Ask, trail: 19999m); // 4 ticks below 20000
        _h.Trade(1, 20000m, 20005m, 20000m, 20004m);
        Assert.Equal(20004m, _h.Order(id).StopPrice); // trailed the new high
        _h.Trade(1, 20004.5m, 20004.75m, 20004.25m, 20004.5m);
        Assert.Equal(20004m, _h.Order(id).StopPrice); // a lower high does not move it
        Assert.Equal(OrderStatus.Open, _h.Order(id).Status);

        _h.Trade(1, 20004.25m, 20004.5m, 20003.75m, 20003.75m);
        var filled = _h.Order(id);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(20004m, filled.FilledPrice);
        Assert.Equal(4, filled.TrailDistance);
    }

    [Fact]
    public void Buy_trailing_stop_sits_above_the_lowest_price()
    {
        var id = _h.PlaceOk(OrderType.TrailingStop, OrderSide.Bid, trail: 20001m); // 4 ticks above 20000
        _h.Trade(1, 20000m, 20000m, 19995m, 19995m);
        Assert.Equal(19996m, _h.Order(id).StopPrice);
        _h.Trade(1, 19995m, 19997m, 19995m, 19997m);
        Assert.Equal(19996m, _h.Order(id).FilledPrice);
    }

    [Theory]
    [InlineData(null, OrderRules.TrailDistanceNotSet)]
    [InlineData(20000.0, OrderRules.TrailDistanceNotSet)]
    [InlineData(19998.6, OrderRules.TrailPriceNotAligned)]
    [InlineData(19749.75, OrderRules.TrailDistanceTooLarge)]
    public void Trailing_stop_rejections_use_the_documented_messages(double? trail, string message)
    {
        var response = _h.Place(OrderType.TrailingStop, OrderSide.Ask, trail: trail is null ? null : (decimal)trail.Value);

        Assert.False(response.Success);
        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
    }

    [Fact]
    public void Trailing_stop_of_exactly_1000_ticks_is_accepted()
    {
        Assert.True(_h.Place(OrderType.TrailingStop, OrderSide.Ask, trail: 19750m).Success);
    }
}
