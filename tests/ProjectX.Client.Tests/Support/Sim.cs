using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Simulation;
using ProjectX.Simulation.Market;
using ProjectX.Simulator;

namespace ProjectX.Client.Tests.Support;

/// <summary>Starts the simulator host on a real loopback socket and points clients at it.</summary>
internal static class Sim
{
    public const int MainAccount = 1001;          // Auto OCO, can trade
    public const int SecondAccount = 1002;
    public const int PositionBracketsAccount = 1003;
    public const int LockedAccount = 1004;        // canTrade false

    public static Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return SimulatorServer.StartAsync(options, 0, time);
    }

    public static ProjectXClientOptions Options(SimulatorServer server, Action<ProjectXClientOptions>? configure = null)
    {
        var options = new ProjectXClientOptions
        {
            ApiBaseUrl = new Uri(server.BaseUrl.ToString()),
            UserName = SimulatorOptions.DemoUserName,
            ApiKey = SimulatorOptions.DemoApiKey,
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        options.ReadRetry.BaseDelay = TimeSpan.FromMilliseconds(20);
        options.ReadRetry.MaxDelay = TimeSpan.FromMilliseconds(200);
        configure?.Invoke(options);
        return options;
    }

    public static Task<ProjectXClient> ConnectAsync(SimulatorServer server, Action<ProjectXClientOptions>? configure = null) =>
        ProjectXClient.ConnectAsync(Options(server, configure));

    /// <summary>The month the simulator's catalogue calls active for a symbol right now.</summary>
    public static ContractModel ActiveContract(SimulatorServer server, string symbol) =>
        ((ContractCatalog)server.Gateway.Exchange.Catalog).ActiveContract(symbol, server.Gateway.Time.GetUtcNow())
        ?? throw new InvalidOperationException($"The simulator lists no {symbol}.");

    public static IReadOnlyList<OrderModel> OrdersOnServer(SimulatorServer server, int accountId = MainAccount) =>
        server.Gateway.Exchange.GetOrders(accountId);

    public static IReadOnlyList<PositionModel> PositionsOnServer(SimulatorServer server, int accountId = MainAccount) =>
        server.Gateway.Exchange.GetPositions(accountId);

    /// <summary>The last price the simulator would trade at now.</summary>
    public static decimal LastPrice(SimulatorServer server, string contractId) =>
        server.Gateway.Exchange.Market.GetSnapshot(contractId, server.Gateway.Time.GetUtcNow()).Last;
}

/// <summary>Records every ApiCallCompleted event of a client.</summary>
internal sealed class CallLog
{
    private readonly ConcurrentQueue<ApiCallCompletedEventArgs> _calls = new();

    public static CallLog Attach(ProjectXClient client)
    {
        var log = new CallLog();
        client.ApiCallCompleted += (_, e) => log._calls.Enqueue(e);
        return log;
    }

    public IReadOnlyList<ApiCallCompletedEventArgs> All => [.. _calls];
    public IReadOnlyList<ApiCallCompletedEventArgs> Of(string operation) => [.. _calls.Where(c => c.Operation == operation)];
    public int Count(string operation) => _calls.Count(c => c.Operation == operation);
}
