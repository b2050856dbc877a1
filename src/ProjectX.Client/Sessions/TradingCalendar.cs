using System.Diagnostics.CodeAnalysis;
using NodaTime;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Sessions;

/// <summary>
/// The CME Globex calendar of one <see cref="ProductGroup"/>: when it trades, its regular and extended sessions,
/// and which trade date an instant belongs to. Built once per group from the weekly schedule and the holiday
/// table; every query is a binary search over precomputed UTC instants, allocation-free and thread-safe.
/// </summary>
/// <remarks>
/// Instants may carry any offset; answers are UTC. A trade date runs from its first open to the next trade
/// date's first open, so the daily break, the weekend and a holiday belong to the trade date that last closed:
/// Tuesday 16:30 CT is Tuesday, Tuesday 17:00 CT is Wednesday, Saturday is Friday, Sunday 18:00 CT is Monday.
/// Any query that needs a date outside <see cref="CoveredFrom"/>..<see cref="CoveredThrough"/> throws
/// <see cref="TradingCalendarExpiredException"/> (or its base type before the start): the calendar never guesses.
/// </remarks>
public sealed class TradingCalendar
{
    /// <summary>The exchange time zone every CME schedule is published in.</summary>
    public const string TimeZoneId = "America/Chicago";

    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb[TimeZoneId];

    private static readonly Lazy<TradingCalendar>[] Calendars =
        Enum.GetValues<ProductGroup>().Select(group => new Lazy<TradingCalendar>(() => new TradingCalendar(group))).ToArray();

    private readonly TradingDay[] _days;
    private readonly DateOnly[] _dates;
    private readonly long[] _dayStarts;
    // Every session of every day, and the open stretches they form (touching sessions merged), as UTC ticks.
    private readonly MarketSession[] _sessions;
    private readonly long[] _sessionStarts;
    private readonly long[] _openStarts;
    private readonly long[] _openEnds;

    private TradingCalendar(ProductGroup group)
    {
        Group = group;
        CoveredFrom = TradingDayBuilder.ToDateOnly(CmeHolidays.CoveredFrom);
        CoveredThrough = TradingDayBuilder.ToDateOnly(CmeHolidays.CoveredThrough);
        _days = TradingDayBuilder.Build(GlobexSchedule.For(group), CmeHolidays.Rows, CmeHolidays.CoveredFrom, CmeHolidays.CoveredThrough, Chicago);
        _dates = Array.ConvertAll(_days, d => d.Date);
        _dayStarts = Array.ConvertAll(_days, d => d.Start.UtcTicks);
        _sessions = _days.SelectMany(d => d.Sessions).ToArray();
        _sessionStarts = Array.ConvertAll(_sessions, s => s.Start.UtcTicks);
        (_openStarts, _openEnds) = MergeTouching(_sessions, group);
    }

    /// <summary>The calendar of a product group.</summary>
    public static TradingCalendar For(ProductGroup group) =>
        (uint)group < (uint)Calendars.Length
            ? Calendars[(int)group].Value
            : throw new ArgumentOutOfRangeException(nameof(group), group, "Not a product group.");

    /// <summary>The calendar of a gateway contract (see <see cref="ProductGroups.Resolve(ContractModel)"/>).</summary>
    /// <exception cref="UnknownProductException">The contract is not a covered product.</exception>
    public static TradingCalendar For(ContractModel contract) => For(ProductGroups.Resolve(contract));

    /// <summary>The calendar of a symbol, root, symbol id, contract id or contract name (<c>NQ</c>, <c>CON.F.US.ENQ.Z26</c>).</summary>
    /// <exception cref="UnknownProductException">The product is not covered.</exception>
    public static TradingCalendar For(string product) => For(ProductGroups.Resolve(product));

    /// <summary>The version of the tz database the UTC instants were computed with (NodaTime's embedded copy).</summary>
    public static string TimeZoneDataVersion => DateTimeZoneProviders.Tzdb.VersionId;

    public ProductGroup Group { get; }

    /// <summary>The first trade date the holiday table covers.</summary>
    public DateOnly CoveredFrom { get; }

    /// <summary>The last trade date the holiday table covers; anything later throws <see cref="TradingCalendarExpiredException"/>.</summary>
    public DateOnly CoveredThrough { get; }

    /// <summary>True when the market trades at <paramref name="instant"/> (sessions are <c>[start, end)</c>).</summary>
    public bool IsOpen(DateTimeOffset instant) => SessionAt(instant) != SessionKind.Closed;

    /// <summary>Regular, Extended or Closed at <paramref name="instant"/>.</summary>
    public SessionKind SessionAt(DateTimeOffset instant)
    {
        var ticks = Covered(instant);
        var i = LastAtOrBefore(_sessionStarts, ticks);
        return i >= 0 && ticks < _sessions[i].End.UtcTicks ? _sessions[i].Kind : SessionKind.Closed;
    }

    /// <summary>
    /// The first moment at or after <paramref name="instant"/> when the market opens after being closed. While it
    /// is open, that is the start of the next stretch (after the coming break or weekend), not the current one.
    /// </summary>
    public DateTimeOffset NextOpen(DateTimeOffset instant)
    {
        var ticks = Covered(instant);
        var i = FirstAtOrAfter(_openStarts, ticks);
        return i < _openStarts.Length
            ? Utc(_openStarts[i])
            : throw Expired($"The next {Group} open after {instant:u} lies past the last trade date the holiday table covers");
    }

