using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

// The hub callbacks. They run on SignalR's receive loop, so they only parse, update the re-sync state and
// make non-blocking writes into the subscribers' queues.
public sealed partial class ProjectXRealtime
{
    private static readonly Type[] UserArguments = [typeof(JsonElement)];
    private static readonly Type[] QuoteArguments = [typeof(string), typeof(GatewayQuoteModel)];
    private static readonly Type[] TradeArguments = [typeof(string), typeof(GatewayTradeModel[])];
    private static readonly Type[] DepthArguments = [typeof(string), typeof(GatewayDepthModel[])];

    private Action<OrderModel, int?> _onOrder = null!;
    private Action<PositionModel, int?> _onPosition = null!;
    private Action<HalfTradeModel, int?> _onTrade = null!;
    private Action<TradingAccountModel, int?> _onAccount = null!;
    private long _lastMarketMessage;

    private void InitializeHandlers()
    {
        _onOrder = (order, action) =>
        {
            _tracker.Observe(order);
            _orders.Publish(new OrderUpdatedEvent(order, action, _time.GetUtcNow(), EventOrigin.Hub));
        };
        _onPosition = (position, action) =>
        {
            _tracker.Observe(position);
            _positions.Publish(new PositionUpdatedEvent(position, action, _time.GetUtcNow(), EventOrigin.Hub));
        };
        _onTrade = (trade, action) =>
        {
            _tracker.Observe(trade);
            _trades.Publish(new TradeExecutedEvent(trade, action, _time.GetUtcNow(), EventOrigin.Hub));
        };
        _onAccount = (account, action) =>
        {
            _tracker.Observe(account);
            _accounts.Publish(new AccountUpdatedEvent(account, action, _time.GetUtcNow(), EventOrigin.Hub));
        };
    }

    private void RegisterUserHandlers(HubConnection connection)
    {
        foreach (var stream in (ReadOnlySpan<HubStream>)[HubProtocol.Orders, HubProtocol.Positions, HubProtocol.Trades, HubProtocol.Accounts])
            connection.On(stream.Event, UserArguments, (args, state) => ((ProjectXRealtime)state).OnUser(stream, args), this);
        RegisterLogout(connection, HubKind.User);
    }

    private void RegisterMarketHandlers(HubConnection connection)
    {
        connection.On(HubProtocol.Quotes.Event, QuoteArguments, static (args, state) => ((ProjectXRealtime)state).OnQuote(args), this);
        connection.On(HubProtocol.MarketTrades.Event, TradeArguments, static (args, state) => ((ProjectXRealtime)state).OnMarketTrade(args), this);
        connection.On(HubProtocol.Depth.Event, DepthArguments, static (args, state) => ((ProjectXRealtime)state).OnDepth(args), this);
        RegisterLogout(connection, HubKind.Market);
    }

    private void RegisterLogout(HubConnection connection, HubKind hub) =>
        connection.On(HubProtocol.LogoutEvent, Type.EmptyTypes, (_, state) =>
        {
            ((ProjectXRealtime)state).OnLogout(hub);
            return Task.CompletedTask;
        }, this);

    private Task OnUser(HubStream stream, object?[] args)
    {
        if (args.Length != 1 || args[0] is not JsonElement payload)
        {
            OnMalformed(stream.Event, null);
            return Task.CompletedTask;
        }
        try
        {
            if (stream == HubProtocol.Orders) UserPayload.Read(payload, RealtimeJson.Order, _onOrder);
            else if (stream == HubProtocol.Positions) UserPayload.Read(payload, RealtimeJson.Position, _onPosition);
            else if (stream == HubProtocol.Trades) UserPayload.Read(payload, RealtimeJson.Trade, _onTrade);
            else UserPayload.Read(payload, RealtimeJson.Account, _onAccount);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            OnMalformed(stream.Event, e);
        }
        return Task.CompletedTask;
    }

    private Task OnQuote(object?[] args)
    {
        MarkMarketAlive();
        if (args[0] is string contractId && args[1] is GatewayQuoteModel quote)
        {
            if (_quotes.HasSubscribers)
                _quotes.Publish(new QuoteEvent(contractId, quote, _time.GetUtcNow()));
        }
        else
            OnMalformed(HubProtocol.Quotes.Event, null);
        return Task.CompletedTask;
    }

    private Task OnMarketTrade(object?[] args)
    {
        MarkMarketAlive();
        if (args[0] is string contractId && args[1] is GatewayTradeModel[] trades)
        {
            if (_marketTrades.HasSubscribers)
                _marketTrades.Publish(new MarketTradeEvent(contractId, trades, _time.GetUtcNow()));
        }
        else
            OnMalformed(HubProtocol.MarketTrades.Event, null);
        return Task.CompletedTask;
    }

    private Task OnDepth(object?[] args)
    {
        MarkMarketAlive();
        if (args[0] is string contractId && args[1] is GatewayDepthModel[] rows)
        {
            if (_depth.HasSubscribers)
                _depth.Publish(new DepthEvent(contractId, rows, _time.GetUtcNow()));
        }
        else
            OnMalformed(HubProtocol.Depth.Event, null);
        return Task.CompletedTask;
    }

    // ---- stale-feed watchdog (market hub only: the user hub is legitimately silent while flat) ----

    private void MarkMarketAlive() => Volatile.Write(ref _lastMarketMessage, _time.GetTimestamp());

    private void StartWatchdog()
    {
        if (_market is null || _options.StaleFeedTimeout is not { } timeout)
            return;
        var period = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));
        var timer = _time.CreateTimer(static state => ((ProjectXRealtime)state!).CheckFeed(), this, period, period);
        Interlocked.Exchange(ref _watchdog, timer)?.Dispose();
    }

    private void CheckFeed()
    {
        if (_market is not { IsConnected: true } market || _marketSubscriptions.Count == 0 || _options.StaleFeedTimeout is not { } timeout)
            return;
        var silent = _time.GetElapsedTime(Volatile.Read(ref _lastMarketMessage));
        if (silent < timeout)
            return;
        MarkMarketAlive(); // one forced reconnect per silent period, not one per tick
        Interlocked.Increment(ref _staleReconnects);
        RealtimeLog.StaleFeed(_logger, silent.TotalMilliseconds);
        market.ForceReconnect();
    }
}
