using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Simulation.Realtime;

/// <summary>
/// The logic of both hubs (spec §8), independent of any transport: who is connected, what each connection
/// subscribed to, the user events from the engine, the market feed and the simulator's own Level-2 books.
/// The ASP.NET hubs (<c>/hubs/user</c>, <c>/hubs/market</c>) and the in-process hub server both sit on it, so
/// a client sees the same thing over a socket and in memory. Thread-safe (one lock); sends never block it.
/// </summary>
public sealed partial class RealtimeServer : IDisposable
{
    private readonly object _gate = new();
    private readonly SimulatedGateway _gateway;
    private readonly SimulatorRealtimeOptions _options;
    private readonly List<RealtimeConnection> _connections = [];
    private long _marketMessages;
    private int _disposed;

    internal RealtimeServer(SimulatedGateway gateway)
    {
        _gateway = gateway;
        _options = gateway.Options.Realtime ?? new SimulatorRealtimeOptions();
        var exchange = gateway.Exchange;
        exchange.OrderChanged += OnOrderChanged;
        exchange.PositionChanged += OnPositionChanged;
        exchange.TradeCreated += OnTradeCreated;
        exchange.AccountChanged += OnAccountChanged;
        gateway.SessionRevoked += OnSessionRevoked;
    }

    /// <summary>The JSON the hubs write payloads with (the REST wire dialect; sparse quotes). For JsonHubProtocol.</summary>
    public static JsonSerializerOptions PayloadSerializerOptions => RealtimeJson.Options;

    public SimulatedGateway Gateway => _gateway;
    public SimulatorRealtimeOptions Options => _options;

    public int ConnectionCount
    {
        get { lock (_gate) return _connections.Count; }
    }

    /// <summary>Market-hub messages written to transports so far (all connections): the load-mode throughput counter.</summary>
    public long MarketMessagesSent => Interlocked.Read(ref _marketMessages);

    /// <summary>
    /// Opens a connection for the holder of <paramref name="accessToken"/>, or returns null when the token is not a
    /// valid session (the transport then answers 401). The connection starts with no subscriptions.
    /// </summary>
    public RealtimeConnection? Connect(HubKind hub, string? accessToken, IRealtimeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_gateway.ValidateSession(accessToken) is not { } session) return null;
        var connection = new RealtimeConnection(this, hub, session.UserName, session.TokenId, sink, _options.MaxQueuedMessagesPerConnection);
        lock (_gate) _connections.Add(connection);
        StartTimers();
        return connection;
    }

    /// <summary>The client went away (the transport closed): forget the connection and its subscriptions.</summary>
    public void Disconnect(RealtimeConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Closed();
    }

    /// <summary>
    /// Runs hub method <paramref name="method"/> (case-insensitive, like SignalR) with already-bound arguments.
    /// </summary>
    /// <exception cref="RealtimeHubException">Unknown method, wrong arguments, or a refused subscription (message for the client).</exception>
    public void Invoke(RealtimeConnection connection, string method, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(arguments);
        var descriptor = HubProtocol.FindMethod(connection.Hub, method)
            ?? throw new RealtimeHubException($"Unknown hub method '{method}'");
        if (arguments.Count != descriptor.ParameterTypes.Count)
            throw new RealtimeHubException($"'{descriptor.Name}' takes {descriptor.ParameterTypes.Count} argument(s), got {arguments.Count}.");
        if (connection.IsAborted) return;
        var stream = HubProtocol.StreamOf(descriptor);
        var on = descriptor.IsSubscribe;
        switch (stream.Argument)
        {
            case HubArgument.None:
                SetAccounts(connection, on);
                break;
            case HubArgument.AccountId:
                var accounts = AccountSet(connection, stream);
                if (on) Subscribe(connection, accounts, AccountId(arguments[0]));
                else Unsubscribe(accounts, AccountId(arguments[0]));
                break;
            default:
                var market = MarketStreamOf(stream);
                if (on) SubscribeMarket(connection, market, ContractId(arguments[0]));
                else UnsubscribeMarket(connection, market, ContractId(arguments[0]));
                break;
        }
    }

    private static HashSet<int> AccountSet(RealtimeConnection connection, HubStream stream) =>
        stream == HubProtocol.Orders ? connection.OrderAccounts
        : stream == HubProtocol.Positions ? connection.PositionAccounts
        : connection.TradeAccounts;

    private static MarketStream MarketStreamOf(HubStream stream) =>
        stream == HubProtocol.Quotes ? MarketStream.Quotes
        : stream == HubProtocol.MarketTrades ? MarketStream.Trades
        : MarketStream.Depth;

    // ---- Fault hooks for tests ----

    /// <summary>Aborts every connection (of one hub, or both) server-side, like a dropped socket. Returns how many.</summary>
    public int KillConnections(HubKind? hub = null)
    {
        RealtimeConnection[] victims;
        lock (_gate) victims = [.. _connections.Where(c => hub is null || c.Hub == hub)];
        foreach (var connection in victims)
            connection.Abort();
        return victims.Length;
    }

    /// <summary>Revokes every session of a user: REST rejects their tokens, hubs send GatewayLogout and close.</summary>
    public int RevokeSessions(string userName) => _gateway.RevokeSessions(userName);

    internal void CountMarketMessage() => Interlocked.Increment(ref _marketMessages);

    /// <summary>Removes a connection from every subscription; called once when it aborts or closes.</summary>
    internal void Detach(RealtimeConnection connection)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connection)) return;
            DetachMarket(connection);
        }
    }

    private void OnSessionRevoked(string userName, string? tokenId)
    {
        RealtimeConnection[] revoked;
        lock (_gate)
        {
            revoked = [.. _connections.Where(c => string.Equals(c.UserName, userName, StringComparison.OrdinalIgnoreCase)
                && (tokenId is null || c.TokenId == tokenId))];
            foreach (var connection in revoked)
            {
                // The payload is undocumented: the event is sent with no arguments.
                connection.Enqueue(HubProtocol.LogoutEvent, []);
                connection.CloseAfterQueued();
            }
        }
    }

    private static int AccountId(object? argument) => argument switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        _ => throw new RealtimeHubException("accountId must be an integer."),
    };

    private static string ContractId(object? argument) => argument switch
    {
        string s when !string.IsNullOrWhiteSpace(s) => s,
        JsonElement { ValueKind: JsonValueKind.String } e when !string.IsNullOrWhiteSpace(e.GetString()) => e.GetString()!,
        _ => throw new RealtimeHubException("contractId must be a non-empty string."),
    };

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        var exchange = _gateway.Exchange;
        exchange.OrderChanged -= OnOrderChanged;
        exchange.PositionChanged -= OnPositionChanged;
        exchange.TradeCreated -= OnTradeCreated;
        exchange.AccountChanged -= OnAccountChanged;
        _gateway.SessionRevoked -= OnSessionRevoked;
        StopTimers();
        KillConnections();
    }
}
