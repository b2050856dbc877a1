namespace ProjectX.Client.Sessions;

/// <summary>
/// One CME trade date of one product group: the sessions that clear on <see cref="Date"/>. The first one
/// usually opens the evening before (17:00 CT for most groups), and a holiday's sessions belong to the next
/// trade date, as CME assigns them (Sunday 17:00 CT to Monday 12:00 CT of Labor Day counts for Tuesday).
/// </summary>
public sealed class TradingDay
{
    private readonly MarketSession[] _sessions;

    internal TradingDay(ProductGroup group, DateOnly date, MarketSession[] sessions, string? note)
    {
        Group = group;
        Date = date;
        _sessions = sessions;
        Note = note;
        foreach (var session in sessions)
        {
            if (session.Kind == SessionKind.Regular)
            {
                Regular = session;
                break;
            }
        }
    }

    public ProductGroup Group { get; }

    /// <summary>The trade date (America/Chicago calendar date on which the day settles).</summary>
    public DateOnly Date { get; }

    /// <summary>The first open (UTC). Instants from here until the next trading day's start belong to this day.</summary>
    public DateTimeOffset Start => _sessions[0].Start;

    /// <summary>The final close (UTC).</summary>
    public DateTimeOffset End => _sessions[^1].End;

    /// <summary>The open stretches in time order, each Regular or Extended. Gaps between them are closed.</summary>
    public IReadOnlyList<MarketSession> Sessions => _sessions;

    /// <summary>The regular session (RTH), or null on a day that has none (a holiday half-day that closed before it).</summary>
    public MarketSession? Regular { get; }

    /// <summary>Why this day differs from the weekly schedule (an early close, a holiday session carried in), or null.</summary>
    public string? Note { get; }

    public override string ToString() =>
        $"{Group} {Date:yyyy-MM-dd}: {Start:yyyy-MM-dd HH:mm}Z to {End:yyyy-MM-dd HH:mm}Z" + (Note is null ? "" : $" ({Note})");
}
