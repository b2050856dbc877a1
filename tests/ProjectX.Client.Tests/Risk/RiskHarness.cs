using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Risk;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;
using ProjectX.Simulator;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// The simulator and a client on one fake clock (so the trading day, the windows and the market's path are the test's
/// to choose), a state directory of the test's own, and what the server saw.
/// </summary>
internal sealed class RiskHarness : IAsyncDisposable
{
    /// <summary>Wednesday 2 December 2026, 08:00 in Chicago (CST, UTC−6): trade date 2026-12-02, RTH about to open.</summary>
    public static readonly DateTimeOffset WednesdayMorning = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    private RiskHarness(FakeTimeProvider time, SimulatorServer server, ProjectXClient client, string directory)
    {
        Time = time;
        Server = server;
        Client = client;
        Directory = directory;
    }

    public FakeTimeProvider Time { get; }
    public SimulatorServer Server { get; }
    public ProjectXClient Client { get; }
    public string Directory { get; }
    public string StatePath => Path.Combine(Directory, "account-1001.json");

    public static async Task<RiskHarness> StartAsync(DateTimeOffset? at = null, Action<SimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(at ?? WednesdayMorning);
        var server = await Sim.StartAsync(configure, time);
        var client = await Sim.ConnectAsync(server, o => o.TimeProvider = time);
        var directory = Path.Combine(Path.GetTempPath(), "px-risk-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new RiskHarness(time, server, client, directory);
    }

    public RiskGuard Attach(RiskRules rules, string? statePath = null) =>
        RiskGuard.Attach(Client, rules, Sim.MainAccount, new RiskGuardOptions { StatePath = statePath ?? StatePath });

    /// <summary>Orders the server holds for the main account, of every status: a refused order never shows up here.</summary>
    public int OrdersOnServer => Sim.OrdersOnServer(Server).Count;

    public IReadOnlyList<PositionModel> PositionsOnServer => Sim.PositionsOnServer(Server).Where(p => p.Size > 0).ToList();

    public decimal BalanceOnServer => Server.Gateway.Exchange.GetAccount(Sim.MainAccount)!.Balance;

    /// <summary>The account's realized PnL net of fees, summed from the server's own fills (the reference for the guard's day figure).</summary>
    public decimal RealizedNetOnServer =>
        Server.Gateway.Exchange.GetTrades(Sim.MainAccount).Where(t => !t.Voided).Sum(t => (t.ProfitAndLoss ?? 0m) - t.Fees - (t.Commissions ?? 0m));

    /// <summary>
    /// Loses at least <paramref name="amount"/> on <paramref name="symbol"/>: looks ahead on the simulator's deterministic
    /// path for the first moment a long (or short) entered now would be that far under water, enters at market, moves the
    /// clock there and closes. Returns the realized loss net of fees, from the server's fills.
    /// </summary>
    public async Task<decimal> LoseAtLeastAsync(string symbol, int size, decimal amount, TimeSpan? within = null)
    {
        var contract = Sim.ActiveContract(Server, symbol);
        var market = Server.Gateway.Exchange.Market;
        var start = Time.GetUtcNow();
        var entry = market.GetSnapshot(contract.Id, start);
        var pointsNeeded = amount / size / (contract.TickValue / contract.TickSize);
        var before = RealizedNetOnServer;
        for (var t = start.AddSeconds(15); t < start + (within ?? TimeSpan.FromHours(5)); t = t.AddSeconds(15))
        {
            var later = market.GetSnapshot(contract.Id, t);
            OrderSide? side = entry.Ask - later.Bid >= pointsNeeded + 10 * contract.TickSize ? OrderSide.Bid
                : later.Ask - entry.Bid >= pointsNeeded + 10 * contract.TickSize ? OrderSide.Ask : null;
            if (side is not { } s)
                continue;
            await Client.PlaceMarketOrderAsync(contract.Id, s, size);
            Time.SetUtcNow(t);
            await Client.ClosePositionAsync(contract.Id);
            var loss = before - RealizedNetOnServer;
            Assert.True(loss >= amount, $"the scripted loss {loss} is at least {amount}");
            return loss;
        }
        throw new InvalidOperationException($"The simulated {symbol} never moved {pointsNeeded} points within the window.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var guard in Client.RiskGuards)
            await guard.DisposeAsync();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }
    }
}
