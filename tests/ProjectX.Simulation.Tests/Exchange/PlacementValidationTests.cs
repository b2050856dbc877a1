using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

public class PlacementValidationTests
{
    private readonly ExchangeHarness _h = new();

    [Fact]
    public void Unknown_account_is_AccountNotFound_without_an_order_id()
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid, account: 999);
        Assert.Equal(PlaceOrderErrorCode.AccountNotFound, response.ErrorCode);
        Assert.Null(response.OrderId);
    }

    [Fact]
    public void Another_users_account_is_AccountNotFound()
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid, account: ExchangeHarness.SecondUserAccount);
        Assert.Equal(PlaceOrderErrorCode.AccountNotFound, response.ErrorCode);
        Assert.Empty(_h.Exchange.GetOrders(ExchangeHarness.SecondUserAccount));
    }

    [Fact]
    public void Unknown_contract_is_ContractNotFound_without_an_order_id()
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid, contract: "CON.F.US.NOPE.Z26");
        Assert.Equal(PlaceOrderErrorCode.ContractNotFound, response.ErrorCode);
        Assert.Null(response.OrderId);
        Assert.Empty(_h.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Fact]
    public void Account_that_cannot_trade_is_AccountRejected_and_the_rejected_order_exists()
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid, account: ExchangeHarness.LockedAccount);

        Assert.False(response.Success);
        Assert.Equal(PlaceOrderErrorCode.AccountRejected, response.ErrorCode);
        Assert.NotNull(response.OrderId);
        Assert.Equal(OrderStatus.Rejected, _h.Order(response.OrderId!.Value).Status);
    }

    [Fact]
    public void Expired_contract_is_ContractNotActive_with_an_order_id()
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid, contract: ScriptedMarket.ExpiredMnq);
        Assert.Equal(PlaceOrderErrorCode.ContractNotActive, response.ErrorCode);
        Assert.Equal(OrderStatus.Rejected, _h.Order(response.OrderId!.Value).Status);
    }

    public static TheoryData<OrderType, int, double?, double?, string> Invalid => new()
    {
        { OrderType.Market, 0, null, null, OrderRules.InvalidSize },
        { OrderType.Limit, -1, 19990.0, null, OrderRules.InvalidSize },
        { OrderType.Limit, 1, null, null, OrderRules.MissingPrice("limitPrice", OrderType.Limit) },
        { OrderType.Stop, 1, null, null, OrderRules.MissingPrice("stopPrice", OrderType.Stop) },
        { OrderType.StopLimit, 1, 19990.0, null, OrderRules.MissingPrice("stopPrice", OrderType.StopLimit) },
        { OrderType.Market, 1, 19990.0, null, OrderRules.UnexpectedPrice("limitPrice", OrderType.Market) },
        { OrderType.Limit, 1, 19990.0, 19980.0, OrderRules.UnexpectedPrice("stopPrice", OrderType.Limit) },
        { OrderType.Limit, 1, 19990.1, null, OrderRules.PriceNotAligned },
        { OrderType.Stop, 1, null, 20010.3, OrderRules.PriceNotAligned },
        { OrderType.Unknown, 1, null, null, OrderRules.UnsupportedOrderType(OrderType.Unknown) },
        { (OrderType)42, 1, null, null, OrderRules.UnsupportedOrderType((OrderType)42) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_placements_are_OrderRejected_with_a_message_and_still_return_the_order_id(OrderType type, int size, double? limit, double? stop, string message)
    {
        var response = _h.Place(type, OrderSide.Bid, size, limit is null ? null : (decimal)limit.Value, stop is null ? null : (decimal)stop.Value);

        Assert.False(response.Success);
        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
        var order = _h.Order(response.OrderId!.Value);
        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.True(order.Id > int.MaxValue);
    }

    [Fact]
    public void Custom_tag_must_be_unique_per_account_and_the_duplicate_does_not_steal_it()
    {
        var first = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m, tag: "px-1");
        var duplicate = _h.Place(OrderType.Limit, OrderSide.Bid, limit: 19990m, tag: "px-1");

        Assert.Equal(PlaceOrderErrorCode.OrderRejected, duplicate.ErrorCode);
        Assert.Equal(OrderRules.DuplicateCustomTag, duplicate.ErrorMessage);
        Assert.Single(_h.Exchange.GetOrders(ExchangeHarness.Account), o => o.CustomTag == "px-1");
        Assert.Equal(first, _h.Exchange.GetOrders(ExchangeHarness.Account).Single(o => o.CustomTag == "px-1").Id);
        // The same tag on another account is fine.
        Assert.True(_h.Place(OrderType.Limit, OrderSide.Bid, limit: 19990m, tag: "px-1", account: 1002).Success);
    }

    [Fact]
    public void Order_and_trade_ids_are_above_int32_and_increase()
    {
        var first = _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        var second = _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        var trades = _h.Exchange.GetTrades(ExchangeHarness.Account);

        // Started 2026-11-24 15:00 UTC: 327 days and 15 hours after 2026-01-01, 28,306,800 s, 10 ids per second.
        Assert.Equal(2_600_000_000 + 283_068_000, first);
        Assert.True(first > int.MaxValue && second > first);
        Assert.All(trades, t => Assert.True(t.Id > int.MaxValue));
        Assert.Equal(2_200_000_000 + 283_068_000, trades.Min(t => t.Id));
        Assert.True(_h.Position()!.Id <= int.MaxValue);
    }

    [Fact]
    public void A_restarted_exchange_never_reuses_the_order_and_trade_ids_of_the_run_before()
    {
        // Five round turns in the first run; the next run starts two seconds after the first one began.
        for (var i = 0; i < 5; i++)
        {
            _h.PlaceOk(OrderType.Market, OrderSide.Bid);
            _h.PlaceOk(OrderType.Market, OrderSide.Ask);
        }
        var next = new ExchangeHarness(start: ExchangeHarness.Start.AddSeconds(2));
        var nextOrder = next.PlaceOk(OrderType.Market, OrderSide.Bid);

        var before = _h.Exchange.GetTrades(ExchangeHarness.Account);
        Assert.Equal(10, before.Count);
        Assert.True(nextOrder > _h.Exchange.GetOrders(ExchangeHarness.Account).Max(o => o.Id));
        Assert.True(next.Exchange.GetTrades(ExchangeHarness.Account).Single().Id > before.Max(t => t.Id));
    }
}
