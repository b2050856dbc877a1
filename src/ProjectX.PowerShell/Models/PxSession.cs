using ProjectX.Client.Sessions;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// A symbol's CME trading calendar at one instant (PSTypeName <c>ProjectX.Session</c>): the session now, the trade
/// date, that day's sessions and the next open and close. Times carry America/Chicago's offset, as CME publishes them.
/// </summary>
public sealed class PxSession
{
    public const string PSTypeName = "ProjectX.Session";

    public string Symbol { get; init; } = "";
    /// <summary>EquityIndex, InterestRates, Metals, Energy, Fx or Agriculture.</summary>
    public string ProductGroup { get; init; } = "";
    /// <summary>The instant asked about (default now).</summary>
    public DateTimeOffset At { get; init; }
    public bool IsOpen { get; init; }
    /// <summary>Regular (RTH), Extended (ETH outside RTH) or Closed.</summary>
    public string Session { get; init; } = "";
    /// <summary>The CME trade date <see cref="At"/> belongs to (Sunday evening belongs to Monday; the weekend to Friday).</summary>
    public DateOnly TradingDay { get; init; }
    /// <summary>The trade date's first open.</summary>
    public DateTimeOffset DayStart { get; init; }
    /// <summary>The trade date's final close.</summary>
    public DateTimeOffset DayEnd { get; init; }
    /// <summary>The regular session (RTH) of the trade date; null on a day without one.</summary>
    public DateTimeOffset? RegularStart { get; init; }
    public DateTimeOffset? RegularEnd { get; init; }
    /// <summary>The next open after the current stretch (or the coming open while closed).</summary>
    public DateTimeOffset NextOpen { get; init; }
    /// <summary>The end of the current stretch (or of the next one while closed).</summary>
    public DateTimeOffset NextClose { get; init; }
    /// <summary>Why the trade date differs from the weekly schedule (an early close, a holiday session), or null.</summary>
    public string? Note { get; init; }
    /// <summary>The trade date's open stretches, each Regular or Extended.</summary>
    public IReadOnlyList<PxMarketSession> Sessions { get; init; } = [];
    /// <summary>The last trade date the holiday table covers; later queries fail with ProjectX.CalendarExpired.</summary>
    public DateOnly CoveredThrough { get; init; }

    internal static PxSession From(string symbol, TradingCalendar calendar, DateTimeOffset at)
    {
        var day = calendar.TradingDayAt(at);
        var kind = calendar.SessionAt(at);
        return new PxSession
        {
            Symbol = symbol.Trim().ToUpperInvariant(),
            ProductGroup = calendar.Group.ToString(),
            At = ExchangeTime.ToChicago(at),
            IsOpen = kind != SessionKind.Closed,
            Session = kind.ToString(),
            TradingDay = day.Date,
            DayStart = ExchangeTime.ToChicago(day.Start),
            DayEnd = ExchangeTime.ToChicago(day.End),
            RegularStart = day.Regular is { } rth ? ExchangeTime.ToChicago(rth.Start) : null,
            RegularEnd = day.Regular is { } rthEnd ? ExchangeTime.ToChicago(rthEnd.End) : null,
            NextOpen = ExchangeTime.ToChicago(calendar.NextOpen(at)),
            NextClose = ExchangeTime.ToChicago(calendar.NextClose(at)),
            Note = day.Note,
            Sessions = [.. day.Sessions.Select(s => new PxMarketSession(s.Kind.ToString(), ExchangeTime.ToChicago(s.Start), ExchangeTime.ToChicago(s.End)))],
            CoveredThrough = calendar.CoveredThrough,
        };
    }

    public override string ToString() => $"{Symbol} {TradingDay:yyyy-MM-dd} {Session}";
}

/// <summary>One open stretch of a trade date: <c>[Start, End)</c>, Regular or Extended, in Chicago time.</summary>
public sealed record PxMarketSession(string Kind, DateTimeOffset Start, DateTimeOffset End)
{
    public override string ToString() => $"{Kind} {Start:ddd HH:mm}-{End:ddd HH:mm}";
}
