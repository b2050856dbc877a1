using System.Globalization;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;

namespace RealtimeBracket;

/// <summary>
/// Streams quotes, builds 1- and 5-minute bars, buys one contract with a native bracket (stop loss and take profit
/// in ticks) and prints every event until the position is flat. If neither leg fills within the hold time, it closes
/// the position itself, so the run always ends.
/// </summary>
public static class BracketDemo
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var settings = DemoSettings.Parse(args);
        var log = TextWriter.Synchronized(output);
        using var simulator = settings.Url is null ? new SimulatedGateway() : null;
        var options = ClientOptions(settings, simulator);

        await using var suite = await TradingSuite.CreateAsync(options, [settings.Symbol], [Timeframe.OneMinute, Timeframe.FiveMinutes],
            new TradingSuiteOptions { HistoryBars = 30 }, cancellationToken);
        var contract = suite.Contracts[settings.Symbol];
        log.WriteLine($"Connected: {suite}");
        log.WriteLine($"{contract.Name} ({contract.Id}): tick {P(contract.TickSize)} = {P(contract.TickValue)} USD; seeded {suite.Bars[settings.Symbol][Timeframe.OneMinute].ClosedCount} 1-min and {suite.Bars[settings.Symbol][Timeframe.FiveMinutes].ClosedCount} 5-min bars");

        PrintEvents(suite, log);
        var flat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = false;
        suite.Positions.PositionChanged += (_, p) =>
        {
            if (p.ContractId == contract.Id && p.Size > 0) Volatile.Write(ref entered, true);
            if (p.ContractId == contract.Id && p.Size == 0 && Volatile.Read(ref entered)) flat.TrySetResult();
        };

        await WaitForQuoteAsync(suite, contract.Id, cancellationToken);
        var placed = await suite.Client.PlaceBracketOrderAsync(settings.Symbol, OrderSide.Bid, 1, settings.StopLossTicks, settings.TakeProfitTicks, cancellationToken: cancellationToken);
        log.WriteLine($"Placed bracket: buy 1 {contract.Name} at market, stop {settings.StopLossTicks} ticks, target {settings.TakeProfitTicks} ticks (order {placed.OrderId}, tag {placed.CustomTag})");
        var entry = await suite.Orders.WaitForFillAsync(placed.OrderId, StepTimeout, cancellationToken);
        log.WriteLine($"Entry filled at {P(entry.FilledPrice)}");

        var finished = await Task.WhenAny(flat.Task, Task.Delay(settings.MaxHold, cancellationToken));
        if (finished != flat.Task)
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.WriteLine($"Neither leg filled within {settings.MaxHold.TotalSeconds:0} s: closing the position at market.");
            await suite.Client.ClosePositionAsync(contract.Id, cancellationToken: cancellationToken);
        }
        await flat.Task.WaitAsync(StepTimeout, cancellationToken);
        // Native brackets cancel the other leg, but that event may still be in flight: sweep what the gateway itself
        // still reports open, so the account ends clean without cancelling a leg that has already gone.
        foreach (var result in await suite.Client.CancelAllOrdersAsync(instrument: contract.Id, cancellationToken: cancellationToken))
            log.WriteLine(result.Outcome switch
            {
                CancelOutcome.Cancelled => $"Cancelled leftover order {result.OrderId}",
                CancelOutcome.AlreadyEnded => $"Order {result.OrderId} had already ended",
                _ => $"Could not cancel order {result.OrderId} ({result.Outcome}): {result.Error?.Message}",
            });

        var pnl = suite.Positions.GetPortfolioPnl();
        log.WriteLine($"Flat. Realized today {P(pnl.RealizedToday)}, fees {P(pnl.Fees)}, net {P(pnl.Net)}, balance {P(pnl.Balance)} USD");
        var book = suite.OrderBooks[settings.Symbol];
        log.WriteLine($"Book: {book}; imbalance(5) {book.Imbalance(5):0.00}; last 5-min bar {suite.Bars[settings.Symbol][Timeframe.FiveMinutes].Forming?.ToString() ?? "-"}");
        return 0;
    }

    private static ProjectXClientOptions ClientOptions(DemoSettings settings, SimulatedGateway? simulator)
    {
        if (simulator is not null)
        {
            var inProcess = new ProjectXClientOptions { UserName = SimulatorOptions.DemoUserName, ApiKey = SimulatorOptions.DemoApiKey };
            simulator.ConfigureClient(inProcess);
            return inProcess;
        }
        var options = ProjectXClientOptions.FromEnvironment();
        options.ApiBaseUrl = settings.Url!;
        options.UserHubUrl = new Uri(settings.Url!, "/hubs/user");
        options.MarketHubUrl = new Uri(settings.Url!, "/hubs/market");
        options.UserName ??= SimulatorOptions.DemoUserName;
        options.ApiKey ??= SimulatorOptions.DemoApiKey;
        return options;
    }

    private static void PrintEvents(TradingSuite suite, TextWriter log)
    {
        suite.Quotes.Updated += (_, q) => log.WriteLine($"quote    {q}");
        suite.BarClosed += (_, e) => log.WriteLine($"bar      {e.Timeframe,-5} {e.Bar}");
        suite.Orders.OrderChanged += (_, o) => log.WriteLine($"order    {o.Id} {o.Side} {o.Size} {o.Type} {o.Status}{(o.FilledPrice is { } f ? $" @ {P(f)}" : "")}{(o.ParentOrderId is { } p ? $" (leg of {p})" : "")}");
        suite.Positions.PositionChanged += (_, p) => log.WriteLine($"position {p.ContractId} {p.Type} {p.Size} @ {P(p.AveragePrice)} unrealized {P(suite.Positions.UnrealizedPnl(p.ContractId))}");
        suite.Realtime.TradeExecuted += (_, t) => log.WriteLine($"fill     {t.Trade.Side} {t.Trade.Size} @ {P(t.Trade.Price)}{(t.Trade.ProfitAndLoss is { } pnl ? $" PnL {P(pnl)}" : "")} fees {P(t.Trade.Fees)}");
        suite.Realtime.ConnectionStateChanged += (_, s) => log.WriteLine($"hub      {s.Hub} {s.State}");
    }

    private static string P(decimal? value) => value?.ToString("0.00##", CultureInfo.InvariantCulture) ?? "?";

    private static async Task WaitForQuoteAsync(TradingSuite suite, string contractId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        while (suite.Quotes[contractId]?.LastPrice is null)
            await Task.Delay(50, timeout.Token);
    }
}
