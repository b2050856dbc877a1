using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The default connection of each runspace. Keyed by runspace (not static or thread-static), so thread
/// jobs and <c>ForEach-Object -Parallel</c> never share a session by accident, and a closed runspace
/// releases its entry.
/// </summary>
internal static class ConnectionRegistry
{
    private sealed class Slot
    {
        public PxConnection? Connection;
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
}
