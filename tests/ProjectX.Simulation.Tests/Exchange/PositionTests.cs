using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Tests.Exchange;

public class PositionTests
{
    private readonly ExchangeHarness _h = new();

    private ClosePositionResponse Close(int account = ExchangeHarness.Account, string contract = ExchangeHarness.Mnq) =>
        _h.Exchange.ClosePosition(ExchangeHarness.User, new CloseContractPositionRequest { AccountId = account, ContractId = contract });

    private PartialClosePositionResponse PartialClose(int size, int account = ExchangeHarness.Account, string contract = ExchangeHarness.Mnq) =>
        _h.Exchange.PartialClosePosition(ExchangeHarness.User, new PartialCloseContractPositionRequest { AccountId = account, ContractId = contract, Size = size });

    [Fact]
    public void Fills_net_into_one_position_with_an_average_price()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 1); // 20000.25
        _h.Market.SetPrice(20001m);
        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 3); // 20001.25

        var position = _h.Position()!;
        Assert.Equal(PositionType.Long, position.Type);
        Assert.Equal(4, position.Size);
        Assert.Equal((20000.25m + 3 * 20001.25m) / 4, position.AveragePrice);
        Assert.Equal("MNQZ6", position.ContractDisplayName);
    }

    [Fact]
    public void Closing_fill_realizes_pnl_net_of_fees_into_the_balance()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 2); // buy 2 @ 20000.25
        _h.Market.SetPrice(20010.25m);
        _h.PlaceOk(OrderType.Market, OrderSide.Ask, 2); // sell 2 @ 20010.25: +10 points = 40 ticks × 0.5 × 2 = 40

        var trades = _h.Exchange.GetTrades(ExchangeHarness.Account);
        Assert.Equal(2, trades.Count);
        Assert.Null(trades[0].ProfitAndLoss);
        Assert.Equal(40m, trades[1].ProfitAndLoss);
        Assert.All(trades, t => Assert.Equal(0.74m, t.Fees));
        Assert.Equal(50_000m + 40m - 1.48m, _h.Balance());
        Assert.Null(_h.Position());
    }

    [Fact]
    public void Short_losses_are_negative_and_a_fill_through_zero_flips_the_position()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Ask, 1); // short 1 @ 20000
        _h.Market.SetPrice(20005m);
        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 3); // buy 3 @ 20005.25: closes 1 (−21 ticks = −10.50), long 2

        var trades = _h.Exchange.GetTrades(ExchangeHarness.Account);
        Assert.Equal(-10.5m, trades[1].ProfitAndLoss);
        var position = _h.Position()!;
        Assert.Equal(PositionType.Long, position.Type);
        Assert.Equal(2, position.Size);
        Assert.Equal(20005.25m, position.AveragePrice);
    }

    [Fact]
    public void Close_position_is_a_market_order_that_shows_in_order_search()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 2);
        Assert.True(Close().Success);

        Assert.Null(_h.Position());
        var orders = _h.Exchange.GetOrders(ExchangeHarness.Account);
        var closing = orders[^1];
        Assert.Equal(OrderType.Market, closing.Type);
        Assert.Equal(OrderSide.Ask, closing.Side);
        Assert.Equal(2, closing.Size);
        Assert.Equal(OrderStatus.Filled, closing.Status);
    }

    [Fact]
    public void Close_position_error_codes()
    {
        Assert.Equal(ClosePositionErrorCode.AccountNotFound, Close(account: 999).ErrorCode);
        Assert.Equal(ClosePositionErrorCode.ContractNotFound, Close(contract: "CON.F.US.NOPE.Z26").ErrorCode);
        Assert.Equal(ClosePositionErrorCode.PositionNotFound, Close().ErrorCode);
        Assert.Equal(ClosePositionErrorCode.AccountRejected, Close(account: ExchangeHarness.LockedAccount).ErrorCode);
    }

    [Fact]
    public void Partial_close_reduces_the_position()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Ask, 3);
        Assert.True(PartialClose(2).Success);

        var position = _h.Position()!;
        Assert.Equal(PositionType.Short, position.Type);
        Assert.Equal(1, position.Size);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void Partial_close_with_a_bad_size_is_InvalidCloseSize(int size)
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 3);
        Assert.Equal(PartialClosePositionErrorCode.InvalidCloseSize, PartialClose(size).ErrorCode);
        Assert.Equal(3, _h.Position()!.Size);
    }

    [Fact]
    public void Partial_close_error_codes_use_their_own_numbering()
    {
        Assert.Equal(PartialClosePositionErrorCode.AccountNotFound, PartialClose(1, account: 999).ErrorCode);
        Assert.Equal(PartialClosePositionErrorCode.ContractNotFound, PartialClose(1, contract: "X").ErrorCode);
        Assert.Equal(PartialClosePositionErrorCode.PositionNotFound, PartialClose(1).ErrorCode);
        var locked = PartialClose(1, account: ExchangeHarness.LockedAccount);
        Assert.Equal(PartialClosePositionErrorCode.AccountRejected, locked.ErrorCode);
        Assert.Equal(9, (int)locked.ErrorCode);
    }

    [Fact]
    public void Flat_positions_disappear_from_search_and_a_new_one_gets_a_new_id()
    {
        _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        var firstId = _h.Position()!.Id;
        Close();
        var search = _h.Exchange.SearchPositions(ExchangeHarness.User, new SearchPositionRequest { AccountId = ExchangeHarness.Account });
        Assert.True(search.Success);
        Assert.Empty(search.Positions!);

        _h.PlaceOk(OrderType.Market, OrderSide.Bid);
        Assert.NotEqual(firstId, _h.Position()!.Id);
    }

    [Fact]
    public void Change_notifications_are_raised_for_orders_positions_trades_and_accounts()
    {
        var seen = new List<string>();
        _h.Exchange.OrderChanged += (_, e) => seen.Add($"order:{e.Model.Status}:{e.UserName}");
        _h.Exchange.PositionChanged += (_, e) => seen.Add($"position:{e.Model.Size}");
        _h.Exchange.TradeCreated += (_, e) => seen.Add($"trade:{e.Model.Size}");
        _h.Exchange.AccountChanged += (_, e) => seen.Add($"account:{e.Model.Id}");

        _h.PlaceOk(OrderType.Market, OrderSide.Bid, 2);
        Close();

        Assert.Equal(
            ["order:Open:demo", "order:Filled:demo", "trade:2", "position:2", "account:1001",
             "order:Open:demo", "order:Filled:demo", "trade:2", "position:0", "account:1001"],
            seen);
    }
}
