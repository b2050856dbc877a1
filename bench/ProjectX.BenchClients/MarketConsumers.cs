using System.Buffers;
using System.Net.WebSockets;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectX.BenchShared;
using ProjectX.Client;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;
using ProjectX.Client.State;

namespace ProjectX.BenchClients;

/// <summary>Something that consumes the market hub's quotes, prints and depth and counts what it has consumed.</summary>
public interface IMarketConsumer : IAsyncDisposable
{
    /// <summary>Market messages consumed so far.</summary>
    long Messages { get; }

    /// <summary>Messages lost on the way (a queue that overflowed).</summary>
    long Dropped { get; }

    /// <summary>Where latency is taken (for the report).</summary>
    string LatencyPoint { get; }
}

public static class MarketConsumers
{
    /// <summary>
    /// suite: a TradingSuite (the live engine: order book, 6 bar timeframes, quotes, user hub); bare: a plain
    /// SignalR HubConnection with default options, handlers that count; floor: a ClientWebSocket and System.Text.Json
    /// on the same data classes, no SignalR.
    /// </summary>
    public static async Task<IMarketConsumer> StartAsync(string kind, FeedEndpoints endpoints, LatencyRecorder? latency, CancellationToken ct) => kind switch
    {
        "suite" => await SuiteConsumer.StartAsync(endpoints, latency, ct),
        "bare" => await BareHubConsumer.StartAsync(endpoints, latency, ct),
        "floor" => await FloorConsumer.StartAsync(endpoints, latency, ct),
        _ => throw new ArgumentException($"Unknown consumer '{kind}': use suite, bare or floor.", nameof(kind)),
    };
}

/// <summary>The SDK's live engine, as a trader would use it.</summary>
internal sealed class SuiteConsumer : IMarketConsumer
{
    private static readonly Timeframe[] SixTimeframes =
        [Timeframe.OneSecond, new(AggregateBarUnit.Second, 5), Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour];

    private readonly TradingSuite _suite;
    private readonly long _before;

    private SuiteConsumer(TradingSuite suite, string latencyPoint)
    {
        _suite = suite;
        _before = suite.AppliedEventCount;
        LatencyPoint = latencyPoint;
    }

    public long Messages => _suite.AppliedEventCount - _before;
    public long Dropped => _suite.DroppedEventCount;
    public string LatencyPoint { get; }

    public static async Task<IMarketConsumer> StartAsync(FeedEndpoints e, LatencyRecorder? latency, CancellationToken ct)
    {
        var options = new ProjectXClientOptions
        {
            ApiBaseUrl = e.Api,
            UserHubUrl = e.UserHub,
            MarketHubUrl = e.MarketHub,
            UserName = HubText.DemoUser,
            ApiKey = HubText.DemoKey,
        };
        var suite = await TradingSuite.CreateAsync(options, [e.Symbol], SixTimeframes, new TradingSuiteOptions { HistoryBars = 0 }, ct);
        if (latency is null)
            return new SuiteConsumer(suite, "none");
        var book = suite.OrderBooks[e.Symbol];
        // The book's own exchange timestamp where the client has one: measured on the engine's task, after the state
        // includes the row. Older builds lack it; there the realtime layer's handler sees each event at the moment
        // the engine's queue receives it (a lower bound of the engine's latency).
        if (typeof(OrderBook).GetProperty("LastRowTimestamp", BindingFlags.Public | BindingFlags.Instance)?.GetMethod is { } getter
            && getter.ReturnType == typeof(DateTimeOffset))
        {
            var read = getter.CreateDelegate<Func<OrderBook, DateTimeOffset>>();
            book.Changed += (_, _) => latency.Record(read(book));
            return new SuiteConsumer(suite, "engine (OrderBook.Changed)");
        }
        suite.Realtime.DepthReceived += (_, d) =>
        {
            if (d.Rows.Count > 0)
                latency.Record(d.Rows[0].Timestamp);
        };
        return new SuiteConsumer(suite, "realtime handler (DepthReceived)");
    }

    public ValueTask DisposeAsync() => _suite.DisposeAsync();
}

/// <summary>A plain SignalR HubConnection (default JSON protocol options) whose handlers count the messages.</summary>
internal sealed class BareHubConsumer : IMarketConsumer
{
    private readonly HubConnection _connection;
    private long _messages;

