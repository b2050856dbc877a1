using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>Issue 12, defects 1, 7, 8, 10 and 14: sizes, positions, brackets and modifies the engine must refuse.</summary>
public class EngineLimitTests
{
    private static readonly SimulatorOptions Unlimited = new()
    {
        Limits = { MaxOrderSize = int.MaxValue, MaxPositionPerContract = int.MaxValue, MaxPositionPerAccount = int.MaxValue },
    };

    private readonly ExchangeHarness _h = new();

    [Fact]
    public void An_order_above_the_maximum_size_is_refused_with_errorCode_2_and_nothing_fills()
    {
        // Defect 1: a market buy of int.MaxValue was accepted and later crashed the process.
        var response = _h.Place(OrderType.Market, OrderSide.Bid, size: int.MaxValue);

        Assert.False(response.Success);
        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Equal(OrderRules.SizeTooLarge(50), response.ErrorMessage);
        Assert.Equal(OrderStatus.Rejected, _h.Order(response.OrderId!.Value).Status);
        Assert.Null(_h.Position());
        Assert.Empty(_h.Exchange.GetTrades(ExchangeHarness.Account));
    }

    [Fact]
    public void Two_huge_buys_cannot_wrap_the_position_and_the_account_stays_whole()
    {
        // Defect 7: two buys of 1.5e9 left a short of 1,294,967,296 at an average of -41,326, then 500s forever.
        var h = new ExchangeHarness(Unlimited);
        h.PlaceOk(OrderType.Market, OrderSide.Bid, 1_500_000_000);
        var balance = h.Balance();

        var second = h.Place(OrderType.Market, OrderSide.Bid, size: 1_500_000_000);

        Assert.Equal(PlaceOrderErrorCode.AccountViolation, second.ErrorCode);
        var position = h.Position()!;
        Assert.Equal(PositionType.Long, position.Type);
        Assert.Equal(1_500_000_000, position.Size);
        Assert.Equal(20000.25m, position.AveragePrice);
        Assert.Equal(balance, h.Balance());
        Assert.True(h.Exchange.SearchPositions(ExchangeHarness.User, new SearchPositionRequest { AccountId = ExchangeHarness.Account }).Success);
        Assert.True(h.Exchange.ClosePosition(ExchangeHarness.User, new CloseContractPositionRequest { AccountId = ExchangeHarness.Account, ContractId = ExchangeHarness.Mnq }).Success);
        Assert.Null(h.Position());
    }

    [Fact]
    public void Position_limits_count_working_orders_per_contract_and_let_orders_that_reduce_the_worst_case_through()
    {
        var h = new ExchangeHarness(new SimulatorOptions { Limits = { MaxPositionPerContract = 10, MaxPositionPerAccount = 12 } });
        h.PlaceOk(OrderType.Market, OrderSide.Bid, 6);
        h.PlaceOk(OrderType.Limit, OrderSide.Bid, 3, limit: 19000m);

        var over = h.Place(OrderType.Limit, OrderSide.Bid, size: 2, limit: 19000m);

        Assert.Equal(PlaceOrderErrorCode.AccountViolation, over.ErrorCode);
        Assert.Equal($"The position in {ExchangeHarness.Mnq} could reach 11 contracts; the limit is 10.", over.ErrorMessage);
        Assert.Equal(OrderStatus.Rejected, h.Order(over.OrderId!.Value).Status);
        // Selling 15 could at worst leave a short of 9: no worse than the long 9 already possible.
        h.PlaceOk(OrderType.Limit, OrderSide.Ask, 15, limit: 21000m);
        Assert.True(h.Exchange.ClosePosition(ExchangeHarness.User, new CloseContractPositionRequest { AccountId = ExchangeHarness.Account, ContractId = ExchangeHarness.Mnq }).Success);
    }

    [Fact]
    public void The_account_limit_sums_the_worst_case_of_every_contract()
    {
        var h = new ExchangeHarness(new SimulatorOptions { Limits = { MaxPositionPerContract = 10, MaxPositionPerAccount = 8 } });
        h.PlaceOk(OrderType.Market, OrderSide.Bid, 6);

        var over = h.Place(OrderType.Limit, OrderSide.Bid, size: 3, limit: 19000m);

        Assert.Equal(PlaceOrderErrorCode.AccountViolation, over.ErrorCode);
        Assert.Equal("The account's positions could reach 9 contracts; the limit is 8.", over.ErrorMessage);
    }

