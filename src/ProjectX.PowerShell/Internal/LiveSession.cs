using System.Collections.Concurrent;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The realtime side of one connection: one <see cref="ProjectXRealtime"/> subscribed to the user hub of the
/// connection's account, and the live state it feeds (orders, positions, merged quotes, order books). A single
/// task applies every hub event in order, then hands a module-typed copy to the event dispatch, so scripts see
/// state that already includes the event they are handling.
/// </summary>
internal sealed class LiveSession : IAsyncDisposable
{
    private static readonly OrderStatus[] WorkingStatuses = [OrderStatus.Open, OrderStatus.Pending, OrderStatus.Suspended, OrderStatus.PendingCancellation];

    private readonly RealtimeStream<RealtimeEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ContractModel?> _contracts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _quoteSubscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _tradeSubscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _depthSubscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderBook> _books = new(StringComparer.Ordinal);
    private Task _pump = Task.CompletedTask;
    private int _disposed;

    private LiveSession(ProjectXClient client, int accountId)
    {
        Client = client;
        AccountId = accountId;
        Realtime = new ProjectXRealtime(client);
        // Opened before the hubs connect: nothing between the REST seed and the first event is lost.
        _events = Realtime.OpenStream<RealtimeEvent>();
        Orders = new OrderTracker(accountId);
        Positions = new PositionTracker(accountId);
        Feeds = new DataFeeds(Dispatch);
    }

    public ProjectXClient Client { get; }
    public int AccountId { get; }
    public ProjectXRealtime Realtime { get; }
    public OrderTracker Orders { get; }
    public PositionTracker Positions { get; }
    public QuoteBook Quotes { get; } = new();
    public EventDispatch Dispatch { get; } = new();
    public DataFeeds Feeds { get; }

