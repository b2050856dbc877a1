using ProjectX.Client.Gateway;

namespace ProjectX.Simulation.Tests.Exchange;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_placements_get_unique_ids_and_net_exactly()
    {
        var h = new ExchangeHarness();
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 50; i++)
            {
                var side = (worker + i) % 2 == 0 ? OrderSide.Bid : OrderSide.Ask;
                ids.Add(h.PlaceOk(OrderType.Market, side, tag: $"w{worker}-{i}"));
            }
            return ids;
        })).ToList();
        var all = (await Task.WhenAll(tasks)).SelectMany(ids => ids).ToList();

        Assert.Equal(400, all.Distinct().Count());
        Assert.Equal(400, h.Exchange.GetTrades(ExchangeHarness.Account).Select(t => t.Id).Distinct().Count());
        Assert.Null(h.Position()); // 200 buys and 200 sells of one lot
    }

    [Fact]
    public void Resting_orders_fill_when_the_clock_advances_and_notify()
    {
        var h = new ExchangeHarness();
        var id = h.PlaceOk(OrderType.Limit, OrderSide.Bid, limit: 19990m);
        var fills = new List<long>();
        h.Exchange.TradeCreated += (_, e) => fills.Add(e.Model.OrderId);

        h.Market.AddSecond(ExchangeHarness.Start.AddSeconds(3), 19990m, 19990m, 19985m, 19986m);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        h.Exchange.AdvanceToNow();
        Assert.Empty(fills); // that second has not started yet
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Exchange.AdvanceToNow();
        Assert.Equal([id], fills);
    }
}
