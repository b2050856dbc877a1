using ProjectX.Client.Gateway;
using ProjectX.Examples.Sdk;
using ProjectX.Simulation.Gateway;
using Xunit.Abstractions;

namespace ProjectX.Client.Tests.Examples;

/// <summary>Runs every example of the C# SDK guide (examples/Sdk, docs/sdk.md) against the in-process simulator.</summary>
public sealed class SdkExamplesTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static TheoryData<string> Names => [.. SdkExamples.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_example_runs_to_the_end(string name)
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);

        await SdkExamples.RunAsync(name, output, url: null, timeout.Token);

        log.WriteLine(output.ToString());
        Assert.StartsWith($"== {name} (in-process simulator)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_calls_get_the_same_data_and_report_both_timings()
    {
        using var simulator = new SimulatedGateway();
        simulator.Faults.Latency = SdkExamples.SimulatedLatency;
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);

        var timings = await ConcurrentCalls.RunAsync(Context(simulator, output), timeout.Token);

        // The ratio is reported, not asserted (timing belongs in bench/).
        log.WriteLine(output.ToString());
        Assert.True(timings.Sequential > TimeSpan.Zero && timings.Concurrent > TimeSpan.Zero);
        Assert.Matches(@"8 accounts, 0 positions, 0 open orders, 100 5-minute bars", output.ToString());
        Assert.Matches(@"sequential \d+ ms \(108 items\), concurrent \d+ ms: [\d.]+x", output.ToString());
    }

    [Fact]
    public async Task Order_management_reconciles_the_lost_response_and_leaves_the_account_clean()
    {
        using var simulator = new SimulatedGateway();
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);

        await OrderManagement.RunAsync(Context(simulator, output), timeout.Token);

        Assert.Matches(@"Reconciled: order \d+ exists \(Open\)", output.ToString());
        Assert.Matches(@"limit \d+ Open at", output.ToString());
        await AssertFlatAsync(simulator, timeout.Token);
    }

    [Fact]
    public async Task The_monitor_flattens_when_the_loss_limit_is_already_past()
    {
        using var simulator = new SimulatedGateway();
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);

        // A negative limit means "stop out even at a profit of up to 1,000,000": the first check must fire.
        var fired = await BackgroundMonitor.RunAsync(Context(simulator, output), lossLimit: -1_000_000m, hold: TimeSpan.FromSeconds(30), timeout.Token);

        log.WriteLine(output.ToString());
        Assert.True(fired, output.ToString());
        Assert.Contains("is past the loss limit", output.ToString(), StringComparison.Ordinal);
        await AssertFlatAsync(simulator, timeout.Token);
    }

    [Fact]
    public async Task The_monitor_stops_when_cancelled_and_the_example_ends_flat()
    {
        using var simulator = new SimulatedGateway();
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);

        var fired = await BackgroundMonitor.RunAsync(Context(simulator, output), lossLimit: 1_000_000m, hold: TimeSpan.FromMilliseconds(500), timeout.Token);

        Assert.False(fired, output.ToString());
        Assert.Contains("monitor stopped", output.ToString(), StringComparison.Ordinal);
        await AssertFlatAsync(simulator, timeout.Token);
    }

    [Fact]
    public async Task An_unknown_example_is_explained()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SdkExamples.RunAsync("bogus", TextWriter.Null, null, CancellationToken.None));
        Assert.Contains("ten-lines", error.Message, StringComparison.Ordinal);
    }

    private static SdkExampleContext Context(SimulatedGateway simulator, TextWriter output) =>
        new(SdkExamples.ClientOptions(null, simulator), output, simulator);

    private static async Task AssertFlatAsync(SimulatedGateway simulator, CancellationToken cancellationToken)
    {
        await using var client = await ProjectXClient.ConnectAsync(SdkExamples.ClientOptions(null, simulator), cancellationToken);
        Assert.Empty(await client.GetPositionsAsync(cancellationToken: cancellationToken));
        var working = await client.QueryOrdersAsync(new OrderQuery { Statuses = [OrderStatus.Open, OrderStatus.Suspended, OrderStatus.Pending] }, cancellationToken);
        Assert.Empty(working);
    }
}
