using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The hub callbacks. They run on SignalR's receive loop, so they only parse, note what the snapshots and the
/// watchdog need, and make non-blocking writes into the subscribers' queues.
/// </summary>
internal sealed class HubEventReader : IMarketEventSink
{
    private static readonly Type[] UserArguments = [typeof(JsonElement)];

    private readonly RealtimePublisher _publisher;
    private readonly UserSnapshots _snapshots;
    private readonly FeedWatchdog _watchdog;
    private readonly Action<HubKind> _onLogout;
    private readonly ILogger _logger;
    private readonly Action<OrderModel, int?> _onOrder;
    private readonly Action<PositionModel, int?> _onPosition;
    private readonly Action<HalfTradeModel, int?> _onTrade;
    private readonly Action<TradingAccountModel, int?> _onAccount;
    private long _malformed;

    public HubEventReader(RealtimePublisher publisher, UserSnapshots snapshots, FeedWatchdog watchdog, Action<HubKind> onLogout, ILogger logger)
    {
        _publisher = publisher;
        _snapshots = snapshots;
        _watchdog = watchdog;
        _onLogout = onLogout;
        _logger = logger;
        _onOrder = (order, action) =>
        {
            _snapshots.Observe(order);
            _publisher.Publish(new OrderUpdatedEvent(order, action, _publisher.Now, EventOrigin.Hub));
        };
        _onPosition = (position, action) => _publisher.Publish(new PositionUpdatedEvent(position, action, _publisher.Now, EventOrigin.Hub));
        _onTrade = (trade, action) => _publisher.Publish(new TradeExecutedEvent(trade, action, _publisher.Now, EventOrigin.Hub));
        _onAccount = (account, action) => _publisher.Publish(new AccountUpdatedEvent(account, action, _publisher.Now, EventOrigin.Hub));
    }

    /// <summary>Hub payloads that could not be read and were skipped (each is logged; the connection lives on).</summary>
    public long MalformedCount => Interlocked.Read(ref _malformed);

    public void RegisterUser(HubConnection connection)
    {
        foreach (var stream in (ReadOnlySpan<HubStream>)[HubProtocol.Orders, HubProtocol.Positions, HubProtocol.Trades, HubProtocol.Accounts])
            connection.On(stream.Event, UserArguments, (args, state) => ((HubEventReader)state).OnUser(stream, args), this);
        RegisterLogout(connection, HubKind.User);
    }

    public void RegisterMarket(HubConnection connection)
    {
        // Quotes, prints and depth are delivered by the market hub's protocol (MarketFrameReader), not by handlers.
        RegisterLogout(connection, HubKind.Market);
    }

    /// <summary>A payload SignalR could not bind (reported by the protocol) or this reader could not read.</summary>
    public void OnMalformed(string target, Exception? error)
    {
        Interlocked.Increment(ref _malformed);
        RealtimeLog.MalformedPayload(_logger, target, error);
    }

    private void RegisterLogout(HubConnection connection, HubKind hub) =>
        connection.On(HubProtocol.LogoutEvent, Type.EmptyTypes, (_, state) =>
        {
            ((HubEventReader)state)._onLogout(hub);
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

    public void OnQuote(string contractId, GatewayQuoteModel quote)
    {
        _watchdog.MarkAlive();
        if (_publisher.Quotes.HasSubscribers)
            _publisher.Quotes.Publish(new QuoteEvent(contractId, quote, _publisher.Now));
    }

    public void OnMarketTrades(string contractId, GatewayTradeModel[] trades)
    {
        _watchdog.MarkAlive();
        if (_publisher.MarketTrades.HasSubscribers)
            _publisher.MarketTrades.Publish(new MarketTradeEvent(contractId, trades, _publisher.Now));
    }

    public void OnDepth(string contractId, GatewayDepthModel[] rows)
    {
        _watchdog.MarkAlive();
        if (_publisher.Depth.HasSubscribers)
            _publisher.Depth.Publish(new DepthEvent(contractId, rows, _publisher.Now));
    }

    public void OnMalformed(HubStream stream)
    {
        _watchdog.MarkAlive();
        OnMalformed(stream.Event, null);
    }
}