    /// <summary>The first moment after <paramref name="instant"/> when the market closes: the end of the current stretch, or of the next one while closed.</summary>
    public DateTimeOffset NextClose(DateTimeOffset instant)
    {
        var ticks = Covered(instant);
        var i = FirstAtOrAfter(_openEnds, ticks + 1);
        return Utc(_openEnds[i]);
    }

    /// <summary>The trade date <paramref name="instant"/> belongs to (Sunday 18:00 CT belongs to Monday).</summary>
    public DateOnly TradingDayOf(DateTimeOffset instant) => TradingDayAt(instant).Date;

    /// <summary>The trading day <paramref name="instant"/> belongs to, with its bounds and sessions.</summary>
    public TradingDay TradingDayAt(DateTimeOffset instant) => _days[LastAtOrBefore(_dayStarts, Covered(instant))];

    /// <summary>True when <paramref name="date"/> is a trade date of this group (not a weekend or a CME holiday).</summary>
    public bool IsTradingDay(DateOnly date) => TryGetTradingDay(date, out _);

    /// <summary>The trading day of trade date <paramref name="date"/>; false on a weekend or holiday.</summary>
    public bool TryGetTradingDay(DateOnly date, [NotNullWhen(true)] out TradingDay? day)
    {
        var i = Array.BinarySearch(_dates, Covered(date));
        day = i >= 0 ? _days[i] : null;
        return day is not null;
    }

    /// <summary>The trading day of trade date <paramref name="date"/>.</summary>
    /// <exception cref="ProjectXValidationException">The date is a weekend or a CME holiday for this group.</exception>
    public TradingDay GetTradingDay(DateOnly date) =>
        TryGetTradingDay(date, out var day)
            ? day
            : throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"{date:yyyy-MM-dd} is not a {Group} trade date (a weekend or CME holiday).", nameof(date));

    /// <summary>The trading days with trade dates from <paramref name="from"/> through <paramref name="through"/>, in order.</summary>
    public IReadOnlyList<TradingDay> GetTradingDays(DateOnly from, DateOnly through)
    {
        if (from > through)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range {from:yyyy-MM-dd}..{through:yyyy-MM-dd} is reversed.", nameof(from));
        var first = FirstAtOrAfter(_dates, Covered(from));
        var end = FirstAtOrAfter(_dates, Covered(through).AddDays(1));
        return new ArraySegment<TradingDay>(_days, first, end - first);
    }

    public override string ToString() => $"{Group} CME Globex calendar, trade dates {CoveredFrom:yyyy-MM-dd}..{CoveredThrough:yyyy-MM-dd}";

    private long Covered(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        if (ticks < _dayStarts[0])
            throw NotCovered($"{instant:u} is before the first {Group} trading day the holiday table covers ({_days[0].Start:u})");
        if (ticks >= _openEnds[^1])
            throw Expired($"{instant:u} is past the last {Group} close the holiday table covers ({Utc(_openEnds[^1]):u})");
        return ticks;
    }

    private DateOnly Covered(DateOnly date)
    {
        if (date < CoveredFrom)
            throw NotCovered($"{date:yyyy-MM-dd} is before the first trade date the holiday table covers");
        if (date > CoveredThrough)
            throw Expired($"{date:yyyy-MM-dd} is past the last trade date the holiday table covers");
        return date;
    }

    private TradingCalendarExpiredException Expired(string what) =>
        new(Group, CoveredFrom, CoveredThrough,
            $"{what}: the CME holiday table covers trade dates {CoveredFrom:yyyy-MM-dd} through {CoveredThrough:yyyy-MM-dd} and has expired for this query. " +
            "Update ProjectX (or extend the table, docs/trading-calendar.md); the calendar does not guess holidays.");

    private TradingCalendarNotCoveredException NotCovered(string what) =>
        new(Group, CoveredFrom, CoveredThrough, $"{what}: the CME holiday table covers trade dates {CoveredFrom:yyyy-MM-dd} through {CoveredThrough:yyyy-MM-dd}.");

    private static (long[] Starts, long[] Ends) MergeTouching(MarketSession[] sessions, ProductGroup group)
    {
        var starts = new List<long>(sessions.Length);
        var ends = new List<long>(sessions.Length);
        foreach (var session in sessions)
        {
            var start = session.Start.UtcTicks;
            if (session.End.UtcTicks <= start || (ends.Count > 0 && start < ends[^1]))
                throw new InvalidOperationException($"{group} calendar: session {session} is empty or overlaps the one before it.");
            if (ends.Count > 0 && start == ends[^1])
                ends[^1] = session.End.UtcTicks;
            else
            {
                starts.Add(start);
                ends.Add(session.End.UtcTicks);
            }
        }
        return ([.. starts], [.. ends]);
    }

    /// <summary>Index of the last element ≤ value, or -1.</summary>
    private static int LastAtOrBefore(long[] sorted, long value)
    {
        var i = Array.BinarySearch(sorted, value);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Index of the first element ≥ value, or the length.</summary>
    private static int FirstAtOrAfter<T>(T[] sorted, T value)
    {
        var i = Array.BinarySearch(sorted, value);
        return i >= 0 ? i : ~i;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
