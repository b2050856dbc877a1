using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ProjectX.Tests.Shared;

/// <summary>
/// Every test process keeps what ProjectX writes per user (the trade journal, the risk guard's state) in a fresh folder
/// of its own, set before any test runs: no test reads a stale file from the user's real data folder
/// (~/.local/share/ProjectX) or leaves one there. Child processes (pwsh, the simulator) inherit it. The names are the
/// client's TradeJournal.DirectoryVariable / PathVariable and RiskStateStore.DirectoryVariable, written out because
/// some test projects must not reference the client.
/// </summary>
internal static class IsolatedUserData
{
    /// <summary>This process's folder: <c>journal/</c> and <c>risk/</c> under it.</summary>
    public static string Root { get; private set; } = "";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: this must run before any test, and xunit 2 has no assembly fixture.")]
    internal static void Isolate()
    {
        Root = Directory.CreateTempSubdirectory("projectx-test-userdata-").FullName;
        Environment.SetEnvironmentVariable("PROJECTX_JOURNAL_PATH", null);
        Environment.SetEnvironmentVariable("PROJECTX_JOURNAL_DIR", Path.Combine(Root, "journal"));
        Environment.SetEnvironmentVariable("PROJECTX_RISK_STATE_DIR", Path.Combine(Root, "risk"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a child process that outlived the run: the temp folder keeps it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
    }
}
