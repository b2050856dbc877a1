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
/// options, plus two things SignalR does not do on its own: a payload that cannot be bound is reported (and
/// then skipped by SignalR, the connection lives on), and <c>GatewayLogout</c> is delivered whatever its
/// (undocumented) arguments are.
/// </summary>
internal sealed class TolerantHubProtocol : IHubProtocol
{
    private readonly JsonHubProtocol _inner;
    private readonly Action<string, Exception?> _onMalformed;

    public TolerantHubProtocol(Action<string, Exception?> onMalformed)
    {
        _onMalformed = onMalformed;
        _inner = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = RealtimeJson.Options }));
    }

    public string Name => _inner.Name;
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
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

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
}
