using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

public class ModifyCancelTests
{
    private readonly ExchangeHarness _h = new();

    private ModifyOrderResponse Modify(long orderId, int? size = null, decimal? limit = null, decimal? stop = null, decimal? trail = null, int account = ExchangeHarness.Account) =>
        _h.Exchange.ModifyOrder(ExchangeHarness.User, new ModifyOrderRequest { AccountId = account, OrderId = orderId, Size = size, LimitPrice = limit, StopPrice = stop, TrailPrice = trail });

    private CancelOrderResponse Cancel(long orderId, int account = ExchangeHarness.Account) =>
        _h.Exchange.CancelOrder(ExchangeHarness.User, new CancelOrderRequest { AccountId = account, OrderId = orderId });

    [Fact]
    public void Modify_changes_only_the_fields_sent()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, 1, limit: 19990m);
        Assert.True(Modify(id, size: 3).Success);
        Assert.True(Modify(id, limit: 19985m).Success);

        var order = _h.Order(id);
        Assert.Equal(3, order.Size);
        Assert.Equal(19985m, order.LimitPrice);
    }

    [Fact]
    public void Modify_to_a_marketable_price_fills_at_once()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m);
        Assert.True(Modify(id, limit: 20001m).Success);
        Assert.Equal(20000.25m, _h.Order(id).FilledPrice);
    }

    [Fact]
    public void Modify_error_codes()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m);

        Assert.Equal(ModifyOrderErrorCode.AccountNotFound, Modify(id, account: 999).ErrorCode);
        Assert.Equal(ModifyOrderErrorCode.OrderNotFound, Modify(id + 1000).ErrorCode);
        Assert.Equal(ModifyOrderErrorCode.OrderNotFound, Modify(id, account: 1002).ErrorCode);
        var misaligned = Modify(id, limit: 19990.1m);
        Assert.Equal(ModifyOrderErrorCode.Rejected, misaligned.ErrorCode);
        Assert.Equal(OrderRules.PriceNotAligned, misaligned.ErrorMessage);
        Assert.Equal(ModifyOrderErrorCode.Rejected, Modify(id, stop: 19980m).ErrorCode);
        Assert.Equal(ModifyOrderErrorCode.Rejected, Modify(id, size: 0).ErrorCode);

        var filled = _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        var notWorking = Modify(filled, size: 2);
        Assert.Equal(ModifyOrderErrorCode.Rejected, notWorking.ErrorCode);
        Assert.Equal(OrderRules.OrderNotWorking, notWorking.ErrorMessage);
    }

    [Fact]
    public void Modify_trail_price_is_a_new_absolute_level_without_the_maximum_guard()
    {
        var id = _h.PlaceOk(OrderType.TrailingStop, OrderSide.Ask, trail: 19999m);
        var misaligned = Modify(id, trail: 19999.1m);
        Assert.Equal(ModifyOrderErrorCode.Rejected, misaligned.ErrorCode);
        Assert.Equal(OrderRules.TrailPriceNotAligned, misaligned.ErrorMessage);

        Assert.True(Modify(id, trail: 19500m).Success); // 2000 ticks: allowed on modify (spec §4.10)
        var order = _h.Order(id);
        Assert.Equal(2000, order.TrailDistance);
        Assert.Equal(500m, order.TrailPrice);
        Assert.Equal(19500m, order.StopPrice);
    }

    [Fact]
    public void Cancel_error_codes_and_cancelling_twice_is_Rejected()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m);

        Assert.Equal(CancelOrderErrorCode.AccountNotFound, Cancel(id, account: 999).ErrorCode);
        Assert.Equal(CancelOrderErrorCode.OrderNotFound, Cancel(id + 1000).ErrorCode);
        Assert.True(Cancel(id).Success);
        Assert.Equal(OrderStatus.Cancelled, _h.Order(id).Status);
        var again = Cancel(id);
        Assert.Equal(CancelOrderErrorCode.Rejected, again.ErrorCode);
        Assert.Equal(OrderRules.OrderNotWorking, again.ErrorMessage);

        var filled = _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        Assert.Equal(CancelOrderErrorCode.Rejected, Cancel(filled).ErrorCode);
    }

    [Fact]
    public void Cancelled_order_no_longer_fills()
    {
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m);
        Cancel(id);
        _h.Trade(1, 19990m, 19990m, 19980m, 19980m);
        Assert.Equal(OrderStatus.Cancelled, _h.Order(id).Status);
        Assert.Null(_h.Position());
    }
}
