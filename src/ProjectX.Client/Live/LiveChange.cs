using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Live;

/// <summary>
/// A change the live engine applied: the new state of an order, a position (size 0 when closed) or a fill, the contract
/// when the engine knows it, and whether the hub reported it or a snapshot after a gap found it.
/// </summary>
public sealed record LiveChange<T>(T Item, ContractModel? Contract, EventOrigin Origin) where T : class;

/// <summary>A watched instrument's market data changed (a quote, prints, the book, or a bar that closed).</summary>
public sealed record MarketChange<T>(LiveInstrument? Instrument, T Data);

/// <summary>
/// How the live engine is doing, for unattended jobs: the hubs, how fresh the market feed is, the gaps and resyncs so far,
/// what was dropped, and the REST rate-limit budget.
/// </summary>
public sealed record LiveHealth(
    RealtimeConnectionState UserHub,
    RealtimeConnectionState MarketHub,
    long UserReconnects,
    long MarketReconnects,
    TimeSpan? MarketSilence,
    long Gaps,
    long Resyncs,
    long AppliedEvents,
    long DroppedEvents,
    long MalformedPayloads,
    long BarBackfills,
    RateLimitStatus RateLimit);
