using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Risk;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;
using ProjectX.Simulation.Market;
using ProjectX.Simulation.Market.Catalog;
using ProjectX.Simulator;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Risk;

/// <summary>
/// A simulator whose accounts carry firm rules, a client and a live engine on one of them, all over real sockets and on
/// one fake clock. The market only moves when the test steps the clock (<see cref="StepToAsync"/>): each step is one
/// feed tick, at which the simulator's firm rules mark the account and the hub publishes the quote the guard marks it
/// with, so both judge the same prices at the same moments.
/// </summary>
internal sealed class FirmAccountHarness : IAsyncDisposable
{
    /// <summary>The demo account configured like Topstep's 50K Trading Combine (daily loss 1,000, max loss 2,000, 5 contracts).</summary>
    public const int Combine50K = 1007;

    private FirmAccountHarness(FakeTimeProvider time, SimulatorServer server, ProjectXClient client, LiveAccount live, int accountId, string directory)
    {
        Time = time;
        Server = server;
        Client = client;
        Live = live;
        AccountId = accountId;
        Directory = directory;
    }

    public FakeTimeProvider Time { get; }
    public SimulatorServer Server { get; }
    public ProjectXClient Client { get; }
    public LiveAccount Live { get; }
    public int AccountId { get; }
    public string Directory { get; }

