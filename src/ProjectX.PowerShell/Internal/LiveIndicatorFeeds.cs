using System.Collections.Concurrent;
using System.Management.Automation;
using ProjectX.Client.Indicators;
using ProjectX.Client.Live;
using ProjectX.Client.State;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The indicators Start-PxDataFeed -Indicator attached to live bars, per contract and timeframe (the client's
/// <see cref="LiveIndicators"/>). Their bar closes become the BarClosed events of those bars, each bar carrying the
/// values as [double] properties named as Add-PxIndicator names them.
/// </summary>
internal sealed class LiveIndicatorFeeds : IDisposable
{
    private readonly ConcurrentDictionary<(string ContractId, Timeframe Timeframe), LiveIndicators?> _attached = new();
    private readonly LiveAccount _engine;
    private readonly Action<string, Func<PxEventArgs>> _raise;

    public LiveIndicatorFeeds(LiveAccount engine, Action<string, Func<PxEventArgs>> raise)
    {
        _engine = engine;
        _raise = raise;
    }

    /// <summary>True when the bars of <paramref name="contractId"/> and <paramref name="timeframe"/> raise their BarClosed events here.</summary>
    public bool Has(string contractId, Timeframe timeframe) => _attached.ContainsKey((contractId, timeframe));

    /// <summary>Attaches new indicators of <paramref name="pipelines"/> to the timeframe's bars, replacing earlier ones.</summary>
    public void Attach(LiveInstrument instrument, Timeframe timeframe, IReadOnlyList<IndicatorPipeline> pipelines)
    {
        var symbol = LiveProjection.SymbolOf(instrument.Contract);
        var indicators = pipelines.Select(p => p.NewIndicator(symbol)).ToArray();
        var properties = pipelines.SelectMany(p => p.Properties).ToArray();
        var key = (instrument.ContractId, timeframe);
        // Claimed first: from here the engine's plain BarClosed of these bars stops, so no bar is raised twice.
        _attached.TryAdd(key, null);
        var live = LiveIndicators.Attach(_engine, instrument, timeframe, indicators);
        live.BarClosed += (_, e) => OnBarClosed(instrument, properties, e.Reading);
        if (_attached.TryGetValue(key, out var old))
        {
            old?.Dispose();
        }

        _attached[key] = live;
    }

    /// <summary>Detaches every timeframe of <paramref name="contractId"/> (its feed stopped).</summary>
    public void Detach(string contractId)
    {
        foreach (var key in _attached.Keys.Where(k => k.ContractId == contractId).ToList())
        {
            if (_attached.TryRemove(key, out var live))
            {
                live?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var live in _attached.Values)
        {
            live?.Dispose();
        }

        _attached.Clear();
    }

    private void OnBarClosed(LiveInstrument instrument, string[] properties, IndicatorReading reading)
    {
        if (reading.Bar is not { } closed)
        {
            return;
        }

        _raise(instrument.ContractId, () =>
        {
            var symbol = LiveProjection.SymbolOf(instrument.Contract);
            var bar = PxBar.From(closed, symbol, instrument.ContractId, reading.Timeframe.ToString(), instrument.Contract.TickSize);
            // Instance members of the bar itself: PowerShell finds them on any later wrapper of the same object.
            var members = PSObject.AsPSObject(bar).Properties;
            for (int i = 0; i < properties.Length && i < reading.InOrder.Count; i++)
            {
                members.Add(new PSNoteProperty(properties[i], reading.InOrder[i]));
            }

            return new PxEventArgs(PxEventName.BarClosed, closed.Start) { ContractId = instrument.ContractId, Symbol = symbol, Bar = bar };
        });
    }
}
