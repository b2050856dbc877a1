using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The in-process simulator behind <c>Connect-ProjectX -Simulator</c>: one per process, so every runspace
/// and connection trades against the same market and accounts, like users sharing one real gateway.
/// </summary>
internal static class InProcessSimulator
{
    public const string DemoUserName = SimulatorOptions.DemoUserName;
    public const string DemoApiKey = SimulatorOptions.DemoApiKey;

    private static readonly Lazy<SimulatedGateway> Gateway = new(
        // Server-side rate limits off: every runspace of the process shares the demo user, and the client still
        // enforces the published limits on each connection.
        () => new SimulatedGateway(new SimulatorOptions { RateLimits = { Enabled = false } }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static Uri BaseUrl => SimulatedGateway.InProcessBaseUrl;

    /// <summary>Points the options at the in-process gateway: REST and both hubs in memory.</summary>
    public static void Configure(ProjectX.Client.ProjectXClientOptions options) => Gateway.Value.ConfigureClient(options);
}
