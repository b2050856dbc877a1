using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Exchange;
using ProjectX.Simulation.Tests.Realtime;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>
/// Firm rules seen through the real client: REST over a loopback socket and the user hub over SignalR, with the
/// server's clock driven by the test so the next trading day can come.
/// </summary>
public sealed class FirmRulesEndToEndTests
{
    private const int Account = 3001;

    [Fact]
    public async Task A_breach_is_refused_with_code_4_pushed_as_canTrade_false_and_lifted_on_the_next_trading_day()
    {
        // Tuesday 2026-11-24 09:00 CST; the next trade date starts at 17:00 CST = 23:00 UTC.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        var options = new SimulatorOptions();
        options.RateLimits.Enabled = false;
        // A daily limit of 0.25 is below one side's fee (0.37 for MNQ), so the first fill breaches, whatever the price.
        options.Users.Single(u => u.UserName == SimulatorOptions.DemoUserName).Accounts.Add(
            new SimulatorAccount { Id = Account, Name = "TINY-DLL", Balance = 50_000m, Simulated = false, FirmRules = new SimulatorFirmRules { DailyLossLimit = 0.25m } });
        await using var server = await SimulatorServer.StartAsync(options, 0, time);
        await using var client = await ProjectXClient.ConnectAsync(new ProjectXClientOptions
        {
            ApiBaseUrl = server.BaseUrl,
            UserHubUrl = server.UserHubUrl,
            MarketHubUrl = server.MarketHubUrl,
            UserName = SimulatorOptions.DemoUserName,
            ApiKey = SimulatorOptions.DemoApiKey,
            RequestTimeout = TimeSpan.FromSeconds(20),
        });
        await using var realtime = new ProjectXRealtime(client, new RealtimeOptions { StaleFeedTimeout = null, UseMarketHub = false });
        var pushed = new ConcurrentQueue<TradingAccountModel>();
        realtime.AccountUpdated += (_, e) => { if (e.Account.Id == Account) pushed.Enqueue(e.Account); };
        await realtime.StartAsync();
        await realtime.SubscribeAccountsAsync();
        var buy = new OrderTicket { AccountId = Account, Instrument = "MNQ", Type = OrderType.Market, Side = OrderSide.Bid, Size = 1 };

        // The entry is accepted and fills; its fee breaches the limit: the simulator sells it back and locks the account.
        var entry = await client.PlaceOrderAsync(buy);
        await Eventually.HoldsAsync(() => pushed.Any(a => !a.CanTrade), "an account event with canTrade false");
        Assert.Empty(await client.GetPositionsAsync(Account));
        var orders = server.Gateway.Exchange.GetOrders(Account);
        Assert.Equal([(entry.OrderId, OrderSide.Bid, OrderStatus.Filled), (orders[1].Id, OrderSide.Ask, OrderStatus.Filled)],
            orders.Select(o => (o.Id, o.Side, o.Status)));
        Assert.False((await client.GetAccountsAsync()).Single(a => a.Id == Account).CanTrade);

        var refused = await Assert.ThrowsAsync<ProjectXOrderRejectedException>(() => client.PlaceOrderAsync(buy));
        Assert.Equal(((int?)PlaceOrderErrorCode.AccountViolation, FirmRuleMessages.DailyLossLimitReached), (refused.ErrorCode, refused.GatewayMessage));
        Assert.NotNull(refused.OrderId);

        // 17:00 Chicago: the first request of the new trading day finds the account unlocked, and the hub says so.
        time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero));
        Assert.True((await client.GetAccountsAsync()).Single(a => a.Id == Account).CanTrade);
        await Eventually.HoldsAsync(() => pushed.LastOrDefault() is { CanTrade: true }, "an account event with canTrade true");
    }
}
