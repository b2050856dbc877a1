namespace ProjectX.Client.State;

/// <summary>How a <see cref="BarAggregator"/> keeps and closes bars.</summary>
public sealed class BarAggregatorOptions
{
    /// <summary>Closed bars kept per timeframe (a ring: the oldest drops out). Default 1,000.</summary>
    public int Capacity { get; set; } = 1_000;

    /// <summary>The clock that closes bars of quiet periods. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// When true (default) a timer on <see cref="TimeProvider"/> closes bars whose period ended even when no trade
    /// arrives (emitting empty bars); when false call <see cref="BarAggregator.AdvanceTo"/> yourself.
    /// </summary>
    public bool AutoAdvance { get; set; } = true;

    /// <summary>How often the timer checks for ended periods. Default 250 ms.</summary>
    public TimeSpan AdvanceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The clock closes a bar only this long after its period ended, so prints still in flight (exchange
    /// timestamps vs. the local clock) land in the right bar. A trade always closes earlier bars at once. Default 1 s.
    /// </summary>
    public TimeSpan CloseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
