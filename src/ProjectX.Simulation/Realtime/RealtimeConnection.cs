using System.Threading.Channels;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Realtime;

/// <summary>
/// One client connection to a hub: who it is, what it subscribed to, and its outbound queue. Messages are queued
/// without blocking the feed (or the engine) and written by one pump in order; a client that falls more than
/// <see cref="SimulatorRealtimeOptions.MaxQueuedMessagesPerConnection"/> behind is aborted as a slow consumer.
/// </summary>
public sealed class RealtimeConnection
{
    private readonly RealtimeServer _server;
    private readonly IRealtimeSink _sink;
    private readonly Channel<Outbound> _queue;
    private readonly CancellationTokenSource _stop = new();
    private int _aborted;

    internal RealtimeConnection(RealtimeServer server, HubKind hub, string userName, string tokenId, IRealtimeSink sink, int capacity)
    {
        _server = server;
        Hub = hub;
        UserName = userName;
        TokenId = tokenId;
        _sink = sink;
        _queue = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(Math.Max(16, capacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Completion = Task.Run(PumpAsync);
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");
    public HubKind Hub { get; }
    public string UserName { get; }
    /// <summary>Completes when the pump stops (connection closed or aborted).</summary>
    public Task Completion { get; }
    public bool IsAborted => Volatile.Read(ref _aborted) != 0;

    internal string TokenId { get; }

    // Subscriptions, guarded by the server's lock.
    internal bool AccountsSubscribed { get; set; }
    internal HashSet<int> OrderAccounts { get; } = [];
    internal HashSet<int> PositionAccounts { get; } = [];
    internal HashSet<int> TradeAccounts { get; } = [];
    internal HashSet<string> QuoteContracts { get; } = new(StringComparer.Ordinal);
    internal HashSet<string> TradeContracts { get; } = new(StringComparer.Ordinal);
    internal HashSet<string> DepthContracts { get; } = new(StringComparer.Ordinal);
    /// <summary>The last quote values this client holds per contract, so updates can be sparse.</summary>
    internal Dictionary<string, GatewayQuoteModel> LastQuotes { get; } = new(StringComparer.Ordinal);

    /// <summary>Queues an event; a full queue marks a slow consumer, which is aborted.</summary>
    internal void Enqueue(string target, object?[] arguments)
    {
        if (_queue.Writer.TryWrite(new Outbound(target, arguments))) return;
        AbortLater();
    }

    /// <summary>Sends what is queued, then closes the connection without allowing a reconnect (GatewayLogout).</summary>
    internal void CloseAfterQueued()
    {
        if (!_queue.Writer.TryWrite(new Outbound(null, []))) AbortLater();
        _queue.Writer.TryComplete();
    }

    // Callers hold the server lock while iterating connections; aborting detaches, so do it off that stack.
    private void AbortLater()
    {
        if (!IsAborted) _ = Task.Run(Abort);
    }

    /// <summary>Cuts the connection now, like a dropped socket; the client may reconnect.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0) return;
        _queue.Writer.TryComplete();
        _stop.Cancel();
        _server.Detach(this);
        _sink.Abort();
    }

    /// <summary>The transport saw the client go away: stop the pump and forget the subscriptions.</summary>
    internal void Closed()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0) return;
        _queue.Writer.TryComplete();
        _stop.Cancel();
        _server.Detach(this);
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        var ct = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                // Batches keep flushes rare under load while latency stays low when quiet.
                for (var batch = 0; batch < 256 && reader.TryRead(out var message); batch++)
                {
                    if (message.Target is null)
                    {
                        await _sink.FlushAsync(ct).ConfigureAwait(false);
                        await _sink.CloseAsync(ct).ConfigureAwait(false);
                        Closed();
                        return;
                    }
                    await _sink.SendAsync(message.Target, message.Arguments, ct).ConfigureAwait(false);
                    if (Hub == HubKind.Market) _server.CountMarketMessage();
                }
                await _sink.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped (aborted or closed), or the transport gave up before its handshake.
            Abort();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
            // The transport is gone; the client will reconnect.
            Abort();
        }
    }

    public override string ToString() => $"{Hub} hub connection {Id} ({UserName})";

    private readonly record struct Outbound(string? Target, object?[] Arguments);
}
