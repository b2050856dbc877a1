using ProjectX.Client;
using ProjectX.Simulation;
using ProjectX.Simulation.Gateway;

namespace ProjectX.Examples.Sdk;

/// <summary>Runs the guide's examples by name, each against a fresh in-process simulator unless a URL is given.</summary>
public static class SdkExamples
{
    /// <summary>Latency the simulator adds to every REST request in the concurrency example (a real gateway is tens of ms away).</summary>
    public static readonly TimeSpan SimulatedLatency = TimeSpan.FromMilliseconds(40);

    public static IReadOnlyList<string> Names { get; } = ["ten-lines", "concurrent", "orders", "realtime", "live", "suite", "monitor"];

    public static async Task RunAsync(string name, TextWriter output, Uri? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(output);
        if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown example '{name}'. Choose one of: {string.Join(", ", Names)}, all.", nameof(name));

        using var simulator = url is null ? new SimulatedGateway() : null;
        var context = new SdkExampleContext(ClientOptions(url, simulator), output, simulator);
        output.WriteLine($"== {name} ({(simulator is null ? url : "in-process simulator")})");
        switch (name.ToLowerInvariant())
        {
            case "ten-lines": await TenLines.RunAsync(context, cancellationToken); break;
            case "concurrent":
                simulator?.Faults.Latency = SimulatedLatency;
                await ConcurrentCalls.RunAsync(context, cancellationToken);
                break;
            case "orders": await OrderManagement.RunAsync(context, cancellationToken); break;
            case "realtime": await RealtimeCallbacks.RunAsync(context, cancellationToken); break;
            case "live": await LiveEngineTour.RunAsync(context, cancellationToken); break;
            case "suite": await TradingSuiteTour.RunAsync(context, cancellationToken); break;
            case "monitor": await BackgroundMonitor.RunAsync(context, lossLimit: 500m, hold: TimeSpan.FromSeconds(1), cancellationToken); break;
        }
    }

    /// <summary>Options for the in-process simulator (its demo login), or for <paramref name="url"/> with PROJECTX_* credentials.</summary>
    public static ProjectXClientOptions ClientOptions(Uri? url, SimulatedGateway? simulator)
    {
        if (simulator is not null)
        {
            #region simulator
            var options = new ProjectXClientOptions { UserName = "demo", ApiKey = "demo-api-key" };
            simulator.ConfigureClient(options); // REST and both hubs in memory
            #endregion
            return options;
        }
        ArgumentNullException.ThrowIfNull(url);
        return GatewayOptions(url);
    }

    private static ProjectXClientOptions GatewayOptions(Uri url)
    {
        var options = ProjectXClientOptions.FromEnvironment();
        options.ApiBaseUrl = url;
        options.UserHubUrl = new Uri(url, "/hubs/user");
        options.MarketHubUrl = new Uri(url, "/hubs/market");
        options.UserName ??= SimulatorOptions.DemoUserName;
        options.ApiKey ??= SimulatorOptions.DemoApiKey;
        return options;
    }
}