    public static async Task<FirmAccountHarness> StartAsync(int accountId = Combine50K, Action<SimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(RiskHarness.WednesdayMorning);
        var server = await Sim.StartAsync(o =>
        {
            o.RateLimits.Enabled = false; // the fake clock hardly moves: a 60 s window would never empty
            // No timed feed tick within a test: the market moves only at the steps the test makes.
            o.Realtime.FeedInterval = TimeSpan.FromHours(12);
            configure?.Invoke(o);
        }, time);
        var client = await ConnectAsync(server, o => o.TimeProvider = time);
        var live = await LiveAccount.StartAsync(client, new LiveAccountOptions
        {
            Account = accountId.ToString(CultureInfo.InvariantCulture),
            Realtime = FastOptions(),
        });
        var directory = Path.Combine(Path.GetTempPath(), "px-firm-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new FirmAccountHarness(time, server, client, live, accountId, directory);
    }

    /// <summary>A guard on the account, attached to the client and monitoring the live engine.</summary>
    public RiskGuard Guard(RiskRules rules, bool monitor = true)
    {
        var guard = RiskGuard.Attach(Client, rules, AccountId, new RiskGuardOptions { StatePath = Path.Combine(Directory, "account.json") });
        if (monitor)
            guard.StartMonitoring(Live);
        return guard;
    }

    public ContractModel Contract(string symbol) => Sim.ActiveContract(Server, symbol);

    public MarketSnapshot MarketAt(string contractId, DateTimeOffset at) => Server.Gateway.Exchange.Market.GetSnapshot(contractId, at);

    /// <summary>The simulator's own figure for a product's fee per side (its configuration, not the code under test).</summary>
    public static decimal FeePerSide(ContractModel contract) => FuturesProducts.All.Single(p => p.Root == RootOf(contract)).FeePerSide;

    /// <summary>Quotes for the contract flow to the live engine (the guard marks positions with them).</summary>
    public async Task WatchAsync(ContractModel contract)
    {
        await Live.WatchAsync(contract.Id, new WatchOptions { Trades = false, HistoryBars = 0 });
        await WaitUntilAsync(() => Live.Quotes[contract.Id]?.LastPrice is not null, "the first quote");
    }

    /// <summary>A market order on the harness's account, straight through the client (and its guard, if one is attached).</summary>
    public Task<PlacedOrder> MarketAsync(ContractModel contract, OrderSide side, int size) =>
        Client.PlaceOrderAsync(new OrderTicket { AccountId = AccountId, Instrument = contract.Id, Type = OrderType.Market, Side = side, Size = size });

    /// <summary>
    /// Moves the clock to <paramref name="at"/> and runs one feed tick: the simulator matches and applies the firm rules
    /// at that moment, and publishes the quote. Returns once the live engine holds that quote.
    /// </summary>
    public async Task StepToAsync(DateTimeOffset at, ContractModel contract)
    {
        Time.SetUtcNow(at);
        Server.Realtime.PublishMarketNow();
        var last = MarketAt(contract.Id, at).Last;
        await WaitUntilAsync(() => Live.Quotes[contract.Id]?.LastPrice == last, $"the quote of {at:HH:mm:ss} (last {last})");
    }

    public TradingAccountModel AccountOnServer => Server.Gateway.Exchange.GetAccount(AccountId)!;

    public IReadOnlyList<OrderModel> OrdersOnServer => Sim.OrdersOnServer(Server, AccountId);

    public IReadOnlyList<PositionModel> PositionsOnServer => Sim.PositionsOnServer(Server, AccountId).Where(p => p.Size > 0).ToList();

    private static string RootOf(ContractModel contract) => contract.Id.Split('.')[3];

    public async ValueTask DisposeAsync()
    {
        foreach (var guard in Client.RiskGuards)
            await guard.DisposeAsync();
        await Live.DisposeAsync();
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

/// <summary>
/// A scripted loss: a position entered at the clock's start, and the moments, found on the simulator's seeded path,
/// at which it is marked at a loss inside each asked window. The loss is the test's own arithmetic: entry fees plus
/// the adverse move in ticks times the tick value.
/// </summary>
internal sealed record LosingScript(ContractModel Contract, OrderSide Side, int Size, decimal EntryPrice, decimal FeePerSide, IReadOnlyList<DateTimeOffset> Steps)
{
    private int Direction => Side == OrderSide.Bid ? 1 : -1;

    /// <summary>Equity lost (entry fee plus open loss, marked at the last price) at <paramref name="last"/>.</summary>
    public decimal MarkedLoss(decimal last) =>
        (FeePerSide * Size) - ((last - EntryPrice) / Contract.TickSize * Contract.TickValue * Size * Direction);

    /// <summary>The realized loss of closing at market at <paramref name="snapshot"/>: both fees plus the move to the bid (long) or ask (short).</summary>
    public decimal LossClosingAt(MarketSnapshot snapshot) =>
        (2 * FeePerSide * Size) - (((Side == OrderSide.Bid ? snapshot.Bid : snapshot.Ask) - EntryPrice) / Contract.TickSize * Contract.TickValue * Size * Direction);

    /// <summary>
    /// Looks ahead second by second from now (at most five hours) for a side whose marked loss passes through every
    /// window in turn; the market order fills at the ask (buy) or bid (sell) of now.
    /// </summary>
    public static LosingScript Find(FirmAccountHarness h, ContractModel contract, int size, params (decimal From, decimal To)[] windows)
    {
        var start = h.Time.GetUtcNow();
        var now = h.MarketAt(contract.Id, start);
        foreach (var side in new[] { OrderSide.Bid, OrderSide.Ask })
        {
            var script = new LosingScript(contract, side, size, side == OrderSide.Bid ? now.Ask : now.Bid, FirmAccountHarness.FeePerSide(contract), []);
            var steps = new List<DateTimeOffset>();
            for (var t = start.AddSeconds(1); t < start.AddHours(5) && steps.Count < windows.Length; t = t.AddSeconds(1))
            {
                var loss = script.MarkedLoss(h.MarketAt(contract.Id, t).Last);
                if (loss >= windows[steps.Count].From && loss < windows[steps.Count].To)
                    steps.Add(t);
            }
            if (steps.Count == windows.Length)
                return script with { Steps = steps };
        }
        throw new InvalidOperationException($"The simulated {contract.Name} never passed through the loss windows within five hours.");
    }
}