    [Fact]
    public void A_modify_that_grows_an_order_past_the_limits_is_refused()
    {
        var h = new ExchangeHarness(new SimulatorOptions { Limits = { MaxOrderSize = 5, MaxPositionPerContract = 8 } });
        var id = h.PlaceOk(OrderType.Limit, OrderSide.Bid, 5, limit: 19000m);
        h.PlaceOk(OrderType.Limit, OrderSide.Bid, 3, limit: 19000m);

        var tooBig = h.Exchange.ModifyOrder(ExchangeHarness.User, new ModifyOrderRequest { AccountId = ExchangeHarness.Account, OrderId = id, Size = 6 });
        Assert.Equal(ModifyOrderErrorCode.Rejected, tooBig.ErrorCode);
        Assert.Equal(OrderRules.SizeTooLarge(5), tooBig.ErrorMessage);
        var overPosition = h.Exchange.ModifyOrder(ExchangeHarness.User, new ModifyOrderRequest { AccountId = ExchangeHarness.Account, OrderId = id, Size = 4 });
        Assert.True(overPosition.Success);
        Assert.Equal(4, h.Order(id).Size);
    }

    [Fact]
    public void A_bracket_of_int_MinValue_ticks_is_refused_before_the_entry_executes()
    {
        // Defect 8: the entry filled, the answer was a 500, and the stop-loss leg stayed Suspended forever.
        var response = _h.Place(OrderType.Market, OrderSide.Bid, stopLoss: new PlaceOrderBracket { Type = OrderType.TrailingStop, Ticks = int.MinValue });

        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Contains("at most 1000 ticks", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(_h.Position());
        Assert.All(_h.Exchange.GetOrders(ExchangeHarness.Account), o => Assert.Equal(OrderStatus.Rejected, o.Status));
    }

    [Theory]
    [InlineData(-1001, null)] // too far
    [InlineData(null, 1001)]
    public void Bracket_ticks_are_bounded(int? stopLossTicks, int? takeProfitTicks)
    {
        var response = _h.Place(OrderType.Market, OrderSide.Bid,
            stopLoss: stopLossTicks is { } sl ? new PlaceOrderBracket { Type = OrderType.Stop, Ticks = sl } : null,
            takeProfit: takeProfitTicks is { } tp ? new PlaceOrderBracket { Type = OrderType.Limit, Ticks = tp } : null);

        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Null(_h.Position());
    }

    [Fact]
    public void A_bracket_leg_that_would_rest_at_a_negative_price_is_refused()
    {
        // Defect 10: legs were accepted at negative prices. 4 points at 0.25 = 16 ticks below a 3.00 limit is below zero.
        _h.Market.SetPrice(3m);
        var response = _h.Place(OrderType.Limit, OrderSide.Bid, limit: 3m, stopLoss: new PlaceOrderBracket { Type = OrderType.Stop, Ticks = -16 });

        Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
        Assert.Contains("at or below zero", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_modify_without_any_field_is_refused()
    {
        // Defect 14: Order/modify with no fields answered success.
        var id = _h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19000m);

        var response = _h.Exchange.ModifyOrder(ExchangeHarness.User, new ModifyOrderRequest { AccountId = ExchangeHarness.Account, OrderId = id });

        Assert.False(response.Success);
        Assert.Equal(ModifyOrderErrorCode.Rejected, response.ErrorCode);
        Assert.Equal(OrderRules.NothingToModify, response.ErrorMessage);
    }

    [Fact]
    public void A_trail_price_at_the_decimal_limit_is_refused_not_a_crash()
    {
        // Defect 9: a trail price at ±decimal max overflowed (a 500 on a call that never executed).
        foreach (var trail in new[] { decimal.MaxValue, decimal.MinValue })
        {
            var response = _h.Place(OrderType.TrailingStop, OrderSide.Ask, trail: trail);
            Assert.Equal(PlaceOrderErrorCode.OrderRejected, response.ErrorCode);
            Assert.Contains("trailPrice", response.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Working_orders_per_account_are_bounded()
    {
        var h = new ExchangeHarness(new SimulatorOptions { Limits = { MaxWorkingOrdersPerAccount = 3 } });
        for (var i = 0; i < 3; i++) h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19000m);

        var refused = h.Place(OrderType.Limit, OrderSide.Bid, limit: 19000m);

        Assert.Equal(PlaceOrderErrorCode.OrderRejected, refused.ErrorCode);
        Assert.Equal(OrderRules.TooManyWorkingOrders(3), refused.ErrorMessage);
    }
}
