using ProjectX.PowerShell.Tests.Support;
using ProjectX.Tests.Shared;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>
/// The cmdlets this project runs (the help examples above all) keep the journal and the risk state in the test
/// process's own folder (<see cref="IsolatedUserData"/>), so the user's real data folder neither decides nor records a test.
/// </summary>
public sealed class UserDataIsolationTests
{
    [Fact]
    public void The_default_journal_and_risk_state_are_in_the_test_process_own_folder()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-ProjectX -Simulator").AssertNoErrors();

        var result = session.Run("Get-PxTradeJournal -Verbose; (Set-PxRiskRule -DailyLossLimit 500 -PassThru).StatePath").AssertNoErrors();

        var journal = Assert.Single(result.Verbose.Select(v => v.Message), m => m.StartsWith("Journal ", StringComparison.Ordinal));
        Assert.StartsWith($"Journal {Path.Combine(IsolatedUserData.Root, "journal", "journal-simulator.projectx.invalid.db")}: ", journal, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(IsolatedUserData.Root, "journal", "journal-simulator.projectx.invalid.db")));
        var state = Assert.Single(result.Strings);
        Assert.StartsWith(Path.Combine(IsolatedUserData.Root, "risk") + Path.DirectorySeparatorChar, state, StringComparison.Ordinal);
        Assert.True(File.Exists(state));
    }
}
