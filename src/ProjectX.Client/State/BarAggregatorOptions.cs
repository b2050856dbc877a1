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

    /// <summary>
    /// The calendar day, week and month bars follow: their periods are CME trade dates (a day bar runs from the trade
    /// date's first open, e.g. 17:00 America/Chicago, to the next one's; see <see cref="Sessions.TradeDateBars"/>).
    /// Null (default): UTC days, weeks from Monday 00:00 UTC and calendar months, like the gateway's own bars. The live
    /// engine sets it for every product the calendar covers. Intraday bars are UTC-aligned either way.
    /// </summary>
    public Sessions.TradingCalendar? Calendar { get; set; }
}
