using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace ProjectX.Simulation.Realtime.InProcess;

/// <summary>The client's end of an in-memory hub connection. Disposing it is the client hanging up.</summary>
internal sealed class InMemoryConnectionContext(string connectionId, IDuplexPipe transport) : ConnectionContext
{
    private int _closed;

    public override string ConnectionId { get; set; } = connectionId;
    public override IFeatureCollection Features { get; } = new FeatureCollection();
    public override IDictionary<object, object?> Items { get; set; } = new ConnectionItems();
    public override IDuplexPipe Transport { get; set; } = transport;

    public override void Abort(ConnectionAbortedException abortReason) => Close();

    public override ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        Transport.Output.Complete();
        Transport.Input.Complete();
    }
}

internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;
    public PipeWriter Output { get; } = output;
}
