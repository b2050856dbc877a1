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

    private static readonly Lazy<SimulatedGateway> Gateway = new(() => new SimulatedGateway(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Uri BaseUrl => SimulatedGateway.InProcessBaseUrl;

    /// <summary>A fresh in-memory transport per connection (the client owns and disposes it).</summary>
    public static HttpMessageHandler CreateHandler() => Gateway.Value.CreateHttpMessageHandler();
}