    private BareHubConsumer(HubConnection connection) => _connection = connection;

    public long Messages => Interlocked.Read(ref _messages);
    public long Dropped => 0;
    public string LatencyPoint => "HubConnection handler";

    public static async Task<IMarketConsumer> StartAsync(FeedEndpoints e, LatencyRecorder? latency, CancellationToken ct)
    {
        var token = await HubText.LogInAsync(e.Api, ct);
        var connection = new HubConnectionBuilder()
            .WithUrl(HubText.WithToken(e.MarketHub, token), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        var consumer = new BareHubConsumer(connection);
        connection.On<string, GatewayQuoteModel>(HubProtocol.Quotes.Event, (_, _) => Interlocked.Increment(ref consumer._messages));
        connection.On<string, GatewayTradeModel[]>(HubProtocol.MarketTrades.Event, (_, _) => Interlocked.Increment(ref consumer._messages));
        connection.On<string, GatewayDepthModel[]>(HubProtocol.Depth.Event, (_, rows) =>
        {
            if (latency is not null && rows.Length > 0)
                latency.Record(rows[0].Timestamp);
            Interlocked.Increment(ref consumer._messages);
        });
        await connection.StartAsync(ct);
        foreach (var stream in HubText.MarketStreams)
            await connection.InvokeAsync(stream.Subscribe.Name, e.ContractId, ct);
        return consumer;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>
/// The floor: the same WebSocket and the same data classes (System.Text.Json's source-generated GatewayJsonContext),
/// without SignalR. One receive loop splits frames at the record separator and deserializes the arguments.
/// </summary>
internal sealed class FloorConsumer : IMarketConsumer
{
    private static readonly byte[] Target = "target"u8.ToArray();
    private static readonly byte[] Arguments = "arguments"u8.ToArray();
    private static readonly byte[] Type = "type"u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly LatencyRecorder? _latency;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _messages;

    private FloorConsumer(ClientWebSocket socket, LatencyRecorder? latency)
    {
        _socket = socket;
        _latency = latency;
    }

    public long Messages => Interlocked.Read(ref _messages);
    public long Dropped => 0;
    public string LatencyPoint => "WebSocket receive loop";

    public static async Task<IMarketConsumer> StartAsync(FeedEndpoints e, LatencyRecorder? latency, CancellationToken ct)
    {
        var token = await HubText.LogInAsync(e.Api, ct);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(HubText.WithToken(e.MarketHub, token, webSocket: true), ct);
        var consumer = new FloorConsumer(socket, latency);
        await consumer.SendAsync(HubText.Handshake, ct);
        var id = 0;
        foreach (var stream in HubText.MarketStreams)
            await consumer.SendAsync(HubText.Invocation(id++, stream.Subscribe.Name, e.ContractId), ct);
        consumer._loop = Task.Run(consumer.ReceiveLoopAsync, CancellationToken.None);
        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private Task SendAsync(byte[] frame, CancellationToken ct) => _socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close)
                    return;
                filled += read.Count;
                var consumed = HubText.Split(buffer.AsSpan(0, filled), OnMessage);
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnMessage(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return;
        string? target = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Type))
            {
                reader.Read();
                if (reader.GetInt32() != 1)
                    return; // handshake response, completion, ping
            }
            else if (reader.ValueTextEquals(Target))
            {
                reader.Read();
                target = reader.GetString();
            }
            else if (reader.ValueTextEquals(Arguments))
            {
                reader.Read(); // [
                reader.Read();
                _ = reader.GetString(); // the contract id
                reader.Read();
                if (target == HubProtocol.Depth.Event)
                {
                    var rows = JsonSerializer.Deserialize(ref reader, GatewayJsonContext.Default.GatewayDepthModelArray);
                    if (_latency is not null && rows is { Length: > 0 })
                        _latency.Record(rows[0].Timestamp);
                }
                else if (target == HubProtocol.MarketTrades.Event)
                    _ = JsonSerializer.Deserialize(ref reader, GatewayJsonContext.Default.GatewayTradeModelArray);
                else if (target == HubProtocol.Quotes.Event)
                    _ = JsonSerializer.Deserialize(ref reader, GatewayJsonContext.Default.GatewayQuoteModel);
                else
                    return;
                Interlocked.Increment(ref _messages);
                return;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