    /// <summary>Connects both hubs, subscribes the account, seeds orders and positions over REST and starts applying events.</summary>
    public static async Task<LiveSession> StartAsync(ProjectXClient client, int accountId, CancellationToken cancellationToken)
    {
        var session = new LiveSession(client, accountId);
        try
        {
            await session.Realtime.StartAsync(cancellationToken).ConfigureAwait(false);
            await session.Realtime.SubscribeUserAsync(accountId, cancellationToken: cancellationToken).ConfigureAwait(false);
            var working = await client.GetOpenOrdersAsync(accountId, cancellationToken).ConfigureAwait(false);
            var positions = await client.GetPositionsAsync(accountId, cancellationToken).ConfigureAwait(false);
            session.Orders.Seed(working.Where(o => Array.IndexOf(WorkingStatuses, o.Status) >= 0));
            session.Positions.Seed(positions);
            session._pump = Task.Run(() => session.PumpAsync(session._stop.Token), CancellationToken.None);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public PxHubState UserHubState => Disposed ? PxHubState.Disconnected : ToHubState(Realtime.UserHubState);
    public PxHubState MarketHubState => Disposed ? PxHubState.Disconnected : ToHubState(Realtime.MarketHubState);

    internal static PxHubState ToHubState(RealtimeConnectionState state) => state switch
    {
        RealtimeConnectionState.Connecting => PxHubState.Connecting,
        RealtimeConnectionState.Connected => PxHubState.Connected,
        RealtimeConnectionState.Reconnecting => PxHubState.Reconnecting,
        _ => PxHubState.Disconnected,
    };

    private bool Disposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Subscribes the contract's quotes once per session (later calls share the first subscription).</summary>
    public Task EnsureQuotesAsync(ContractModel contract, CancellationToken cancellationToken)
    {
        Remember(contract);
        return Ensure(_quoteSubscriptions, contract.Id, id => Realtime.SubscribeQuotesAsync(id, CancellationToken.None), cancellationToken);
    }

    public Task EnsureMarketTradesAsync(ContractModel contract, CancellationToken cancellationToken)
    {
        Remember(contract);
        return Ensure(_tradeSubscriptions, contract.Id, id => Realtime.SubscribeMarketTradesAsync(id, CancellationToken.None), cancellationToken);
    }

    /// <summary>Subscribes depth and market trades and keeps an order book for the contract.</summary>
    public async Task<OrderBook> EnsureOrderBookAsync(ContractModel contract, CancellationToken cancellationToken)
    {
        Remember(contract);
        var book = _books.GetOrAdd(contract.Id, id => new OrderBook(id));
        await EnsureQuotesAsync(contract, cancellationToken).ConfigureAwait(false);
        await EnsureMarketTradesAsync(contract, cancellationToken).ConfigureAwait(false);
        await Ensure(_depthSubscriptions, contract.Id, id => Realtime.SubscribeDepthAsync(id, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        return book;
    }

    /// <summary>
    /// One subscription per contract, shared by every caller (it is not tied to any caller's token); a failed one
    /// (e.g. sent while the hub was reconnecting) is tried again by the next caller.
    /// </summary>
    private static Task Ensure(ConcurrentDictionary<string, Task> subscriptions, string contractId, Func<string, Task> subscribe, CancellationToken cancellationToken)
    {
        var subscription = subscriptions.GetOrAdd(contractId, subscribe);
        if (subscription.IsFaulted || subscription.IsCanceled)
        {
            var retry = subscribe(contractId);
            subscription = subscriptions.TryUpdate(contractId, retry, subscription) ? retry : subscriptions[contractId];
        }

        return subscription.WaitAsync(cancellationToken);
    }

    /// <summary>The merged quote, waiting up to <paramref name="timeout"/> for the first one to arrive.</summary>
    public async Task<Quote?> WaitForQuoteAsync(string contractId, TimeSpan timeout, Func<Quote, bool>? until, CancellationToken cancellationToken)
    {
        if (Quotes.TryGet(contractId, out var now) && (until is null || until(now)))
        {
            return now;
        }

        var arrived = new TaskCompletionSource<Quote>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUpdated(object? sender, Quote q)
        {
            if (q.ContractId == contractId && (until is null || until(q)))
            {
                arrived.TrySetResult(q);
            }
        }

        Quotes.Updated += OnUpdated;
        try
        {
            if (Quotes.TryGet(contractId, out now) && (until is null || until(now)))
            {
                return now;
            }

            return await arrived.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Quotes[contractId];
        }
        finally
        {
            Quotes.Updated -= OnUpdated;
        }
    }

    /// <summary>The position's unrealized PnL from the live last price (subscribing quotes first); null if no price came.</summary>
    public async Task<decimal?> UnrealizedPnlAsync(PositionModel position, ContractModel? contract, CancellationToken cancellationToken)
    {
        if (contract is null || contract.TickSize <= 0)
        {
            return null;
        }

        await EnsureQuotesAsync(contract, cancellationToken).ConfigureAwait(false);
        var quote = await WaitForQuoteAsync(contract.Id, TimeSpan.FromSeconds(3), q => q.LastPrice is not null, cancellationToken).ConfigureAwait(false);
        return quote?.LastPrice is { } last
            ? PxInstrument.Normalize(PositionTracker.ComputeUnrealizedPnl(position.Type, position.Size, position.AveragePrice, last, contract.TickSize, contract.TickValue))
            : null;
    }

    public OrderBook? BookOf(string contractId) => _books.GetValueOrDefault(contractId);

    public void Remember(ContractModel contract)
    {
        _contracts[contract.Id] = contract;
        Positions.AddContract(contract);
    }

    public async Task<ContractModel?> ContractOfAsync(string contractId, CancellationToken cancellationToken)
    {
        if (_contracts.TryGetValue(contractId, out var known))
        {
            return known;
        }

        ContractModel? contract;
        try
        {
            contract = await Client.GetInstrumentAsync(contractId, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException)
        {
            // Events still flow with the contract id only (an expired month, or the rate limit is spent).
            contract = null;
        }

        _contracts[contractId] = contract;
        if (contract is not null)
        {
            Positions.AddContract(contract);
        }

        return contract;
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await ApplyAsync(e, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One bad event (or a throwing subscriber) must not end the feed for the session.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyAsync(RealtimeEvent e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case OrderUpdatedEvent order:
                Orders.Apply(order);
                if (Dispatch.Wants(PxEventName.OrderUpdated))
                {
                    var contract = await ContractOfAsync(order.Order.ContractId, cancellationToken).ConfigureAwait(false);
                    Dispatch.Raise(PxEventName.OrderUpdated, order.Order.ContractId, new PxEventArgs(PxEventName.OrderUpdated, order.ReceivedAt) { Order = PxOrder.From(order.Order, contract), ContractId = order.Order.ContractId, Symbol = SymbolOf(contract) });
                }

                break;
            case PositionUpdatedEvent position:
                Positions.Apply(position);
                if (Dispatch.Wants(PxEventName.PositionUpdated))
                {
                    var contract = await ContractOfAsync(position.Position.ContractId, cancellationToken).ConfigureAwait(false);
                    Dispatch.Raise(PxEventName.PositionUpdated, position.Position.ContractId, new PxEventArgs(PxEventName.PositionUpdated, position.ReceivedAt) { Position = PxPosition.From(position.Position, contract), ContractId = position.Position.ContractId, Symbol = SymbolOf(contract) });
                }

                break;
            case TradeExecutedEvent trade:
                Positions.Apply(trade);
                if (Dispatch.Wants(PxEventName.TradeExecuted))
                {
                    var contract = await ContractOfAsync(trade.Trade.ContractId, cancellationToken).ConfigureAwait(false);
                    Dispatch.Raise(PxEventName.TradeExecuted, trade.Trade.ContractId, new PxEventArgs(PxEventName.TradeExecuted, trade.ReceivedAt) { Trade = PxTrade.From(trade.Trade, contract), ContractId = trade.Trade.ContractId, Symbol = SymbolOf(contract) });
                }

                break;
            case AccountUpdatedEvent account:
                Positions.Apply(account);
                Dispatch.Raise(PxEventName.AccountUpdated, null, new PxEventArgs(PxEventName.AccountUpdated, account.ReceivedAt) { Account = PxAccount.From(account.Account) });
                break;
            case QuoteEvent quote:
                var merged = Quotes.Apply(quote.ContractId, quote.Quote, quote.ReceivedAt);
                Positions.OnQuote(merged);
                Feeds.OnQuote(merged);
                if (Dispatch.Wants(PxEventName.Quote))
                {
                    var contract = _contracts.GetValueOrDefault(quote.ContractId);
                    Dispatch.Raise(PxEventName.Quote, quote.ContractId, new PxEventArgs(PxEventName.Quote, quote.ReceivedAt) { Quote = PxQuote.From(merged, contract), ContractId = quote.ContractId, Symbol = SymbolOf(contract) });
                }

                break;
            case MarketTradeEvent prints:
                BookOf(prints.ContractId)?.OnMarketTrade(prints);
                Feeds.OnMarketTrade(prints);
                if (Dispatch.Wants(PxEventName.MarketTrade))
                {
                    var symbol = SymbolOf(_contracts.GetValueOrDefault(prints.ContractId));
                    foreach (var print in prints.Trades)
                    {
                        Dispatch.Raise(PxEventName.MarketTrade, prints.ContractId, new PxEventArgs(PxEventName.MarketTrade, prints.ReceivedAt)
                        {
                            ContractId = prints.ContractId,
                            Symbol = symbol,
                            MarketTrade = PxMarketTrade.From(print, prints.ContractId, symbol),
                        });
                    }
                }

                break;
            case DepthEvent depth:
                var book = BookOf(depth.ContractId);
                book?.OnDepth(depth);
                if (Dispatch.Wants(PxEventName.Depth))
                {
                    var symbol = SymbolOf(_contracts.GetValueOrDefault(depth.ContractId));
                    Dispatch.Raise(PxEventName.Depth, depth.ContractId, new PxEventArgs(PxEventName.Depth, depth.ReceivedAt)
                    {
                        ContractId = depth.ContractId,
                        Symbol = symbol,
                        OrderBook = book is null ? null : PxOrderBook.From(book, symbol, 5),
                    });
                }

                break;
            case ConnectionStateChangedEvent state:
                Dispatch.Raise(PxEventName.ConnectionStateChanged, null, new PxEventArgs(PxEventName.ConnectionStateChanged, state.ReceivedAt)
                {
                    Hub = state.Hub.ToString(),
                    State = ToHubState(state.State),
                    Reason = state.Reason,
                });
                break;
        }
    }

    internal static string SymbolOf(ContractModel? contract) => contract is null ? "" : PxInstrument.RootSymbol(contract.Name);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Feeds.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _events.Dispose();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await Realtime.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
