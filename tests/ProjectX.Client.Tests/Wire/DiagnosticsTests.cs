using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ProjectX.Client.Diagnostics;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Wire;

[CollectionDefinition(nameof(DiagnosticsTests), DisableParallelization = true)]
public sealed class DiagnosticsTestsCollection;

/// <summary>
/// Per-flow call observation, the ProjectX.Client meter and its activity source. The meter and activity listeners see
/// the whole process, so these tests run alone: another test's calls would land in their measurements.
/// </summary>
[Collection(nameof(DiagnosticsTests))]
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task A_call_scope_sees_its_own_flows_calls_and_nothing_after_it_ends()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var first = new ConcurrentQueue<string>();
        var second = new ConcurrentQueue<string>();
        using var gate = new SemaphoreSlim(0);

        async Task RunAsync(ConcurrentQueue<string> seen, Func<Task> work)
        {
            using (ProjectXDiagnostics.ObserveCalls(c => seen.Enqueue(c.Operation)))
            {
                await gate.WaitAsync(); // both scopes are open at once
                await work();
            }
        }

        var a = RunAsync(first, () => client.GetAccountsAsync());
        var b = RunAsync(second, () => client.GetPositionsAsync());
        gate.Release(2);
        await Task.WhenAll(a, b);
        await client.SearchTradesAsync(DateTimeOffset.UtcNow.AddHours(-1)); // outside both scopes

        Assert.Equal(["Account/search"], first);
        Assert.Equal(["Position/searchOpen"], second);

        // A scope nested in another: both see the inner call; background work captured by a disposed scope stays silent.
        var outer = new ConcurrentQueue<string>();
        var inner = new ConcurrentQueue<string>();
        var later = new TaskCompletionSource();
        Task background;
        using (ProjectXDiagnostics.ObserveCalls(c => outer.Enqueue(c.Operation)))
        {
            using (ProjectXDiagnostics.ObserveCalls(c => inner.Enqueue(c.Operation)))
                await client.PingAsync();
            background = Task.Run(async () => { await later.Task; await client.GetAccountsAsync(); }); // captures the outer scope
        }
        later.SetResult(); // the call happens after the scope ended
        await background;
        Assert.Equal(["Status/ping"], inner);
        Assert.Equal(["Status/ping"], outer);
    }

    [Fact]
    public async Task The_meter_counts_requests_errors_refusals_and_feed_silence_by_operation()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? Operation)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectXDiagnostics.Name)
                l.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? operation = null;
            foreach (var tag in tags)
                if (tag.Key == "projectx.operation") operation = tag.Value as string;
            measurements.Enqueue((instrument.Name, value, operation));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await using var server = await Sim.StartAsync(o => o.Realtime.FeedInterval = TimeSpan.FromMilliseconds(50));
        await using var client = await Sim.ConnectAsync(server, o =>
        {
            o.UserHubUrl = server.UserHubUrl;
            o.MarketHubUrl = server.MarketHubUrl;
        });
        await client.GetPositionsAsync();
        await client.GetAccountsAsync(onlyActive: false);
        await using (var tight = await Sim.ConnectAsync(server, o => o.RateLimits.GlobalPermits = 3)) // connect spends two
        {
            await tight.GetInstrumentAsync("MNQ");
            await Assert.ThrowsAsync<ProjectXRateLimitedException>(() => tight.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        }
        server.Gateway.Faults.FailWithServerError("Trade/search", times: 10, statusCode: 502);
        await Assert.ThrowsAsync<ProjectXException>(() => client.SearchTradesAsync(DateTimeOffset.UtcNow.AddHours(-1)));

        await using var realtime = new ProjectXRealtime(client, FastOptions());
        await realtime.StartAsync();
        await realtime.SubscribeQuotesAsync((await client.GetInstrumentAsync("MNQ")).Id);
        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m is { Instrument: "projectx.client.requests", Operation: "Position/searchOpen" });
        Assert.Contains(measurements, m => m is { Instrument: "projectx.client.request.duration", Operation: "Account/search" } && m.Value >= 0);
        Assert.Contains(measurements, m => m is { Instrument: "projectx.client.request.errors", Operation: "Trade/search" });
        Assert.Contains(measurements, m => m is { Instrument: "projectx.client.rate_limit.refusals", Operation: "Order/place" });
        Assert.Contains(measurements, m => m.Instrument == "projectx.client.realtime.feed_silence" && m.Value >= 0);
    }

    [Fact]
    public async Task Every_attempt_is_an_activity_named_after_its_operation()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProjectXDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        server.Gateway.Faults.FailWithServerError("Position/searchOpen", times: 1, statusCode: 503);

        await client.GetPositionsAsync(); // one failed attempt, one retry

        var attempts = stopped.Where(a => a.OperationName == "Position/searchOpen").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Unset], attempts.Select(a => a.Status));
        Assert.Equal([503, 200], attempts.Select(a => (int)a.GetTagItem("http.response.status_code")!));
        Assert.All(stopped, a => Assert.DoesNotContain(a.Tags, t => t.Value?.Contains("Bearer", StringComparison.Ordinal) == true));
    }
}
