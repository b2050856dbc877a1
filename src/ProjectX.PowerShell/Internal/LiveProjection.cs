using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The realtime side of one connection as PowerShell sees it: the client's live engine (<see cref="LiveAccount"/>),
/// whose events become <see cref="PxEventArgs"/> for Register-PxEvent. It holds no state of its own: orders,
/// positions, quotes, books and bars are the engine's, read by the cmdlets. The engine raises its events on its one
/// event task; <see cref="EventDispatch"/> hands them to PowerShell's event manager, which only queues them there.
/// </summary>
internal sealed class LiveProjection : IAsyncDisposable
{
    /// <summary>Levels of each side in a Depth event's order book.</summary>
    private const int DepthEventLevels = 5;

    private LiveProjection(LiveAccount engine)
    {
        Engine = engine;
        engine.OrderChanged += (_, e) => RaiseIfWanted(PxEventName.OrderUpdated, e.Item.ContractId, () =>
            new PxEventArgs(PxEventName.OrderUpdated, e.ReceivedAt) { ContractId = e.Item.ContractId, Symbol = SymbolOf(e.Contract), Order = PxOrder.From(e.Item, e.Contract) });
        engine.PositionChanged += (_, e) => RaiseIfWanted(PxEventName.PositionUpdated, e.Item.ContractId, () =>
            new PxEventArgs(PxEventName.PositionUpdated, e.ReceivedAt) { ContractId = e.Item.ContractId, Symbol = SymbolOf(e.Contract), Position = PxPosition.From(e.Item, e.Contract) });
        engine.TradeExecuted += (_, e) => RaiseIfWanted(PxEventName.TradeExecuted, e.Item.ContractId, () =>
            new PxEventArgs(PxEventName.TradeExecuted, e.ReceivedAt) { ContractId = e.Item.ContractId, Symbol = SymbolOf(e.Contract), Trade = PxTrade.From(e.Item, e.Contract) });
        engine.AccountChanged += (_, account) => RaiseIfWanted(PxEventName.AccountUpdated, null, () =>
            new PxEventArgs(PxEventName.AccountUpdated, DateTimeOffset.UtcNow) { Account = PxAccount.From(account) });
        engine.QuoteChanged += (_, e) => RaiseIfWanted(PxEventName.Quote, e.Data.ContractId, () =>
        {
            var contract = Engine.TryGetContract(e.Data.ContractId);
            return new PxEventArgs(PxEventName.Quote, e.Data.ReceivedAt) { ContractId = e.Data.ContractId, Symbol = SymbolOf(contract), Quote = PxQuote.From(e.Data, contract) };
        });
        engine.MarketTrades += (_, e) => OnMarketTrades(e.Data);
        engine.BookChanged += (_, e) => RaiseIfWanted(PxEventName.Depth, e.Data.ContractId, () =>
        {
            var contract = e.Instrument?.Contract;
            var symbol = SymbolOf(contract);
            return new PxEventArgs(PxEventName.Depth, e.Data.LastUpdate)
            {
                ContractId = e.Data.ContractId, Symbol = symbol, OrderBook = PxOrderBook.From(e.Data, symbol, DepthEventLevels, contract?.TickSize ?? 0m),
            };
        });
        IndicatorFeeds = new LiveIndicatorFeeds(engine, (contractId, build) => RaiseIfWanted(PxEventName.BarClosed, contractId, build));
        engine.BarClosed += (_, e) =>
        {
            if (!IndicatorFeeds.Has(e.Data.ContractId, e.Data.Timeframe))
                OnBarClosed(e);
        };
        engine.GapDetected += (_, gap) => RaiseIfWanted(PxEventName.Gap, null, () =>
            new PxEventArgs(PxEventName.Gap, gap.ReceivedAt) { Hub = gap.Hub?.ToString(), Reason = gap.Reason.ToString() });
        engine.ConnectionStateChanged += (_, e) => RaiseIfWanted(PxEventName.ConnectionStateChanged, null, () =>
            new PxEventArgs(PxEventName.ConnectionStateChanged, e.ReceivedAt) { Hub = e.Hub.ToString(), State = ToHubState(e.State), Reason = e.Reason });
    }

    /// <summary>The live engine: the connection's orders, positions, PnL and watched market data.</summary>
    public LiveAccount Engine { get; }

    /// <summary>Indicators on live bars (Start-PxDataFeed -Indicator); their bars' BarClosed events carry the values.</summary>
    public LiveIndicatorFeeds IndicatorFeeds { get; }

    public EventDispatch Dispatch { get; } = new();

