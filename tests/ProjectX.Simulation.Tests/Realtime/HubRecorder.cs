using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>Records every event a real SignalR HubConnection receives, as raw JSON arguments.</summary>
internal sealed class HubRecorder
{
    public static readonly string[] UserEvents = ["GatewayUserAccount", "GatewayUserOrder", "GatewayUserPosition", "GatewayUserTrade"];
    public static readonly string[] MarketEvents = ["GatewayQuote", "GatewayTrade", "GatewayDepth"];

    private readonly object _gate = new();
    private readonly List<(string Target, JsonElement[] Arguments)> _events = [];

    private HubRecorder() { }

    /// <summary>User events carry (data), market events (contractId, data), GatewayLogout nothing (spec §8.3).</summary>
    public static HubRecorder Attach(HubConnection connection)
    {
        var recorder = new HubRecorder();
        foreach (var target in UserEvents)
            connection.On<JsonElement>(target, data => recorder.Add(target, data));
        foreach (var target in MarketEvents)
            connection.On<string, JsonElement>(target, (contractId, data) => recorder.Add(target, JsonSerializer.SerializeToElement(contractId), data));
        connection.On("GatewayLogout", () => recorder.Add("GatewayLogout"));
        return recorder;
    }

    public int Count
    {
        get { lock (_gate) return _events.Count; }
    }

    public List<(string Target, JsonElement[] Arguments)> All()
    {
        lock (_gate) return [.. _events];
    }

    /// <summary>The data argument (last) of every <paramref name="target"/> event, in arrival order.</summary>
    public List<JsonElement> Data(string target)
    {
        lock (_gate) return [.. _events.Where(e => e.Target == target).Select(e => e.Arguments[^1])];
    }

    public List<JsonElement[]> Arguments(string target)
    {
        lock (_gate) return [.. _events.Where(e => e.Target == target).Select(e => e.Arguments)];
    }

    /// <summary>Waits (polling, with a timeout) until <paramref name="condition"/> holds.</summary>
    public async Task WaitUntilAsync(Func<HubRecorder, bool> condition, string what, TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(() => condition(this), what, timeout);
    }

    private void Add(string target, params JsonElement[] arguments)
    {
        lock (_gate) _events.Add((target, [.. arguments.Select(a => a.Clone())]));
    }
}

internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30)); // generous: a loaded CI machine, not a slow simulator
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
