using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// Routes a connection's live events to the <see cref="PxEventSource"/> handlers Register-PxEvent attached,
/// each with its own symbol filter. Raised on the session's event task; PowerShell's event manager only queues
/// the event there, so no script runs on that thread.
/// </summary>
internal sealed class EventDispatch
{
    private readonly object _gate = new();
    private Sink[] _sinks = [];

    public bool Wants(PxEventName name) => Array.Exists(Volatile.Read(ref _sinks), s => s.Name == name);

    public void Add(PxEventName name, IReadOnlySet<string>? contractIds, PxEventSource source, EventHandler<PxEventArgs> handler)
    {
        lock (_gate)
        {
            _sinks = [.. _sinks, new Sink(name, contractIds, source, handler)];
        }
    }

    public void Remove(EventHandler<PxEventArgs> handler)
    {
        lock (_gate)
        {
            _sinks = [.. _sinks.Where(s => s.Handler != handler)];
        }
    }

    public void Raise(PxEventName name, string? contractId, PxEventArgs args)
    {
        foreach (var sink in Volatile.Read(ref _sinks))
        {
            if (sink.Name == name && (sink.ContractIds is null || (contractId is not null && sink.ContractIds.Contains(contractId))))
            {
                sink.Handler(sink.Source, args);
            }
        }
    }

    private sealed record Sink(PxEventName Name, IReadOnlySet<string>? ContractIds, PxEventSource Source, EventHandler<PxEventArgs> Handler);
}