    public int AccountId => Engine.AccountId;

    public PxHubState UserHubState => ToHubState(Engine.Realtime.UserHubState);

    public PxHubState MarketHubState => ToHubState(Engine.Realtime.MarketHubState);

    /// <summary>The watched symbols that build live bars (Start-PxDataFeed).</summary>
    public IEnumerable<LiveInstrument> DataFeeds => Engine.Instruments.Where(i => i.Bars is not null);

    /// <summary>Starts the engine for <paramref name="options"/>' account (else the first that can trade) and makes it the client's default.</summary>
    public static async Task<LiveProjection> StartAsync(ProjectXClient client, LiveAccountOptions options, CancellationToken cancellationToken) =>
        new(await LiveAccount.StartAsync(client, options, cancellationToken).ConfigureAwait(false));

    internal static PxHubState ToHubState(RealtimeConnectionState state) => state switch
    {
        RealtimeConnectionState.Connecting => PxHubState.Connecting,
        RealtimeConnectionState.Connected => PxHubState.Connected,
        RealtimeConnectionState.Reconnecting => PxHubState.Reconnecting,
        _ => PxHubState.Disconnected,
    };

    /// <summary>The symbol a contract is shown as (its root, e.g. MNQ for MNQZ6); empty when the contract is unknown.</summary>
    internal static string SymbolOf(ContractModel? contract) => contract is null ? "" : PxInstrument.RootSymbol(contract.Name);

    /// <summary>Quotes of the contract, watched once per connection (later calls share it).</summary>
    public Task<LiveInstrument> WatchQuotesAsync(ContractModel contract, CancellationToken cancellationToken) =>
        Engine.WatchAsync(contract.Id, new WatchOptions { Quotes = true, Trades = false }, cancellationToken);

    public Task<LiveInstrument> WatchTradesAsync(ContractModel contract, CancellationToken cancellationToken) =>
        Engine.WatchAsync(contract.Id, new WatchOptions { Quotes = false, Trades = true }, cancellationToken);

    /// <summary>Quotes, prints and the Level-2 book of the contract.</summary>
    public Task<LiveInstrument> WatchBookAsync(ContractModel contract, CancellationToken cancellationToken) =>
        Engine.WatchAsync(contract.Id, new WatchOptions { Quotes = true, Trades = true, Depth = true }, cancellationToken);

    /// <summary>Live bars of the contract, seeded with <paramref name="historyBars"/> closed bars per timeframe.</summary>
    public Task<LiveInstrument> WatchBarsAsync(ContractModel contract, IReadOnlyList<Timeframe> timeframes, int historyBars, CancellationToken cancellationToken) =>
        Engine.WatchAsync(contract.Id, new WatchOptions { Timeframes = timeframes, HistoryBars = historyBars, BarCapacity = Math.Max(1_000, historyBars) }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        IndicatorFeeds.Dispose();
        return Engine.DisposeAsync();
    }

    private void OnBarClosed(MarketChange<BarClosedEventArgs> e) => RaiseIfWanted(PxEventName.BarClosed, e.Data.ContractId, () =>
    {
        var contract = e.Instrument?.Contract;
        var symbol = SymbolOf(contract);
        return new PxEventArgs(PxEventName.BarClosed, e.Data.Bar.Start)
        {
            ContractId = e.Data.ContractId, Symbol = symbol, Bar = PxBar.From(e.Data.Bar, symbol, e.Data.ContractId, e.Data.Timeframe.ToString(), contract?.TickSize ?? 0m),
        };
    });

    private void OnMarketTrades(MarketTradeEvent prints)
    {
        if (!Dispatch.Wants(PxEventName.MarketTrade))
            return;
        var contract = Engine.TryGetContract(prints.ContractId);
        var symbol = SymbolOf(contract);
        foreach (var print in prints.Trades)
        {
            Dispatch.Raise(PxEventName.MarketTrade, prints.ContractId, new PxEventArgs(PxEventName.MarketTrade, prints.ReceivedAt)
            {
                ContractId = prints.ContractId,
                Symbol = symbol,
                MarketTrade = PxMarketTrade.From(print, prints.ContractId, symbol, contract?.TickSize ?? 0m),
            });
        }
    }

    /// <summary>Builds the event's object only when a registration wants the event (the engine's hot path stays cheap).</summary>
    private void RaiseIfWanted(PxEventName name, string? contractId, Func<PxEventArgs> build)
    {
        if (Dispatch.Wants(name))
            Dispatch.Raise(name, contractId, build());
    }
}
