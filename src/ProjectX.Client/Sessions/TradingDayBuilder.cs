using System.Globalization;
using NodaTime;

namespace ProjectX.Client.Sessions;

/// <summary>
/// Lays out a group's trade dates from its weekly schedule and the holiday table, in Chicago local time, and
/// converts each edge to UTC with the tz database (never by adding offsets by hand).
/// </summary>
internal static class TradingDayBuilder
{
    private readonly record struct Span(LocalDateTime Open, LocalDateTime Close);

    public static TradingDay[] Build(GlobexSchedule schedule, IReadOnlyList<HolidayRow> rows, LocalDate from, LocalDate through, DateTimeZone zone)
    {
        var byDate = IndexRows(rows, from, through);
        var days = new List<TradingDay>(capacity: 800);
        var carried = new List<Span>();
        var carriedNotes = new List<string>();
        for (var date = from; date <= through; date = date.PlusDays(1))
        {
            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                continue;
            var row = byDate.GetValueOrDefault(date);
            var rule = row?.For(schedule.Group) ?? new DayRule(DayRuleKind.Normal);
            var legs = WeeklyLegs(schedule, date);
            switch (rule.Kind)
            {
                case DayRuleKind.Closed:
                    continue;
                case DayRuleKind.Halt:
                    carried.AddRange(Clip(legs, null, date.At(rule.ClosesAt!.Value)));
                    carriedNotes.Add($"Includes the {row!.Name} session of {date.ToString("MMM d", CultureInfo.InvariantCulture)}, halted {Hm(rule.ClosesAt!.Value)} CT");
                    continue;
                case DayRuleKind.Shortened:
                    legs = Clip(legs, rule.OpensAt is { } opens ? date.At(opens) : null, rule.ClosesAt is { } closes ? date.At(closes) : null);
                    break;
            }

            var sessions = new List<MarketSession>(carried.Count + (legs.Count * 3));
            foreach (var span in carried)
                sessions.Add(ToSession(span.Open, span.Close, SessionKind.Extended, zone));
            SplitAtRegularSession(legs, date.At(schedule.RegularOpen), date.At(schedule.RegularClose), zone, sessions);
            if (sessions.Count == 0)
                throw new InvalidOperationException($"Holiday table: {schedule.Group} trade date {date} has no open session.");
            var notes = carriedNotes.Prepend(rule.Kind == DayRuleKind.Shortened ? ShortenedNote(row!.Name, rule) : null).OfType<string>().ToArray();
            days.Add(new TradingDay(schedule.Group, ToDateOnly(date), [.. sessions], notes.Length == 0 ? null : string.Join("; ", notes)));
            carried.Clear();
            carriedNotes.Clear();
        }
        if (carried.Count > 0)
            throw new InvalidOperationException($"Holiday table: a {schedule.Group} holiday session near {through} has no later trade date to belong to.");
        return [.. days];
    }

    public static DateOnly ToDateOnly(LocalDate date) => new(date.Year, date.Month, date.Day);

    private static Dictionary<LocalDate, HolidayRow> IndexRows(IReadOnlyList<HolidayRow> rows, LocalDate from, LocalDate through)
    {
        var byDate = new Dictionary<LocalDate, HolidayRow>();
        foreach (var row in rows)
        {
            if (row.Date < from || row.Date > through || row.Date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                throw new InvalidOperationException($"Holiday table: {row.Date} ({row.Name}) is a weekend or outside {from}..{through}.");
            if (!byDate.TryAdd(row.Date, row))
                throw new InvalidOperationException($"Holiday table: {row.Date} appears twice.");
        }
        return byDate;
    }

    private static List<Span> WeeklyLegs(GlobexSchedule schedule, LocalDate date) =>
        schedule.Legs.Select(leg => new Span(date.PlusDays(leg.OpenDayOffset).At(leg.Open), date.At(leg.Close))).ToList();

    /// <summary>The parts of <paramref name="legs"/> inside [<paramref name="opensAt"/>, <paramref name="closesAt"/>).</summary>
    private static List<Span> Clip(List<Span> legs, LocalDateTime? opensAt, LocalDateTime? closesAt)
    {
        var clipped = new List<Span>(legs.Count);
        foreach (var leg in legs)
        {
            var open = opensAt is { } o && o > leg.Open ? o : leg.Open;
            var close = closesAt is { } c && c < leg.Close ? c : leg.Close;
            if (open < close)
                clipped.Add(new Span(open, close));
        }
        return clipped;
    }

    private static void SplitAtRegularSession(List<Span> legs, LocalDateTime regularOpen, LocalDateTime regularClose, DateTimeZone zone, List<MarketSession> into)
    {
        foreach (var leg in legs)
        {
            AddIfOpen(leg.Open, Min(leg.Close, regularOpen), SessionKind.Extended);
            AddIfOpen(Max(leg.Open, regularOpen), Min(leg.Close, regularClose), SessionKind.Regular);
            AddIfOpen(Max(leg.Open, regularClose), leg.Close, SessionKind.Extended);
        }

        void AddIfOpen(LocalDateTime open, LocalDateTime close, SessionKind kind)
        {
            if (open < close)
                into.Add(ToSession(open, close, kind, zone));
        }
    }

    // Globex edges are never inside the 01:00-03:00 DST change, so a strict mapping throws only on a table typo.
    private static MarketSession ToSession(LocalDateTime open, LocalDateTime close, SessionKind kind, DateTimeZone zone) =>
        new(zone.AtStrictly(open).ToInstant().ToDateTimeOffset(), zone.AtStrictly(close).ToInstant().ToDateTimeOffset(), kind);

    private static string ShortenedNote(string holiday, DayRule rule) => (rule.OpensAt, rule.ClosesAt) switch
    {
        ({ } open, { } close) => $"{holiday}: trades {Hm(open)}-{Hm(close)} CT only",
        (null, { } close) => $"{holiday}: early close {Hm(close)} CT",
        ({ } open, null) => $"{holiday}: no overnight session, opens {Hm(open)} CT",
        _ => holiday,
    };

    private static string Hm(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static LocalDateTime Min(LocalDateTime a, LocalDateTime b) => a < b ? a : b;

    private static LocalDateTime Max(LocalDateTime a, LocalDateTime b) => a > b ? a : b;
}
