using ProjectX.Client;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Examples.Sdk;

/// <summary>
/// What every example gets: client options (already pointed at a gateway), where to write, and the in-process
/// simulator when there is one (null against a real gateway). Only the simulator can inject latency or lose a
/// response on purpose; the examples use it for that and nothing else.
/// </summary>
public sealed record SdkExampleContext(ProjectXClientOptions Options, TextWriter Output, SimulatedGateway? Simulator);
