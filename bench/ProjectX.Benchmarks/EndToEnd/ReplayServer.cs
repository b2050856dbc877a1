using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProjectX.BenchShared;
using ProjectX.Client.Gateway;

namespace ProjectX.Benchmarks.EndToEnd;

/// <summary>
/// Records the simulator's market-hub stream: a raw WebSocket that subscribes a contract's quotes, prints and depth and
/// keeps every market invocation frame, byte for byte, as the server sent it.
/// </summary>
internal static class StreamRecorder
{
    public static async Task<IReadOnlyList<byte[]>> RecordAsync(Uri api, string contractId, int count)
    {
        var token = await HubText.LogInAsync(api, CancellationToken.None);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await socket.ConnectAsync(HubText.WithToken(new Uri(api, "/hubs/market"), token, webSocket: true), timeout.Token);
        await socket.SendAsync(HubText.Handshake, WebSocketMessageType.Text, true, timeout.Token);
        var id = 0;
        foreach (var stream in HubText.MarketStreams)
            await socket.SendAsync(HubText.Invocation(id++, stream.Subscribe.Name, contractId), WebSocketMessageType.Text, true, timeout.Token);

        var frames = new List<byte[]>(count);
        var buffer = new byte[1 << 20];
        var filled = 0;
        while (frames.Count < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), timeout.Token);
            if (read.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("The simulator closed the market hub while recording.");
            filled += read.Count;
            var consumed = HubText.Split(buffer.AsSpan(0, filled), message =>
            {
                if (frames.Count < count && IsMarketInvocation(message))
                    frames.Add([.. message, HubText.RecordSeparator]);
            });
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        return frames;
    }

    private static bool IsMarketInvocation(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                var target = reader.GetString();
                return target == HubProtocol.Quotes.Event || target == HubProtocol.MarketTrades.Event || target == HubProtocol.Depth.Event;
            }
            reader.Read();
            reader.Skip();
        }
        return false;
    }
}

/// <summary>
/// Serves a recorded market stream over a real WebSocket, speaking just enough of the SignalR JSON protocol (handshake,
/// completions for the subscriptions): once a client subscribes depth it sends the recording in a loop, as fast as the
/// client reads (TCP flow control paces it), in WebSocket messages of about 16 KB like a busy hub coalesces them. The
/// server costs little, so the client is what saturates.
/// </summary>
internal sealed class ReplayServer : IAsyncDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private readonly WebApplication _app;

    private ReplayServer(WebApplication app, Uri marketHub)
    {
        _app = app;
        MarketHubUrl = marketHub;
    }

    public Uri MarketHubUrl { get; }

    public static async Task<ReplayServer> StartAsync(IReadOnlyList<byte[]> frames)
    {
        var chunks = Chunk(frames);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/hubs/market", (HttpContext http) => ServeAsync(http, chunks));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReplayServer(app, new Uri(new Uri(address), "/hubs/market"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static List<byte[]> Chunk(IReadOnlyList<byte[]> frames)
    {
        var chunks = new List<byte[]>();
        var current = new List<byte>(ChunkBytes + 1024);
        foreach (var frame in frames)
        {
            current.AddRange(frame);
            if (current.Count >= ChunkBytes)
            {
                chunks.Add([.. current]);
                current.Clear();
            }
        }
        if (current.Count > 0)
            chunks.Add([.. current]);
        return chunks;
    }

    private static async Task ServeAsync(HttpContext http, List<byte[]> chunks)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var sending = new SemaphoreSlim(1, 1);
        var blast = Task.CompletedTask;
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), stop.Token);
                if (read.MessageType == WebSocketMessageType.Close)
                    break;
                filled += read.Count;
                var replies = new List<(byte[] Frame, bool StartBlast)>();
                var consumed = HubText.Split(buffer.AsSpan(0, filled), message => replies.AddRange(Reply(message)));
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                foreach (var (frame, startBlast) in replies)
                {
                    await SendAsync(socket, sending, frame, stop.Token);
                    if (startBlast && blast.IsCompleted)
                        blast = Task.Run(() => BlastAsync(socket, sending, chunks, stop.Token));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await blast;
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>The handshake gets <c>{}</c>; an invocation gets a void completion, and depth starts the stream.</summary>
    private static IEnumerable<(byte[] Frame, bool StartBlast)> Reply(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        reader.Read();
        string? id = null, target = null;
        var handshake = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("protocol"u8))
                handshake = true;
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                id = reader.GetString();
                continue;
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = reader.GetString();
                continue;
            }
            reader.Read();
            reader.Skip();
        }
        if (handshake)
            return [(HubText.Frame("{}"), false)];
        if (id is null)
            return []; // a ping, or an invocation without a reply
        return [(HubText.Frame($"{{\"type\":3,\"invocationId\":\"{id}\",\"result\":null}}"), target == HubProtocol.Depth.Subscribe.Name)];
    }

    private static async Task BlastAsync(WebSocket socket, SemaphoreSlim sending, List<byte[]> chunks, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (var chunk in chunks)
                await SendAsync(socket, sending, chunk, ct);
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sending, byte[] frame, CancellationToken ct)
    {
        await sending.WaitAsync(ct);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            sending.Release();
        }
    }
}
