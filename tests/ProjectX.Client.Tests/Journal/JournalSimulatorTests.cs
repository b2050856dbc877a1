using ProjectX.Client.Gateway;
using ProjectX.Client.Journal;
using ProjectX.Client.Live;
using ProjectX.Examples.Sdk;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Client.Tests.Journal;

/// <summary>
/// The journal against the simulator: trades placed for real, read back through Trade/search, and checked against an
/// independent walk of the same fills (the signed position, the gateway's own profitAndLoss and fees).
/// </summary>
public sealed class JournalSimulatorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("pxjournal-sim-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_journal_rebuilds_the_SDK_examples_trades_exactly()
    {
        using var simulator = new SimulatedGateway();
        using var timeout = new CancellationTokenSource(Timeout);
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var output = new StringWriter();
        var context = new SdkExampleContext(SdkExamples.ClientOptions(null, simulator), output, simulator);
        await TenLines.RunAsync(context, timeout.Token);
        await OrderManagement.RunAsync(context, timeout.Token);
        await LiveEngineTour.RunAsync(context, timeout.Token);
        await TradingSuiteTour.RunAsync(context, timeout.Token);
        await BackgroundMonitor.RunAsync(context, lossLimit: 500m, hold: TimeSpan.FromSeconds(1), timeout.Token);

        await using var client = await ProjectXClient.ConnectAsync(SdkExamples.ClientOptions(null, simulator), timeout.Token);
        var fills = await client.SearchTradesAsync(started, cancellationToken: timeout.Token);
        Assert.NotEmpty(fills);

        var trips = await client.JournalAsync(new JournalFilter { Since = started }, Path.Combine(_folder, "journal.db"), timeout.Token);

        AssertRebuildsExactly(fills, trips);
    }

    [Fact]
    public async Task Two_runs_of_the_embedded_simulator_keep_both_runs_trades_in_one_journal()
    {
        // Each Connect-ProjectX -Simulator is a fresh simulator at the same address, so its trades go to the same
        // journal file; a run that reused the last run's trade ids would have its trades dropped as already known.
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var path = Path.Combine(_folder, "journal.db");
        var closingIds = new List<long>();
        for (var run = 0; run < 2; run++)
        {
            if (run > 0)
                await Task.Delay(TimeSpan.FromSeconds(1.1), ct); // the next run starts on a later second of the clock
            using var simulator = new SimulatedGateway();
            await using var client = await ProjectXClient.ConnectAsync(SdkExamples.ClientOptions(null, simulator), ct);
            await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1, ct);
            await WaitForPositionAsync(client, 1, ct);
            await client.ClosePositionAsync("MNQ", cancellationToken: ct);
            await WaitForPositionAsync(client, 0, ct);
            var fills = await client.SearchTradesAsync(started, cancellationToken: ct);
            closingIds.Add(Assert.Single(fills, f => f.ProfitAndLoss is not null).Id);

            var trips = await client.JournalAsync(new JournalFilter { Since = started }, path, ct);

            Assert.Equal(run + 1, trips.Count);
            Assert.Equal(closingIds, trips.Select(t => t.Fills.Single(f => f.Role == RoundTripRole.Exit).TradeId).ToList());
        }
    }

    [Fact]
    public async Task A_bracket_a_partial_close_and_a_reversal_on_the_simulator()
    {
        using var simulator = new SimulatedGateway();
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var client = await ProjectXClient.ConnectAsync(SdkExamples.ClientOptions(null, simulator), ct);

        // 1. Long 2 with a native bracket (stop 40 ticks), out in two parts; then cancel the legs.
        var entry = await client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", Type = OrderType.Market, Side = OrderSide.Bid, Size = 2, StopLossTicks = 40, TakeProfitTicks = 80, CustomTag = "journaltest-0a0b0c0d" }, ct);
        await WaitForPositionAsync(client, 2, ct);
        await client.PartialClosePositionAsync("MNQ", 1, cancellationToken: ct);
        await WaitForPositionAsync(client, 1, ct);
        await client.ClosePositionAsync("MNQ", cancellationToken: ct);
        await WaitForPositionAsync(client, 0, ct);
        await client.CancelAllOrdersAsync(cancellationToken: ct);
        // 2. Short 1, reversed to long 1 by a buy of 2, then closed.
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Ask, 1, ct);
        await WaitForPositionAsync(client, -1, ct);
        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 2, ct);
        await WaitForPositionAsync(client, 1, ct);
        await client.ClosePositionAsync("MNQ", cancellationToken: ct);
        await WaitForPositionAsync(client, 0, ct);

        var fills = await client.SearchTradesAsync(started, cancellationToken: ct);
        var path = Path.Combine(_folder, "journal.db");
        var trips = await client.JournalAsync(new JournalFilter { Since = started }, path, ct);

        AssertRebuildsExactly(fills, trips);
        Assert.Equal([PositionType.Long, PositionType.Short, PositionType.Long], trips.Select(t => t.Direction));
        var bracket = trips[0];
        Assert.Equal((entry.OrderId, "journaltest-0a0b0c0d", "journaltest", 2), (bracket.EntryOrderId, bracket.EntryTag, bracket.Tag, bracket.Size));
        // The stop leg sits 40 ticks (10 points) under the entry fill: risk $20 a contract.
        var entryFill = fills.Single(f => f.OrderId == entry.OrderId);
        Assert.Equal(entryFill.Price - 10m, bracket.InitialStop);
        Assert.Equal(decimal.Round(bracket.NetPnl / 40m, 4, MidpointRounding.AwayFromZero), bracket.RMultiple);
        Assert.All(trips.Skip(1), t => Assert.Null(t.RMultiple));

        // MAE/MFE afterwards, from one-minute bars: never negative, and at least what the fills themselves show.
        await using var journal = await TradeJournal.OpenAsync(path, ct);
        Assert.Equal(3, await journal.AddExcursionsFromBarsAsync(client, new JournalFilter { Since = started }, ct));
        foreach (var trip in await journal.GetRoundTripsAsync(cancellationToken: ct))
        {
            Assert.Equal(ExcursionSource.Bars, trip.ExcursionSource);
            Assert.True(trip.Mae >= 0 && trip.Mfe >= 0 && trip.Mfe >= Math.Max(0, trip.GrossPnl), $"MAE {trip.Mae}, MFE {trip.Mfe}, gross {trip.GrossPnl}");
        }
    }

    [Fact]
    public async Task The_recorder_gives_MAE_and_MFE_from_the_live_quotes()
    {
        using var simulator = new SimulatedGateway();
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var client = await ProjectXClient.ConnectAsync(SdkExamples.ClientOptions(null, simulator), ct);
        await using var live = await LiveAccount.StartAsync(client, cancellationToken: ct);
        var mnq = await live.WatchAsync("MNQ", cancellationToken: ct);
        using var recorder = new ExcursionRecorder(live);
        var seen = new List<decimal>();
        live.QuoteChanged += (_, e) => { if (e.Data.LastPrice is { } p && e.Data.ContractId == mnq.ContractId) lock (seen) seen.Add(p); };

        await client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1, ct);
        await WaitForPositionAsync(client, 1, ct);
        // Hold until a few quotes have moved the price.
        while (true)
        {
            lock (seen) if (seen.Distinct().Count() >= 3) break;
            await Task.Delay(50, ct);
        }
        await client.ClosePositionAsync("MNQ", cancellationToken: ct);
        await WaitForPositionAsync(client, 0, ct);
        while (recorder.PendingCount == 0) await Task.Delay(50, ct);

        var path = Path.Combine(_folder, "journal.db");
        await using var journal = await TradeJournal.OpenAsync(path, ct);
        await recorder.FlushAsync(journal, ct);
        await journal.ImportAsync(client, started, cancellationToken: ct);
        var trip = Assert.Single(await journal.GetRoundTripsAsync(cancellationToken: ct));

        Assert.Equal(ExcursionSource.Quotes, trip.ExcursionSource);
        Assert.True(trip.Mae >= 0 && trip.Mfe >= 0 && trip.Mae + trip.Mfe > 0, $"MAE {trip.Mae}, MFE {trip.Mfe}");
        // Not more than the quotes seen while the engine ran (and the fills) could give.
        decimal low, high;
        lock (seen) (low, high) = (Math.Min(seen.Min(), Math.Min(trip.EntryPrice, trip.ExitPrice)), Math.Max(seen.Max(), Math.Max(trip.EntryPrice, trip.ExitPrice)));
        Assert.True(trip.Mae <= (trip.EntryPrice - low) * 2m && trip.Mfe <= (high - trip.EntryPrice) * 2m, $"MAE {trip.Mae}, MFE {trip.Mfe}, quotes {low}..{high}");
    }

    /// <summary>
    /// Independent of the builder: walking the fills' signed position, a trade ends each time it reaches or crosses zero;
    /// every fill's size is used exactly once (all flat at the end); gross PnL and fees add up to the gateway's.
    /// </summary>
    private static void AssertRebuildsExactly(IReadOnlyList<HalfTradeModel> fills, IReadOnlyList<RoundTrip> trips)
    {
        var live = fills.Where(f => !f.Voided).OrderBy(f => f.CreationTimestamp).ThenBy(f => f.Id).ToList();
        var ends = 0;
        foreach (var book in live.GroupBy(f => (f.AccountId, f.ContractId)))
        {
            var position = 0;
            foreach (var fill in book)
            {
                var next = position + (fill.Side == OrderSide.Bid ? fill.Size : -fill.Size);
                if (position != 0 && (next == 0 || Math.Sign(next) != Math.Sign(position))) ends++;
                position = next;
            }
            Assert.Equal(0, position);
        }
        Assert.Equal(ends, trips.Count);
        foreach (var fill in live)
            Assert.Equal(fill.Size, trips.SelectMany(t => t.Fills).Where(f => f.TradeId == fill.Id).Sum(f => f.Quantity));
        Assert.All(trips, t => Assert.Equal(PnlCheck.Matches, t.PnlCheck));
        Assert.Equal(live.Sum(f => f.ProfitAndLoss ?? 0m), trips.Sum(t => t.GrossPnl));
        Assert.Equal(live.Sum(f => f.Fees + (f.Commissions ?? 0m)), trips.Sum(t => t.Fees));
    }

    private static async Task WaitForPositionAsync(ProjectXClient client, int signedSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var position = (await client.GetPositionsAsync(cancellationToken: cancellationToken)).SingleOrDefault();
            var size = position is null ? 0 : position.Type == PositionType.Short ? -position.Size : position.Size;
            if (size == signedSize) return;
            await Task.Delay(50, cancellationToken);
        }
    }
}
