using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>
/// The market hub's protocol: every market event is delivered by the protocol, in the order of the frames, whether the
/// hot path reads it or SignalR's own parser binds it; everything else still reaches HubConnection. Frames are written
/// by SignalR's own JsonHubProtocol (what an ASP.NET Core hub sends) or by hand for the shapes it never writes.
/// </summary>
public sealed class MarketProtocolTests
{
    private const string Contract = "CON.F.US.MNQ.Z26";

    [Fact]
    public void The_servers_frames_take_the_hot_path_in_order_and_other_messages_still_reach_the_connection()
    {
        var (protocol, frames, sink, _) = Create();
        var input = Bytes(
            Server(HubProtocol.Depth.Event, Contract, new[] { Row(21000.25m, 5) }),
            Server(HubProtocol.Quotes.Event, Contract, new GatewayQuoteModel { BestBid = 21000m }),
            Server(HubProtocol.MarketTrades.Event, Contract, new[] { new GatewayTradeModel { Price = 21000.5m, Volume = 2, Timestamp = DateTimeOffset.UnixEpoch } }),
            "{\"type\":3,\"invocationId\":\"7\",\"result\":null}\u001e",
            Server(HubProtocol.Depth.Event, Contract, new[] { Row(21001m, 0) }));

        Assert.True(protocol.TryParseMessage(ref input, new Binder(), out var first));
        Assert.Equal("7", Assert.IsType<CompletionMessage>(first).InvocationId);
        Assert.Equal(["depth 21000.25x5", "quote bid 21000", "trade 21000.5x2"], sink.Seen);

        Assert.True(protocol.TryParseMessage(ref input, new Binder(), out var second));
        Assert.Same(PingMessage.Instance, second); // the delivered frames restart HubConnection's server timeout
        Assert.Equal("depth 21001x0", sink.Seen[^1]);
        Assert.True(input.IsEmpty);
        Assert.False(protocol.TryParseMessage(ref input, new Binder(), out _));
        Assert.Equal(4, frames.DeliveredCount);
    }

    [Fact]
    public void A_shape_the_hot_path_declines_is_bound_by_SignalR_and_delivered_in_its_place()
    {
        var (protocol, frames, sink, malformed) = Create();
        var input = Bytes(
            Server(HubProtocol.Depth.Event, Contract, new[] { Row(1m, 1) }),
            // Arguments before the target, and headers: valid SignalR, never written by the server.
            $"{{\"arguments\":[\"{Contract}\",[{{\"timestamp\":\"2026-12-04T17:18:52Z\",\"type\":2,\"price\":2,\"volume\":2,\"currentVolume\":2}}]],\"headers\":{{\"a\":\"b\"}},\"type\":1,\"target\":\"GatewayDepth\"}}\u001e",
            Server(HubProtocol.Depth.Event, Contract, new[] { Row(3m, 3) }));

        Assert.True(protocol.TryParseMessage(ref input, new Binder(), out var message));
        Assert.Same(PingMessage.Instance, message);
        Assert.Equal(["depth 1x1", "depth 2x2", "depth 3x3"], sink.Seen);
        Assert.Equal(2, frames.DeliveredCount);
        Assert.Empty(malformed);
    }

    [Fact]
    public void A_malformed_market_event_is_reported_and_skipped_and_the_frames_after_it_arrive()
    {
        var (protocol, _, sink, malformed) = Create();
        var input = Bytes(
            $"{{\"type\":1,\"target\":\"GatewayDepth\",\"arguments\":[\"{Contract}\",{{\"not\":\"rows\"}}]}}\u001e",
            $"{{\"type\":1,\"target\":\"GatewayQuote\",\"arguments\":[\"{Contract}\"]}}\u001e",
            Server(HubProtocol.Depth.Event, Contract, new[] { Row(4m, 4) }));

        Assert.True(protocol.TryParseMessage(ref input, new Binder(), out _));
        Assert.Equal(["depth 4x4"], sink.Seen);
        Assert.Equal([HubProtocol.Depth.Event, HubProtocol.Quotes.Event], malformed);
    }

    [Fact]
    public void An_incomplete_frame_waits_for_more_and_a_logout_is_still_a_logout()
    {
        var (protocol, _, sink, _) = Create();
        var partial = Server(HubProtocol.Depth.Event, Contract, new[] { Row(5m, 5) });
        var input = Bytes(partial[..^10]);
        Assert.False(protocol.TryParseMessage(ref input, new Binder(), out _));
        Assert.Equal(partial.Length - 10, input.Length);
        Assert.Empty(sink.Seen);

        var logout = Bytes("{\"type\":1,\"target\":\"GatewayLogout\",\"arguments\":[{\"reason\":1}]}\u001e");
        Assert.True(protocol.TryParseMessage(ref logout, new Binder(), out var message));
        Assert.Equal(HubProtocol.LogoutEvent, Assert.IsType<InvocationMessage>(message).Target);
    }

    private static (TolerantHubProtocol Protocol, MarketFrameReader Frames, RecordingSink Sink, List<string> Malformed) Create()
    {
        var sink = new RecordingSink();
        var malformed = new List<string>();
        var frames = new MarketFrameReader(sink);
        sink.OnMalformedEvent = malformed.Add;
        return (new TolerantHubProtocol((target, _) => malformed.Add(target), frames), frames, sink, malformed);
    }

    private static GatewayDepthModel Row(decimal price, long volume) =>
        new() { Timestamp = new DateTimeOffset(2026, 12, 4, 17, 18, 52, TimeSpan.Zero), Type = DomType.Bid, Price = price, Volume = volume, CurrentVolume = volume };

    /// <summary>An invocation as an ASP.NET Core hub writes it (SignalR's JsonHubProtocol, camelCase payload).</summary>
    private static string Server(string target, string contractId, object data) =>
        Encoding.UTF8.GetString(new JsonHubProtocol().GetMessageBytes(new InvocationMessage(target, [contractId, data])).Span);

    private static ReadOnlySequence<byte> Bytes(params string[] frames) => new(Encoding.UTF8.GetBytes(string.Concat(frames)));

    private sealed class RecordingSink : IMarketEventSink
    {
        public List<string> Seen { get; } = [];
        public Action<string>? OnMalformedEvent { get; set; }

        public void OnQuote(string contractId, GatewayQuoteModel quote) => Seen.Add($"quote bid {quote.BestBid}");
        public void OnMarketTrades(string contractId, GatewayTradeModel[] trades) => Seen.AddRange(trades.Select(t => $"trade {t.Price}x{t.Volume}"));
        public void OnDepth(string contractId, GatewayDepthModel[] rows) => Seen.AddRange(rows.Select(r => $"depth {r.Price}x{r.Volume}"));
        public void OnMalformed(HubStream stream) => OnMalformedEvent?.Invoke(stream.Event);
    }

    /// <summary>HubConnection's binder when no handler is registered for a target (as for the market events).</summary>
    private sealed class Binder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName == HubProtocol.LogoutEvent ? [] : Type.EmptyTypes;
        public Type GetReturnType(string invocationId) => typeof(object);
        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
