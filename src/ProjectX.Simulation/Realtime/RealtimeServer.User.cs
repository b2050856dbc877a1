using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Realtime;

// The user hub: per-account subscriptions and every engine change pushed to the subscribers of its account.
public sealed partial class RealtimeServer
{
    /// <summary>Wrapped-payload action values (undocumented live; chosen here): added, updated, removed.</summary>
    public const int ActionAdded = 0, ActionUpdated = 1, ActionRemoved = 2;

    private void SetAccounts(RealtimeConnection connection, bool subscribed)
    {
        lock (_gate) connection.AccountsSubscribed = subscribed;
    }

    /// <summary>A user may only subscribe to their own accounts; anything else is refused with a hub error.</summary>
    private void Subscribe(RealtimeConnection connection, HashSet<int> accounts, int accountId)
    {
        var owner = _gateway.Exchange.GetAccountOwner(accountId);
        if (!string.Equals(owner, connection.UserName, StringComparison.OrdinalIgnoreCase))
            throw new RealtimeHubException($"Account {accountId} was not found.");
        lock (_gate) accounts.Add(accountId);
    }

    private void Unsubscribe(HashSet<int> accounts, int accountId)
    {
        lock (_gate) accounts.Remove(accountId);
    }

    private void OnOrderChanged(object? sender, ExchangeChangedEventArgs<OrderModel> e)
    {
        lock (_gate) PublishUser(e.UserName, HubProtocol.Orders.Event, c => c.OrderAccounts.Contains(e.Model.AccountId), e.Model, Action(e.Kind));
    }

    private void OnPositionChanged(object? sender, ExchangeChangedEventArgs<PositionModel> e)
    {
        lock (_gate) PublishUser(e.UserName, HubProtocol.Positions.Event, c => c.PositionAccounts.Contains(e.Model.AccountId), e.Model, Action(e.Kind));
    }

    /// <summary>The engine says what a change is, so the hubs keep no list of what they have seen.</summary>
    private static int Action(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => ActionAdded,
        ChangeKind.Removed => ActionRemoved,
        _ => ActionUpdated,
    };

    private void OnTradeCreated(object? sender, ExchangeChangedEventArgs<HalfTradeModel> e)
    {
        lock (_gate) PublishUser(e.UserName, HubProtocol.Trades.Event, c => c.TradeAccounts.Contains(e.Model.AccountId), e.Model, ActionAdded);
    }

    private void OnAccountChanged(object? sender, ExchangeChangedEventArgs<TradingAccountModel> e)
    {
        lock (_gate) PublishUser(e.UserName, HubProtocol.Accounts.Event, c => c.AccountsSubscribed, e.Model, ActionUpdated);
    }

    /// <summary>Queues the event (bare or wrapped, per options) for the user's subscribed user-hub connections. Under the lock.</summary>
    private void PublishUser<T>(string userName, string target, Func<RealtimeConnection, bool> subscribed, T model, int action)
        where T : class
    {
        object? payload = null;
        foreach (var connection in _connections)
        {
            if (connection.Hub != Client.Realtime.HubKind.User
                || !string.Equals(connection.UserName, userName, StringComparison.OrdinalIgnoreCase)
                || !subscribed(connection))
                continue;
            payload ??= _options.UserPayloadShape == UserPayloadShape.Wrapped
                ? new GatewayUserEnvelope<T> { Action = action, Data = model }
                : model;
            connection.Enqueue(target, [payload]);
        }
    }
}
