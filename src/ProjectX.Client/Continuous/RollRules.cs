using NodaTime;
using ProjectX.Client.Instruments;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Continuous;

/// <summary>
/// When a continuous series moves from one contract month to the next, per product group. A rule is written down
/// once here and in docs/continuous-contracts.md (with its sources); everything else asks it.
/// <para>
/// CME equity index (ES, NQ, YM, RTY and their micros): quarterly months H M U Z; the last trading day is the third
/// Friday of the contract month; the roll date is eight calendar days earlier (the Thursday of the week before), and
/// the next month becomes the lead month at 08:30 CT that Thursday, the opening of the regular session (CME Group,
/// "Equity Index Roll Dates", cmegroup.com/trading/equity-index/rolldates.html). The roll instant is that 08:30 in
/// America/Chicago, so it is 13:30 UTC in summer and 14:30 UTC in winter.
/// </para>
/// Other groups have no rule yet: asking for one is a <see cref="ProjectXValidationException"/>
/// (<see cref="ValidationReason.NoRollRule"/>), never a guess.
/// </summary>
public static class RollRules
{
    /// <summary>Contract ids name the year with two digits, so the months a continuous series can use lie in 2000–2099.</summary>
    public const int FirstYear = 2000;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2099;

    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb[TradingCalendar.TimeZoneId];
    private static readonly int[] Quarterly = [3, 6, 9, 12];

    /// <summary>True when <paramref name="product"/> (symbol, root, contract id or name) is known and its group has a roll rule.</summary>
    public static bool Covers(string? product) => ProductGroups.TryResolve(product, out var group) && HasRule(group);

    /// <summary>True when the group has a roll rule (today: equity index).</summary>
    public static bool HasRule(ProductGroup group) => group is ProductGroup.EquityIndex;

    /// <summary>The last trading day of a contract month (America/Chicago trade date).</summary>
    /// <exception cref="ProjectXValidationException">The group has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static DateOnly ExpiryDate(ProductGroup group, int year, int month) => group switch
    {
        ProductGroup.EquityIndex => ThirdFriday(year, month),
        _ => throw NoRule(group),
    };

    /// <summary>The instant a continuous series leaves the month for the next one (see the class remarks).</summary>
    /// <exception cref="ProjectXValidationException">The group has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static DateTimeOffset RollInstant(ProductGroup group, int year, int month)
    {
        var rollDate = ExpiryDate(group, year, month).AddDays(-8);
        var open = GlobexSchedule.For(group).RegularOpen;
        var local = new LocalDateTime(rollDate.Year, rollDate.Month, rollDate.Day, open.Hour, open.Minute);
        return Chicago.AtStrictly(local).ToDateTimeOffset().ToUniversalTime();
    }

    /// <summary>The contract months of the group's cycle, e.g. 3, 6, 9, 12.</summary>
    /// <exception cref="ProjectXValidationException">The group has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static IReadOnlyList<int> Months(ProductGroup group) => HasRule(group) ? Quarterly : throw NoRule(group);

    /// <summary>
    /// The contracts a continuous series of <paramref name="product"/> (symbol NQ, root ENQ, a contract id or name)
    /// uses over [<paramref name="start"/>, <paramref name="end"/>), oldest first: each month from the previous
    /// month's roll instant (or <paramref name="start"/>) to its own roll instant (or <paramref name="end"/>).
    /// </summary>
    /// <exception cref="UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">No roll rule for its group, an empty range, or months outside 2000–2099.</exception>
    public static IReadOnlyList<ContractSegment> Plan(string product, DateTimeOffset start, DateTimeOffset end)
    {
        var known = ProductGroups.ProductOf(product);
        if (!HasRule(known.Group))
            throw NoRule(known.Group, known.Symbol);
        if (start >= end)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: {start:O} is not before {end:O}.", nameof(start));

        var segments = new List<ContractSegment>();
        var (year, month) = ActiveMonth(known.Group, start);
        for (var from = start; from < end;)
        {
            CheckYear(year, known.Symbol, start, end);
            var roll = RollInstant(known.Group, year, month);
            var to = roll < end ? roll : end;
            segments.Add(new ContractSegment(ContractNames.ContractId(known.Root, year, month), known.Symbol, from, to, roll));
            from = to;
            (year, month) = Next(known.Group, year, month);
        }
        return segments;
    }

    /// <summary>The month a continuous series holds at <paramref name="at"/>: the first whose roll instant is after it.</summary>
    private static (int Year, int Month) ActiveMonth(ProductGroup group, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var (year, month) = (utc.Year, utc.Month);
        // Start a cycle before at's month; the first month still ahead of its roll is the one held.
        (year, month) = month <= 3 ? (year - 1, 12) : (year, Months(group).Last(m => m < month));
        while (year <= LastYear && RollInstant(group, year, month) <= at)
            (year, month) = Next(group, year, month);
        return (year, month);
    }

    private static (int Year, int Month) Next(ProductGroup group, int year, int month)
    {
        var months = Months(group);
        var later = months.FirstOrDefault(m => m > month);
        return later == 0 ? (year + 1, months[0]) : (year, later);
    }

    private static void CheckYear(int year, string symbol, DateTimeOffset start, DateTimeOffset end)
    {
        if (year is < FirstYear or > LastYear)
            throw new ProjectXValidationException(ValidationReason.OutsideContractHistory,
                $"A continuous {symbol} series over {start:u} – {end:u} needs the {year} contracts, but contract ids can only name {FirstYear}–{LastYear}.", "Start");
    }

    private static DateOnly ThirdFriday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Friday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 14);
    }

    private static ProjectXValidationException NoRule(ProductGroup group, string? symbol = null) => new(
        ValidationReason.NoRollRule,
        $"{(symbol is null ? "" : symbol + ": ")}continuous history has no roll rule for {group} products yet (today: equity index, e.g. ES, NQ, MES, MNQ). Fetch one contract at a time instead.",
        "Instrument");
}

/// <summary>
/// One contract's stretch of a continuous series: its bars that start in [<see cref="From"/>, <see cref="To"/>).
/// <see cref="RollAt"/> is the rule's roll instant out of this month (after <see cref="To"/> when the series ends earlier).
/// </summary>
public sealed record ContractSegment(string ContractId, string Symbol, DateTimeOffset From, DateTimeOffset To, DateTimeOffset RollAt);
