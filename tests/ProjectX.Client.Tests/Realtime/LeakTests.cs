using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>Runs alone (no other test's handlers alive), so process-wide counters can be asserted.</summary>
[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public sealed class LeakTestsCollection;

/// <summary>Connect/dispose cycles in-process (fast), checking that nothing is left behind.</summary>
[Collection(nameof(LeakTests))]
public sealed class LeakTests
{
    [Fact]
    public async Task A_thousand_connect_dispose_cycles_leave_no_connections_and_bounded_memory()
    {
        using var gateway = new SimulatedGateway();
        var options = new ProjectXClientOptions { UserName = Simulation.SimulatorOptions.DemoUserName, ApiKey = Simulation.SimulatorOptions.DemoApiKey };
        gateway.ConfigureClient(options);
        await using var client = await ProjectXClient.ConnectAsync(options);
        var contract = (await client.GetInstrumentAsync("MNQ")).Id;

        async Task CycleAsync()
        {
            await using var realtime = new ProjectXRealtime(client, FastOptions());
            realtime.QuoteReceived += (_, _) => { };
            realtime.ConnectionStateChanged += (_, _) => { }; // gets events queued right as it is disposed
            using var stream = realtime.OpenStream<RealtimeEvent>(16);
            await realtime.StartAsync();
            await realtime.SubscribeQuotesAsync(contract);
        }

        for (var i = 0; i < 100; i++)
            await CycleAsync();
        await WaitUntilAsync(() => gateway.Realtime.ConnectionCount == 0, "warm-up connections closed");
        var baseline = SettledMemory();

        for (var i = 0; i < 1000; i++)
            await CycleAsync();

        await WaitUntilAsync(() => gateway.Realtime.ConnectionCount == 0, "every server-side connection closed");
        await WaitUntilAsync(() => Interlocked.Read(ref FanoutDiagnostics.LivePumps) == 0, "every event-handler pump ended");
        var growth = SettledMemory() - baseline;
        Assert.True(growth < 16 * 1024 * 1024, $"Managed memory grew by {growth / 1024} KiB over 1,000 cycles.");
    }

    private static long SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
