using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Realtime.InProcess;

/// <summary>
/// The server end of one in-memory hub connection: the SignalR handshake and JSON hub protocol (Microsoft's own
/// <see cref="HandshakeProtocol"/> and <see cref="JsonHubProtocol"/>), invocations dispatched to the hub logic with
/// completions, keep-alive pings, and events written in order. Closing it completes the client's pipe with an
/// error and no close message, so the client sees a dropped connection and reconnects.
/// </summary>
internal sealed class InProcessHubSession : IRealtimeSink, IDisposable
{
    private static readonly PipeOptions ToClientOptions = new(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20, useSynchronizationContext: false);
    private static readonly PipeOptions ToServerOptions = new(useSynchronizationContext: false);
    private static readonly JsonHubProtocol Protocol = new(Microsoft.Extensions.Options.Options.Create(new JsonHubProtocolOptions
    {
        PayloadSerializerOptions = RealtimeServer.PayloadSerializerOptions,
    }));

    private readonly RealtimeServer _server;
    private readonly HubInvocationBinder _binder;
    private readonly TimeSpan _keepAlive;
    private readonly Pipe _toClient = new(ToClientOptions);
    private readonly Pipe _toServer = new(ToServerOptions);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _handshaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private RealtimeConnection? _connection;
    private ITimer? _pings;
    private int _closed;

    public InProcessHubSession(RealtimeServer server, HubKind hub, TimeSpan keepAlive)
    {
        _server = server;
        _binder = new HubInvocationBinder(hub);
        _keepAlive = keepAlive > TimeSpan.Zero ? keepAlive : TimeSpan.FromSeconds(15);
    }

    /// <summary>Starts serving <paramref name="connection"/> and returns the client's end.</summary>
    public ConnectionContext Start(RealtimeConnection connection)
    {
        _connection = connection;
        _ = Task.Run(RunAsync);
        return new InMemoryConnectionContext(connection.Id, new DuplexPipe(_toClient.Reader, _toServer.Writer));
    }

    // ---- IRealtimeSink (the connection's pump) ----

    public async ValueTask SendAsync(string target, object?[] arguments, CancellationToken cancellationToken)
    {
        // Nothing may precede the handshake response.
        await _handshaken.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closed) != 0) throw new IOException("The connection is closed.");
            Protocol.WriteMessage(new InvocationMessage(target, arguments), _toClient.Writer);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _handshaken.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closed) != 0) throw new IOException("The connection is closed.");
            var result = await _toClient.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted) throw new IOException("The client hung up.");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(w => Protocol.WriteMessage(new CloseMessage(error: null, allowReconnect: false), w), cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _pings?.Dispose();
        _toServer.Reader.CancelPendingRead();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _toClient.Writer.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _pings?.Dispose();
        _stop.Cancel();
        _handshaken.TrySetCanceled();
        _toClient.Writer.CancelPendingFlush();
        _toServer.Reader.CancelPendingRead();
        _ = Task.Run(async () =>
        {
            // Writers finish their current message first; then the client's read ends with an error, like a reset socket.
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                await _toClient.Writer.CompleteAsync(new IOException("The simulator closed the hub connection.")).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        });
    }

    public void Dispose()
    {
        _pings?.Dispose();
        _stop.Dispose();
    }

    // ---- The read loop ----

    private async Task RunAsync()
    {
        var input = _toServer.Reader;
        var ct = _stop.Token;
        try
        {
            if (!await HandshakeAsync(input, ct).ConfigureAwait(false)) return;
            _pings = TimeProvider.System.CreateTimer(_ => _ = PingAsync(), null, _keepAlive, _keepAlive);
            while (true)
            {
                var result = await input.ReadAsync(ct).ConfigureAwait(false);
                if (result.IsCanceled) return;
                var buffer = result.Buffer;
                try
                {
                    while (Protocol.TryParseMessage(ref buffer, _binder, out var message))
                    {
                        if (!await DispatchAsync(message!, ct).ConfigureAwait(false)) return;
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
                if (result.IsCompleted) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException or InvalidOperationException)
        {
            // Hung up, aborted or broke the protocol: the connection ends either way.
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            _pings?.Dispose();
            _connection!.Closed();
            Abort();
        }
    }

    private async Task<bool> HandshakeAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct).ConfigureAwait(false);
            if (result.IsCanceled) return false;
            var buffer = result.Buffer;
            if (HandshakeProtocol.TryParseRequestMessage(ref buffer, out var request))
            {
                input.AdvanceTo(buffer.Start);
                var supported = request.Protocol == Protocol.Name && Protocol.IsVersionSupported(request.Version);
                await WriteAsync(w => HandshakeProtocol.WriteResponseMessage(
                    supported ? HandshakeResponseMessage.Empty : new HandshakeResponseMessage($"The protocol '{request.Protocol}' version {request.Version} is not supported; use json version 1."), w),
                    ct).ConfigureAwait(false);
                if (supported) _handshaken.TrySetResult();
                return supported;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) return false;
        }
    }

    /// <summary>Returns false when the client closed the connection.</summary>
    private async ValueTask<bool> DispatchAsync(HubMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case InvocationMessage invocation:
                string? error = null;
                try
                {
                    _server.Invoke(_connection!, invocation.Target, invocation.Arguments);
                }
                catch (RealtimeHubException e)
                {
                    // What ASP.NET sends for a HubException without detailed errors.
                    error = $"An unexpected error occurred invoking '{invocation.Target}' on the server. HubException: {e.Message}";
                }
                // Like ASP.NET for a void hub method: {"type":3,"invocationId":"1","result":null}.
                if (invocation.InvocationId is { } id)
                    await WriteAsync(w => Protocol.WriteMessage(error is null ? CompletionMessage.WithResult(id, payload: null) : CompletionMessage.WithError(id, error), w), ct).ConfigureAwait(false);
                return true;
            case InvocationBindingFailureMessage failure:
                if (failure.InvocationId is { } failedId)
                {
                    var cause = failure.BindingFailure.SourceException is RealtimeHubException hub ? $" HubException: {hub.Message}" : "";
                    await WriteAsync(w => Protocol.WriteMessage(CompletionMessage.WithError(failedId,
                        $"Failed to invoke '{failure.Target}' due to an error on the server.{cause}"), w), ct).ConfigureAwait(false);
                }
                return true;
            case StreamInvocationMessage stream:
                await WriteAsync(w => Protocol.WriteMessage(CompletionMessage.WithError(stream.InvocationId!,
                    $"Failed to invoke '{stream.Target}' due to an error on the server. HubException: Method does not exist."), w), ct).ConfigureAwait(false);
                return true;
            case CloseMessage:
                return false;
            default:
                // Pings, cancellations and stray stream items need no answer.
                return true;
        }
    }

    private async Task PingAsync()
    {
        try
        {
            await WriteAsync(w => Protocol.WriteMessage(PingMessage.Instance, w), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection is going away.
        }
    }

    private async ValueTask WriteAsync(Action<IBufferWriter<byte>> write, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closed) != 0) return;
            write(_toClient.Writer);
            await _toClient.Writer.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
