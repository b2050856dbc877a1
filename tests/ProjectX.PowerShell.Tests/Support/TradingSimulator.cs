namespace ProjectX.PowerShell.Tests.Support;

/// <summary>
/// A simulator process of its own (server-side rate limits off, so a class's many calls never meet a 429) and
/// one runspace with a <see cref="RecordingHost"/>, shared by the tests of one class (xunit runs those one at a
/// time). Trading tests cannot share the in-process simulator: other classes trade on the same accounts.
/// </summary>
public sealed class TradingSimulator : IAsyncLifetime
{
    private const string Config = """{ "rateLimits": { "enabled": false } }""";

    internal OutOfProcessSimulator Simulator { get; } = new(Config);
    internal RecordingHost Host { get; } = new();
    internal PowerShellSession Session { get; private set; } = null!;
    internal SimulatorRest Rest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Simulator.InitializeAsync();
        Session = new PowerShellSession(host: Host);
        Rest = new SimulatorRest(Simulator.ApiUrl);
        Session.Run("$SimulatorUrl = $url", new() { ["url"] = Simulator.ApiUrl.ToString() }).AssertNoErrors();
    }

    /// <summary>
    /// Connects afresh (a fresh client-side rate-limit budget per test), cancels every order and closes every
    /// position on the trading accounts, and forgets what the host recorded.
    /// </summary>
    internal void Reset()
    {
        Session.Run("""
            try { Disconnect-ProjectX } catch { }
            Connect-ProjectX -UserName demo -ApiKey demo-api-key -ApiUrl $SimulatorUrl -Account PRAC-V2-DEMO-50K
            foreach ($account in 'PRAC-V2-DEMO-50K', 'PRAC-V2-DEMO-150K') {
                Stop-PxOrder -All -Account $account -Confirm:$false
                Close-PxPosition -All -Account $account -Confirm:$false
            }
            """).AssertNoErrors();
        Host.Clear();
        Host.PromptAnswer = "No";
    }

    internal ScriptResult Run(string script) => Session.Run(script);

    public async Task DisposeAsync()
    {
        Rest?.Dispose();
        Session?.Dispose();
        await Simulator.DisposeAsync();
    }
}
