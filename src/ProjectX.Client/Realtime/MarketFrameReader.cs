using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Realtime;

/// <summary>Where the market hub's events go once read (the hub callbacks, <see cref="HubEventReader"/>).</summary>
internal interface IMarketEventSink
{
    void OnQuote(string contractId, GatewayQuoteModel quote);
    void OnMarketTrades(string contractId, GatewayTradeModel[] trades);
    void OnDepth(string contractId, GatewayDepthModel[] rows);

    /// <summary>A market event arrived but its arguments are not what the spec says (reported, then skipped).</summary>
    void OnMalformed(HubStream stream);
}

/// <summary>
/// The market hub's events, delivered in order by the protocol itself (<see cref="TolerantHubProtocol"/>), never by
/// SignalR's dispatch queue. The hot path reads a <c>GatewayQuote</c>, <c>GatewayTrade</c> or <c>GatewayDepth</c>
/// invocation straight from its frame into the models (<see cref="HotModels"/>), without SignalR's generic argument
/// binding or its <c>InvocationMessage</c>. It takes only the shape the server writes,
/// <c>{"type":1,"target":…,"arguments":[contractId, data]}</c>; any other frame, and any frame it cannot read, is
/// declined untouched, SignalR's parser binds it with the same parameter types (<see cref="Binder"/>), and the bound
/// message is delivered here too (<see cref="TryDeliver(HubMessage)"/>), or reported as malformed exactly as before.
/// Used by one receive loop at a time.
/// </summary>
internal sealed class MarketFrameReader(IMarketEventSink sink)
{
    private static readonly byte[] DepthTarget = Encoding.UTF8.GetBytes(HubProtocol.Depth.Event);
    private static readonly byte[] TradeTarget = Encoding.UTF8.GetBytes(HubProtocol.MarketTrades.Event);
    private static readonly byte[] QuoteTarget = Encoding.UTF8.GetBytes(HubProtocol.Quotes.Event);
    private static readonly Type[] QuoteArguments = [typeof(string), typeof(GatewayQuoteModel)];
    private static readonly Type[] TradeArguments = [typeof(string), typeof(GatewayTradeModel[])];
    private static readonly Type[] DepthArguments = [typeof(string), typeof(GatewayDepthModel[])];

    private readonly WireStringCache _strings = new();
    private MarketBinder? _binder;
    private long _delivered;

    /// <summary>Market events delivered by this path (tests check that the server's frames take it).</summary>
    public long DeliveredCount => Interlocked.Read(ref _delivered);

    /// <summary>Reads one frame (without its record separator); true when it was a market event and was delivered.</summary>
    public bool TryDeliver(in ReadOnlySequence<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        string contractId;
        object data;
        HubStream stream;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !NextIs(ref reader, "type"u8) || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var type) || type != 1
                || !NextIs(ref reader, "target"u8) || !reader.Read() || TargetOf(ref reader) is not { } target
                || !NextIs(ref reader, "arguments"u8) || !reader.Read() || reader.TokenType != JsonTokenType.StartArray
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
                return false;
            stream = target;
            contractId = WireValue.String(ref reader, _strings)!;
            if (!reader.Read())
                return false;
            data = ReadData(ref reader, stream) ?? throw new JsonException("A market event without data.");
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                return false;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return false; // the generic path reads it again and reports it
        }
        Interlocked.Increment(ref _delivered);
        if (stream == HubProtocol.Depth)
            sink.OnDepth(contractId, (GatewayDepthModel[])data);
        else if (stream == HubProtocol.MarketTrades)
            sink.OnMarketTrades(contractId, (GatewayTradeModel[])data);
        else
            sink.OnQuote(contractId, (GatewayQuoteModel)data);
        return true;
    }

    /// <summary>
    /// A message SignalR's parser read from a frame the hot path declined: a market event is delivered (or, when its
    /// arguments are wrong, reported) and true is returned; anything else is the caller's.
    /// </summary>
    public bool TryDeliver(HubMessage message)
    {
        switch (message)
        {
            case InvocationMessage invocation when StreamOf(invocation.Target) is { } stream:
                switch (invocation.Arguments)
                {
                    case [string contractId, GatewayQuoteModel quote] when stream == HubProtocol.Quotes:
                        sink.OnQuote(contractId, quote);
                        break;
                    case [string contractId, GatewayTradeModel[] trades] when stream == HubProtocol.MarketTrades:
                        sink.OnMarketTrades(contractId, trades);
                        break;
                    case [string contractId, GatewayDepthModel[] rows] when stream == HubProtocol.Depth:
                        sink.OnDepth(contractId, rows);
                        break;
                    default:
                        sink.OnMalformed(stream);
                        break;
                }
                return true;
            case InvocationBindingFailureMessage failure when StreamOf(failure.Target) is not null:
                return true; // the protocol has reported it; SignalR would only have dropped it
            default:
                return false;
        }
    }

    /// <summary>SignalR's binder with the market events' parameter types (no handler is registered for them on the connection).</summary>
    public IInvocationBinder Binder(IInvocationBinder connection)
    {
        if (_binder?.Inner != connection)
            _binder = new MarketBinder(connection);
        return _binder;
    }

    private static HubStream? StreamOf(string target) =>
        target == HubProtocol.Depth.Event ? HubProtocol.Depth
        : target == HubProtocol.MarketTrades.Event ? HubProtocol.MarketTrades
        : target == HubProtocol.Quotes.Event ? HubProtocol.Quotes
        : null;

    private object? ReadData(ref Utf8JsonReader reader, HubStream stream) =>
        stream == HubProtocol.Depth ? HotModels.ReadDepth(ref reader)
        : stream == HubProtocol.MarketTrades ? HotModels.ReadTrades(ref reader, _strings)
        : HotModels.ReadQuote(ref reader, _strings);

    /// <summary>The next token is the property <paramref name="name"/> (case-sensitive, as SignalR matches it).</summary>
    private static bool NextIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name);

    private static HubStream? TargetOf(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals(DepthTarget) ? HubProtocol.Depth
        : reader.ValueTextEquals(TradeTarget) ? HubProtocol.MarketTrades
        : reader.ValueTextEquals(QuoteTarget) ? HubProtocol.Quotes
        : null;

    private sealed class MarketBinder(IInvocationBinder inner) : IInvocationBinder
    {
        public IInvocationBinder Inner => inner;

        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            StreamOf(methodName) is { } stream
                ? stream == HubProtocol.Depth ? DepthArguments : stream == HubProtocol.MarketTrades ? TradeArguments : QuoteArguments
                : inner.GetParameterTypes(methodName);

        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);

        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);

        public string? GetTarget(ReadOnlySpan<byte> utf8Bytes) => inner.GetTarget(utf8Bytes);
    }
}
