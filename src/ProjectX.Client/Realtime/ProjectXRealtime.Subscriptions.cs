using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

// Subscribe*/Unsubscribe* with the exact hub method names (spec §8.2). Every subscription is recorded and replayed
// after each reconnect. Subscribing to user data also takes a REST snapshot, published as Resync events, which
// is the baseline later re-syncs diff against.
public sealed partial class ProjectXRealtime
{
    /// <summary>SubscribeAccounts (no argument). Publishes the current accounts as Resync events.</summary>
    public Task SubscribeAccountsAsync(CancellationToken cancellationToken = default) =>
        SubscribeAsync(Accounts(), cancellationToken);

    /// <summary>UnsubscribeAccounts (no argument).</summary>
    public Task UnsubscribeAccountsAsync(CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(Accounts(), cancellationToken);

    /// <summary>SubscribeOrders(accountId). Publishes the account's working orders (Open and Suspended) as Resync events.</summary>
    public Task SubscribeOrdersAsync(int accountId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerAccount(HubProtocol.Orders, accountId), cancellationToken);

    public Task UnsubscribeOrdersAsync(int accountId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerAccount(HubProtocol.Orders, accountId), cancellationToken);

    /// <summary>SubscribePositions(accountId). Publishes the account's open positions as Resync events.</summary>
    public Task SubscribePositionsAsync(int accountId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerAccount(HubProtocol.Positions, accountId), cancellationToken);

    public Task UnsubscribePositionsAsync(int accountId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerAccount(HubProtocol.Positions, accountId), cancellationToken);

    /// <summary>SubscribeTrades(accountId). Earlier fills are not published; fills missed during a gap are.</summary>
    public Task SubscribeTradesAsync(int accountId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerAccount(HubProtocol.Trades, accountId), cancellationToken);

    public Task UnsubscribeTradesAsync(int accountId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerAccount(HubProtocol.Trades, accountId), cancellationToken);

    /// <summary>Accounts, orders, positions and trades of one account.</summary>
    public async Task SubscribeUserAsync(int accountId, CancellationToken cancellationToken = default)
    {
        await SubscribeAccountsAsync(cancellationToken).ConfigureAwait(false);
        await SubscribeOrdersAsync(accountId, cancellationToken).ConfigureAwait(false);
        await SubscribePositionsAsync(accountId, cancellationToken).ConfigureAwait(false);
        await SubscribeTradesAsync(accountId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SubscribeContractQuotes(contractId).</summary>
    public Task SubscribeQuotesAsync(string contractId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerContract(HubProtocol.Quotes, contractId), cancellationToken);

    public Task UnsubscribeQuotesAsync(string contractId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerContract(HubProtocol.Quotes, contractId), cancellationToken);

    /// <summary>SubscribeContractTrades(contractId).</summary>
    public Task SubscribeMarketTradesAsync(string contractId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerContract(HubProtocol.MarketTrades, contractId), cancellationToken);

    public Task UnsubscribeMarketTradesAsync(string contractId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerContract(HubProtocol.MarketTrades, contractId), cancellationToken);

    /// <summary>SubscribeContractMarketDepth(contractId).</summary>
    public Task SubscribeDepthAsync(string contractId, CancellationToken cancellationToken = default) =>
        SubscribeAsync(PerContract(HubProtocol.Depth, contractId), cancellationToken);

    public Task UnsubscribeDepthAsync(string contractId, CancellationToken cancellationToken = default) =>
        UnsubscribeAsync(PerContract(HubProtocol.Depth, contractId), cancellationToken);

    /// <summary>Quotes, market trades and depth of one contract.</summary>
    public async Task SubscribeMarketAsync(string contractId, CancellationToken cancellationToken = default)
    {
        await SubscribeQuotesAsync(contractId, cancellationToken).ConfigureAwait(false);
        await SubscribeMarketTradesAsync(contractId, cancellationToken).ConfigureAwait(false);
        await SubscribeDepthAsync(contractId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subscriptions that are replayed after a reconnect, as "Method(argument)".</summary>
    public IReadOnlyList<string> ActiveSubscriptions =>
        [.. _userSubscriptions.Snapshot().Concat(_marketSubscriptions.Snapshot())
            .Select(s => s.Argument is null ? s.Stream.Subscribe.Name : string.Create(CultureInfo.InvariantCulture, $"{s.Stream.Subscribe.Name}({s.Argument})"))];

    private static Subscription Accounts() => new(HubProtocol.Accounts, null);

    private static Subscription PerAccount(HubStream stream, int accountId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(accountId);
        return new(stream, accountId);
    }

    private static Subscription PerContract(HubStream stream, string contractId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        return new(stream, contractId);
    }

    /// <summary>
    /// Records, then invokes when connected. A server refusal (HubException) un-records and is thrown; a dropped
    /// connection is not an error, because the subscription is replayed when the hub is back.
    /// </summary>
    private async Task SubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var session = Session(subscription.Hub)
            ?? throw new InvalidOperationException($"The {subscription.Hub} hub is disabled (RealtimeOptions.Use{subscription.Hub}Hub).");
        var set = Subscriptions(subscription.Hub);
        await set.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            set.Add(subscription);
            if (subscription.Hub == HubKind.Market)
                MarkMarketAlive(); // a new subscription gets a full watchdog period to deliver its first message
            await InvokeIfConnectedAsync(session, subscription.Stream.Subscribe.Name, subscription.Arguments, cancellationToken, onRefused: () => set.Remove(subscription)).ConfigureAwait(false);
        }
        finally
        {
            set.Lock.Release();
        }
        if (subscription.Hub == HubKind.User)
            await BaselineAsync(subscription, cancellationToken).ConfigureAwait(false);
    }

    private async Task UnsubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Session(subscription.Hub) is not { } session)
            return;
        var set = Subscriptions(subscription.Hub);
        await set.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (set.Remove(subscription))
                await InvokeIfConnectedAsync(session, subscription.Stream.Unsubscribe.Name, subscription.Arguments, cancellationToken, onRefused: null).ConfigureAwait(false);
        }
        finally
        {
            set.Lock.Release();
        }
    }

    private static async Task InvokeIfConnectedAsync(HubSession session, string method, object?[] arguments, CancellationToken cancellationToken, Action? onRefused)
    {
        if (!session.IsConnected)
            return;
        try
        {
            await session.Connection.InvokeCoreAsync(method, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (HubException)
        {
            onRefused?.Invoke();
            throw;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The connection dropped under the call: the replay after the reconnect will do it.
        }
    }
}
