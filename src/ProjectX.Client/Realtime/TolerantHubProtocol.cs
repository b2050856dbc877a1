using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Realtime;

/// <summary>
/// The SignalR JSON hub protocol (version 1, as the JS client sends) over the gateway's tolerant serializer
/// options, plus three things SignalR does not do on its own: a payload that cannot be bound is reported (and
/// then skipped by SignalR, the connection lives on), <c>GatewayLogout</c> is delivered whatever its
/// (undocumented) arguments are, and on the market hub the quotes, prints and depth are read straight from their
/// frames by a <see cref="MarketFrameReader"/>, ahead of SignalR's generic parsing and dispatch.
/// </summary>
internal sealed class TolerantHubProtocol : IHubProtocol
{
    private const byte RecordSeparator = 0x1e;
    private readonly JsonHubProtocol _inner;
    private readonly Action<string, Exception?> _onMalformed;
    private readonly MarketFrameReader? _market;

    /// <param name="market">The market hub's frame reader; null on the user hub.</param>
    public TolerantHubProtocol(Action<string, Exception?> onMalformed, MarketFrameReader? market = null)
    {
        _onMalformed = onMalformed;
        _market = market;
        _inner = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = RealtimeJson.Options }));
    }

    public string Name => _inner.Name;
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (_market is null)
            return TryParseOne(ref input, binder, out message);
        // Market events are delivered here, in the order they arrived, by the hot path or, for a frame it declines,
        // from SignalR's own parse of it; only other messages (completions, pings, close, logout) go to HubConnection.
        var delivered = false;
        while (input.PositionOf(RecordSeparator) is { } end)
        {
            if (_market.TryDeliver(input.Slice(0, end)))
            {
                input = input.Slice(input.GetPosition(1, end));
                delivered = true;
                continue;
            }
            if (!TryParseOne(ref input, _market.Binder(binder), out message))
                break;
            if (_market.TryDeliver(message))
            {
                delivered = true;
                continue;
            }
            return true;
        }
        // HubConnection restarts its server timeout for every message it is handed; the events delivered here count
        // as one, so a busy feed (on which the server sends no pings) keeps the connection alive.
        message = delivered ? PingMessage.Instance : null;
        return delivered;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    /// <summary>SignalR's parse of one message, with the logout and malformed-payload handling above.</summary>
    private bool TryParseOne(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!_inner.TryParseMessage(ref input, binder, out message))
            return false;
        if (message is InvocationBindingFailureMessage failure)
        {
            if (string.Equals(failure.Target, HubProtocol.LogoutEvent, StringComparison.Ordinal))
                message = new InvocationMessage(HubProtocol.LogoutEvent, []);
            else
                _onMalformed(failure.Target, failure.BindingFailure.SourceException);
        }
        return true;
    }
}
