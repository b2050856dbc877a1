using ProjectX.Client.Risk;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// A connection's risk guard: created on the client (so every order cmdlet goes through its pre-send check), monitoring
/// the connection's live engine when it follows the same account, and raising RiskWarning and RiskBreach for Register-PxEvent.
/// </summary>
internal static class RiskBinding
{
    /// <summary>The rules of a -RiskProfile: a preset name, or the path of a JSON file.</summary>
    public static RiskRules Profile(string profile)
    {
        var looksLikeFile = profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || profile.Contains(Path.DirectorySeparatorChar) || profile.Contains('/');
        return looksLikeFile || File.Exists(profile) ? RiskRules.Load(profile) : RiskPresets.Get(profile);
    }

    /// <summary>Sets the rules of the account's guard, creating and attaching the guard the first time.</summary>
    public static RiskGuard Apply(PxConnection connection, int accountId, RiskRules rules, string? statePath)
    {
        var client = connection.Client;
        if (client.GetRiskGuard(accountId) is { } existing && (statePath is null || PathsEqual(existing.StatePath, statePath)))
        {
            existing.SetRules(rules);
            return existing;
        }

        var guard = new RiskGuard(client, rules, accountId, new RiskGuardOptions { StatePath = statePath });
        client.UseRiskGuard(guard);
        if (connection.Projection is { } live && live.AccountId == accountId)
        {
            guard.Warning += (_, e) => Raise(live, PxEventName.RiskWarning, e);
            guard.Breach += (_, e) => Raise(live, PxEventName.RiskBreach, e);
            guard.StartMonitoring(live.Engine);
        }
        else
        {
            // -NoRealtime: the guard still acts on the account's realized figures, polling over REST.
            guard.StartPolling();
        }

        return guard;
    }

    private static void Raise(LiveProjection live, PxEventName name, RiskEventArgs e)
    {
        if (live.Dispatch.Wants(name))
        {
            live.Dispatch.Raise(name, null, new PxEventArgs(name, e.At) { Risk = PxRiskEvent.From(e), Reason = e.Message });
        }
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
