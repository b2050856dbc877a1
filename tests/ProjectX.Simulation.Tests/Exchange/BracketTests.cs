using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

public class BracketTests
{
    private readonly ExchangeHarness _h = new();

    private static PlaceOrderBracket Sl(int ticks) => new() { Ticks = ticks, Type = OrderType.Stop };
    private static PlaceOrderBracket Tp(int ticks) => new() { Ticks = ticks, Type = OrderType.Limit };

    private (OrderModel StopLoss, OrderModel TakeProfit) Children(long entryId)
    {
        var children = _h.Exchange.GetOrders(ExchangeHarness.Account).Where(o => o.ParentOrderId == entryId).ToList();
        return (children.Single(o => o.Type == OrderType.Stop), children.Single(o => o.Type == OrderType.Limit));
    }

    [Fact]
    public void Children_are_Suspended_until_the_entry_fills_and_hidden_from_searchOpen()
    {
        var entry = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, 2, limit: 19990m, stopLoss: Sl(-8), takeProfit: Tp(12));
        var (sl, tp) = Children(entry);

        Assert.Equal(OrderStatus.Suspended, sl.Status);
        Assert.Equal(OrderStatus.Suspended, tp.Status);
        Assert.Equal(tp.Id, sl.LinkedOrderId);
        Assert.Equal(sl.Id, tp.LinkedOrderId);
        Assert.Equal(OrderSide.Ask, sl.Side);
        Assert.Equal(2, tp.Size);
        var open = _h.Exchange.SearchOpenOrders(ExchangeHarness.User, new SearchOpenOrderRequest { AccountId = ExchangeHarness.Account }).Orders!;
        Assert.Equal([entry], open.Select(o => o.Id));
        var all = _h.Exchange.SearchOrders(ExchangeHarness.User, new SearchOrderRequest { AccountId = ExchangeHarness.Account, StartTimestamp = ExchangeHarness.Start }).Orders!;
        Assert.Equal(3, all.Count);
        var query = _h.Exchange.QueryOrders(ExchangeHarness.User, new SearchOrdersQueryRequest
        {
            Filter = new GatewayOrderFilter { AccountId = ExchangeHarness.Account, Statuses = [OrderStatus.Open, OrderStatus.Suspended] },
        }).Orders!;
        Assert.Equal(3, query.Count);
    }

    [Fact]
    public void Entry_fill_opens_the_legs_at_fill_price_plus_ticks_then_OCO_and_flat()
    {
        var entry = _h.PlaceOk(OrderType.Market, OrderSide.Bid, stopLoss: Sl(-8), takeProfit: Tp(12));
        var (sl, tp) = Children(entry);

        Assert.Equal(OrderStatus.Open, sl.Status);
        Assert.Equal(20000.25m - 2m, sl.StopPrice);
        Assert.Equal(OrderStatus.Open, tp.Status);
        Assert.Equal(20000.25m + 3m, tp.LimitPrice);
        Assert.Equal(PositionType.Long, _h.Position()!.Type);

        _h.Trade(1, 20001m, 20003.5m, 20001m, 20003.5m); // through the take profit
        Assert.Equal(OrderStatus.Filled, _h.Order(tp.Id).Status);
        Assert.Equal(20003.25m, _h.Order(tp.Id).FilledPrice);
        Assert.Equal(OrderStatus.Cancelled, _h.Order(sl.Id).Status);
        Assert.Null(_h.Position());
    }

    [Fact]
    public void Short_entry_stop_loss_fills_and_cancels_the_take_profit()
    {
        var entry = _h.PlaceOk(OrderType.Market, OrderSide.Ask, stopLoss: Sl(4), takeProfit: Tp(-4));
        var (sl, tp) = Children(entry);
        Assert.Equal(20001m, sl.StopPrice);
        Assert.Equal(19999m, tp.LimitPrice);

        _h.Trade(1, 20000.5m, 20001m, 20000.5m, 20001m);
        Assert.Equal(20001m, _h.Order(sl.Id).FilledPrice);
        Assert.Equal(OrderStatus.Cancelled, _h.Order(tp.Id).Status);
        Assert.Null(_h.Position());
    }

    [Fact]
    public void Cancelling_the_entry_cancels_the_suspended_children()
    {
        var entry = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m, stopLoss: Sl(-8), takeProfit: Tp(12));
        var cancel = _h.Exchange.CancelOrder(ExchangeHarness.User, new CancelOrderRequest { AccountId = ExchangeHarness.Account, OrderId = entry });

        Assert.True(cancel.Success);
        Assert.All(_h.Exchange.GetOrders(ExchangeHarness.Account), o => Assert.Equal(OrderStatus.Cancelled, o.Status));
    }

    [Fact]
    public void Closing_the_position_cancels_its_working_legs()
    {
        var entry = _h.PlaceOk(OrderType.Market, OrderSide.Bid, stopLoss: Sl(-8), takeProfit: Tp(12));
        var close = _h.Exchange.ClosePosition(ExchangeHarness.User, new CloseContractPositionRequest { AccountId = ExchangeHarness.Account, ContractId = ExchangeHarness.Mnq });

        Assert.True(close.Success);
        var (sl, tp) = Children(entry);
        Assert.Equal(OrderStatus.Cancelled, sl.Status);
        Assert.Equal(OrderStatus.Cancelled, tp.Status);
    }

    [Fact]
    public void Brackets_on_a_Position_Brackets_account_are_refused_with_the_documented_message()
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid, account: ExchangeHarness.PositionBracketsAccount, stopLoss: Sl(-8), takeProfit: Tp(12));

        Assert.False(response.Success);
        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Equal("Brackets cannot be used with Position Brackets. You must enable Auto OCO Brackets.", response.ErrorMessage);
        Assert.NotNull(response.OrderId);
        Assert.Null(_h.Position(ExchangeHarness.PositionBracketsAccount));
    }

    [Theory]
    [InlineData(OrderSide.Bid, 10, 12, "Invalid stop loss ticks (10). Ticks should be less than zero when longing.")]
    [InlineData(OrderSide.Bid, -10, -12, "Invalid take profit ticks (-12). Ticks should be greater than zero when longing.")]
    [InlineData(OrderSide.Ask, -10, -12, "Invalid stop loss ticks (-10). Ticks should be greater than zero when shorting.")]
    [InlineData(OrderSide.Ask, 10, 12, "Invalid take profit ticks (12). Ticks should be less than zero when shorting.")]
    [InlineData(OrderSide.Bid, 0, 12, "Invalid stop loss ticks (0). Ticks should be less than zero when longing.")]
    public void Bracket_ticks_with_the_wrong_sign_are_rejected(OrderSide side, int slTicks, int tpTicks, string message)
    {
        var response = _h.Place(OrderType.Market, side, stopLoss: Sl(slTicks), takeProfit: Tp(tpTicks));
        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
        Assert.Null(_h.Position());
    }

    [Fact]
    public void A_single_leg_bracket_has_no_linked_order()
    {
        var entry = _h.PlaceOk(OrderType.Market, OrderSide.Bid, stopLoss: Sl(-4));
        var leg = _h.Exchange.GetOrders(ExchangeHarness.Account).Single(o => o.ParentOrderId == entry);
        Assert.Null(leg.LinkedOrderId);
        Assert.Equal(19999.25m, leg.StopPrice);
    }

    [Fact]
    public void A_trailing_stop_loss_leg_trails_from_the_entry_fill()
    {
        var entry = _h.PlaceOk(OrderType.Market, OrderSide.Bid, stopLoss: new PlaceOrderBracket { Ticks = -4, Type = OrderType.TrailingStop });
        var leg = _h.Exchange.GetOrders(ExchangeHarness.Account).Single(o => o.ParentOrderId == entry);
        Assert.Equal(4, leg.TrailDistance);
        Assert.Equal(19999.25m, leg.StopPrice);

        _h.Trade(1, 20000.25m, 20003m, 20000.25m, 20003m);
        Assert.Equal(20002m, _h.Order(leg.Id).StopPrice);
        _h.Trade(1, 20002.5m, 20002.5m, 20001.5m, 20001.5m);
        Assert.Equal(20002m, _h.Order(leg.Id).FilledPrice);
        Assert.Null(_h.Position());
    }
}
