using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The connections of each runspace: its default one, and every one it opened. Keyed by runspace (not static or
/// thread-static), so thread jobs and <c>ForEach-Object -Parallel</c> never share a session by accident. A runspace
/// that closes (a finished thread job, the end of a parallel loop) closes the connections it opened, so their
/// sockets and hubs do not outlive it; a connection it only borrowed through -Connection stays open.
/// </summary>
internal static class ConnectionRegistry
{
    private sealed class Slot
    {
        public PxConnection? Connection;
        public readonly List<PxConnection> Opened = [];
    }

    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();

    public static PxConnection? GetDefault(Runspace runspace)
        => Slots.TryGetValue(runspace, out var slot) ? Volatile.Read(ref slot.Connection) : null;

    /// <summary>Sets the default and returns the one it replaced (the caller disposes it).</summary>
    public static PxConnection? SetDefault(Runspace runspace, PxConnection? connection)
        => Interlocked.Exchange(ref Slots.GetOrCreateValue(runspace).Connection, connection);

    /// <summary>Clears the default only if it is still <paramref name="connection"/>.</summary>
    public static void ClearDefault(Runspace runspace, PxConnection connection)
    {
        if (Slots.TryGetValue(runspace, out var slot))
        {
            Interlocked.CompareExchange(ref slot.Connection, null, connection);
        }
    }

    /// <summary>Records that <paramref name="runspace"/> opened <paramref name="connection"/>: it is closed with the runspace.</summary>
    public static void AddOpened(Runspace runspace, PxConnection connection)
    {
        var slot = Slots.GetValue(runspace, WatchClosing);
        lock (slot.Opened)
        {
            slot.Opened.Add(connection);
        }
    }

    /// <summary>Forgets a connection that was closed (Disconnect-ProjectX), so a long session does not keep it.</summary>
    public static void RemoveOpened(Runspace runspace, PxConnection connection)
    {
        if (Slots.TryGetValue(runspace, out var slot))
        {
            lock (slot.Opened)
            {
                slot.Opened.Remove(connection);
            }
        }
    }

    private static Slot WatchClosing(Runspace runspace)
    {
        runspace.StateChanged += OnStateChanged;
        return new Slot();
    }

    private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
    {
        if (sender is not Runspace runspace || e.RunspaceStateInfo.State is not (RunspaceState.Closed or RunspaceState.Broken))
        {
            return;
        }

        runspace.StateChanged -= OnStateChanged;
        if (!Slots.TryGetValue(runspace, out var slot))
        {
            return;
        }

        PxConnection[] opened;
        lock (slot.Opened)
        {
            opened = [.. slot.Opened];
            slot.Opened.Clear();
        }

        slot.Connection = null;
        // Not on the closing thread: a hub's close handshake must not hold up the runspace (or deadlock its pipeline).
        _ = Task.Run(async () =>
        {
            foreach (var connection in opened)
            {
                try
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Closing is best effort: one connection's failure must not keep the others open.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        });
    }
}
