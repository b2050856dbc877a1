using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Diagnostics;

/// <summary>
/// The instruments of the <c>ProjectX.Client</c> meter, for unattended jobs: <c>dotnet-counters monitor -n pwsh
/// --counters ProjectX.Client</c>, or OpenTelemetry's <c>AddMeter("ProjectX.Client")</c>. Names follow the
/// OpenTelemetry conventions; tags are operation and hub names, never account data.
/// </summary>
public static class ClientMetrics
{
    private static readonly Meter Meter = new(ProjectXDiagnostics.Name, typeof(ClientMetrics).Assembly.GetName().Version?.ToString());
    private static readonly ConcurrentDictionary<ProjectXRealtime, byte> Feeds = new();

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("projectx.client.requests", "{request}", "REST attempts, by operation and outcome.");
    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("projectx.client.request.duration", "s", "REST attempt latency, by operation.");
    internal static readonly Counter<long> RequestErrors = Meter.CreateCounter<long>("projectx.client.request.errors", "{request}", "REST attempts that failed, by operation and error type.");
    internal static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>("projectx.client.rate_limit.waits", "{request}", "Reads that waited for a client-side rate-limit permit, by bucket.");
    internal static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>("projectx.client.rate_limit.refusals", "{request}", "Calls refused for the rate limit: money-moving calls the client held back, and HTTP 429s.");
    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("projectx.client.realtime.reconnects", "{reconnect}", "Hub reconnects, by hub.");
    internal static readonly Counter<long> Gaps = Meter.CreateCounter<long>("projectx.client.realtime.gaps", "{gap}", "Gaps in the realtime stream, by reason.");
    internal static readonly Counter<long> Resyncs = Meter.CreateCounter<long>("projectx.client.realtime.resyncs", "{resync}", "REST resyncs of the user state after gaps.");
    internal static readonly Counter<long> DroppedEvents = Meter.CreateCounter<long>("projectx.client.realtime.dropped_events", "{event}", "Events dropped by consumers that fell a whole queue behind.");

    static ClientMetrics() =>
        Meter.CreateObservableGauge("projectx.client.realtime.feed_silence", ObserveSilence, "s",
            "Seconds since the last market-hub message, per running realtime client with market subscriptions.");

    internal static void Track(ProjectXRealtime realtime) => Feeds.TryAdd(realtime, 0);

    internal static void Untrack(ProjectXRealtime realtime) => Feeds.TryRemove(realtime, out _);

    internal static void RecordCall(string operation, TimeSpan elapsed, int? status, bool succeeded, string? errorType)
    {
        if (!Requests.Enabled && !RequestDuration.Enabled && !RequestErrors.Enabled)
            return; // nobody listens: skip the tags (the status would be boxed on every call)
        var op = new KeyValuePair<string, object?>("projectx.operation", operation);
        Requests.Add(1, op, new("outcome", succeeded ? "success" : "failure"), new("http.response.status_code", status));
        RequestDuration.Record(elapsed.TotalSeconds, op);
        if (!succeeded)
            RequestErrors.Add(1, op, new("error.type", errorType ?? status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
    }

    private static IEnumerable<Measurement<double>> ObserveSilence()
    {
        foreach (var realtime in Feeds.Keys)
        {
            if (realtime.HasMarketSubscriptions)
                yield return new Measurement<double>(realtime.MarketSilence.TotalSeconds, new KeyValuePair<string, object?>("projectx.realtime.instance", realtime.InstanceId));
        }
    }
}
