using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.State;
using ProjectX.Simulation.Tests.Realtime;
using ProjectX.Simulator;
using Xunit.Abstractions;

namespace ProjectX.Simulation.Tests.Chaos;

/// <summary>
/// Issue 12's chaos suite: the real client against the real simulator over loopback HTTP and SignalR, random
/// operations under random faults (responses lost after execution, 5xx, 429, latency) and hub kills, seeded and
/// bounded (<see cref="ChaosSettings"/>). Afterwards: at most one server order per intended placement, every "not
/// executed" claim true, every ambiguous outcome reconciled, and the client's live view equal to the server's.
/// </summary>
[Collection(nameof(ChaosSuiteTests))]
public sealed class ChaosSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Trading_under_random_faults_and_hub_kills_breaks_no_invariant()
    {
        var settings = ChaosSettings.FromEnvironment();
        var report = new ChaosReport();
        report.Count("duplicates", 0);
        report.Count("unhandled exceptions", 0);
        var options = new SimulatorOptions { Seed = settings.Seed };
        options.RateLimits.Enabled = false;
        await using var server = await SimulatorServer.StartAsync(options, port: 0);
        var traders = new List<ChaosTrader>();
        try
        {
            foreach (var (account, brackets) in new[] { (1001, true), (1002, false) })
            {
                var suite = await TradingSuite.CreateAsync(ClientOptions(server), ["MNQ"], [Timeframe.OneMinute],
                    new TradingSuiteOptions { Account = account.ToString(System.Globalization.CultureInfo.InvariantCulture), HistoryBars = 0, SubscribeDepth = false });
                traders.Add(new ChaosTrader(server, suite, account, brackets, new Random(settings.Seed + account), report));
            }

            var deadline = DateTimeOffset.UtcNow + settings.Budget;
            await Task.WhenAll(traders.Select(t => Task.Run(() => t.RunAsync(settings.OperationsPerTrader, deadline))));
            server.Gateway.Faults.Reset();

            foreach (var trader in traders)
            {
                await CheckPlacementsAsync(server, trader, report);
                await CheckConvergenceAsync(server, trader, report);
            }
        }
        finally
        {
            foreach (var trader in traders) await trader.Suite.DisposeAsync();
            report.Print(output, $"Chaos run (seed {settings.Seed}, {settings.OperationsPerTrader} operations per trader, {traders.Count} traders):");
        }
        Assert.Empty(report.BrokenInvariants);
    }

    private static ProjectXClientOptions ClientOptions(SimulatorServer server) => new()
    {
        ApiBaseUrl = server.BaseUrl,
        UserHubUrl = server.UserHubUrl,
        MarketHubUrl = server.MarketHubUrl,
        UserName = SimulatorOptions.DemoUserName,
        ApiKey = SimulatorOptions.DemoApiKey,
        // The server's limits are off; the client's own budget would refuse mutations before they are sent.
        RateLimits = new RateLimitOptions { Enabled = false },
    };

    /// <summary>At most one order per intended placement, "not executed" true, "placed" true, every ambiguous outcome reconciled.</summary>
    private static async Task CheckPlacementsAsync(SimulatorServer server, ChaosTrader trader, ChaosReport report)
    {
        var orders = server.Gateway.Exchange.GetOrders(trader.AccountId);
        var byTag = orders.Where(o => o.CustomTag is not null).GroupBy(o => o.CustomTag!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var intended = trader.Placements.Select(p => p.Tag).ToHashSet(StringComparer.Ordinal);
        foreach (var (tag, tagged) in byTag)
        {
            if (tagged.Count > 1)
            {
                report.Count("duplicates");
                report.Broken($"{tagged.Count} server orders carry tag {tag}");
            }
            if (!intended.Contains(tag)) report.Broken($"server order {tagged[0].Id} carries tag {tag}, which nobody placed");
        }
        foreach (var placement in trader.Placements)
        {
            var found = byTag.GetValueOrDefault(placement.Tag)?.SingleOrDefault();
            switch (placement.Outcome)
            {
                case PlacementOutcome.Placed when found?.Id != placement.OrderId:
                    report.Broken($"{placement.Tag}: placed as {placement.OrderId}, the server has {found?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
                    break;
                case PlacementOutcome.Refused when found is not null && found.Status != OrderStatus.Rejected:
                    report.Broken($"{placement.Tag}: refused, but the server order is {found.Status}");
                    break;
                case PlacementOutcome.NotExecuted:
                    report.Count("not-executed claims checked");
                    if (found is not null) report.Broken($"{placement.Tag}: reported NOT executed, but the server has order {found.Id} ({found.Status})");
                    break;
                case PlacementOutcome.Ambiguous:
                    var reconciled = await trader.Suite.Client.ReconcileOrderAsync(placement.Tag, trader.AccountId);
                    if (reconciled?.Id == found?.Id) report.Count("ambiguous placements reconciled");
                    else report.Broken($"{placement.Tag}: reconciled to {reconciled?.Id}, the server has {found?.Id}");
                    break;
            }
        }
    }

    /// <summary>The suite's live orders and positions (hub-fed, resynced after kills) become the server's.</summary>
    private static async Task CheckConvergenceAsync(SimulatorServer server, ChaosTrader trader, ChaosReport report)
    {
        string ServerView()
        {
            var orders = server.Gateway.Exchange.GetOrders(trader.AccountId).Where(o => o.Status is OrderStatus.Open or OrderStatus.Suspended);
            var positions = server.Gateway.Exchange.GetPositions(trader.AccountId);
            return View(orders, positions);
        }
        string ClientView() => View(trader.Suite.Orders.Working(), trader.Suite.Positions.Snapshot().Select(p => p.Position));

        var started = DateTimeOffset.UtcNow;
        try
        {
            await Eventually.HoldsAsync(() => ServerView() == ClientView(), $"account {trader.AccountId}'s live state to match the server", Convergence);
            report.Count("live views converged");
        }
        catch (Xunit.Sdk.FailException)
        {
            report.Broken($"account {trader.AccountId}: the live view did not converge in {Convergence.TotalSeconds} s. Server: {ServerView()} Client: {ClientView()}");
        }
        report.Count("convergence ms (sum)", (int)(DateTimeOffset.UtcNow - started).TotalMilliseconds);
    }

    /// <summary>Live orders and open positions, prices at the wire's precision (9 decimals: the server's average price has more).</summary>
    private static string View(IEnumerable<OrderModel> orders, IEnumerable<PositionModel> positions) =>
        string.Join(",", orders.Where(o => o.Status is OrderStatus.Open or OrderStatus.Suspended).OrderBy(o => o.Id).Select(o => $"{o.Id}:{o.Status}:{o.Size}:{Wire(o.LimitPrice)}:{Wire(o.StopPrice)}"))
        + " | " + string.Join(",", positions.Where(p => p.Size > 0).OrderBy(p => p.ContractId).Select(p => $"{p.ContractId}:{p.Type}:{p.Size}:{Wire(p.AveragePrice)}"));

    private static string Wire(decimal? price) => price is { } value ? decimal.Round(value, 9).ToString("0.000000000", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
