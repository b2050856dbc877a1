namespace ProjectX.Client.Sessions;

/// <summary>Which part of the trading day an instant falls in.</summary>
public enum SessionKind
{
    /// <summary>No trading: the daily maintenance break, the weekend, a holiday, or after an early close.</summary>
    Closed,
    /// <summary>Open, outside the regular session (ETH). An "ETH" bar filter means Regular and Extended together.</summary>
    Extended,
    /// <summary>The regular (day) session, RTH. See docs/trading-calendar.md for each group's hours.</summary>
    Regular,
}

/// <summary>
/// One stretch of trading of one <see cref="SessionKind"/>: <c>[Start, End)</c>, both UTC. A trading day's open
/// hours are split at the regular session's edges, so consecutive sessions may touch (one's End is the next's Start).
/// </summary>
public readonly record struct MarketSession(DateTimeOffset Start, DateTimeOffset End, SessionKind Kind)
{
    /// <summary>True when <paramref name="instant"/> is in <c>[Start, End)</c>.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public TimeSpan Duration => End - Start;
}
