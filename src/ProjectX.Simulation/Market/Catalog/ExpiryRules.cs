namespace ProjectX.Simulation.Market.Catalog;

/// <summary>
/// Last trading instants, from the CME rulebook but ignoring exchange holidays and daylight saving:
/// equity index = 3rd Friday 13:30 UTC (the 9:30 ET open, EDT); Euro FX = Monday before the 3rd Wednesday
/// 14:16 UTC (9:16 CT); crude = 3 business days before the 25th of the month BEFORE the contract month
/// (4 if the 25th is a weekend), 18:30 UTC, micro crude one business day earlier; gold = 3rd-last business
/// day of the contract month, 17:30 UTC; 10-year T-note = 7th business day before the last business day of the
/// contract month, 17:01 UTC (12:01 CDT); corn = the business day before the 15th of the contract month, 17:00 UTC
/// (noon CDT).
/// </summary>
public static class ExpiryRules
{
    /// <summary>Month codes F (Jan) … Z (Dec).</summary>
    public const string MonthCodes = "FGHJKMNQUVXZ";

    public static IReadOnlyList<int> Months(ContractCycle cycle) => cycle switch
    {
        ContractCycle.Quarterly => [3, 6, 9, 12],
        ContractCycle.BiMonthlyMetals => [2, 4, 6, 8, 10, 12],
        ContractCycle.Grains => [3, 5, 7, 9, 12],
        _ => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    };

    public static DateTimeOffset Expiry(ExpiryRule rule, int year, int month) => rule switch
    {
        ExpiryRule.EquityIndex => At(NthWeekday(year, month, DayOfWeek.Friday, 3), 13, 30),
        ExpiryRule.EuroFx => At(NthWeekday(year, month, DayOfWeek.Wednesday, 3).AddDays(-2), 14, 16),
        ExpiryRule.CrudeOil => At(CrudeLastDay(year, month), 18, 30),
        ExpiryRule.MicroCrudeOil => At(AddBusinessDays(CrudeLastDay(year, month), -1), 18, 30),
        ExpiryRule.Gold => At(AddBusinessDays(LastBusinessDay(year, month), -2), 17, 30),
        ExpiryRule.TreasuryNote => At(AddBusinessDays(LastBusinessDay(year, month), -7), 17, 1),
        ExpiryRule.Corn => At(AddBusinessDays(new DateOnly(year, month, 15), -1), 17, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static DateOnly CrudeLastDay(int year, int month)
    {
        var the25th = new DateOnly(year, month, 25).AddMonths(-1);
        var from = IsBusinessDay(the25th) ? the25th : AddBusinessDays(the25th, -1);
        return AddBusinessDays(from, -3);
    }

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastBusinessDay(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return IsBusinessDay(day) ? day : AddBusinessDays(day, -1);
    }

    /// <summary>Steps <paramref name="count"/> business days (Mon–Fri) back or forward, not counting the start.</summary>
    private static DateOnly AddBusinessDays(DateOnly day, int count)
    {
        int step = Math.Sign(count);
        for (int left = Math.Abs(count); left > 0;)
        {
            day = day.AddDays(step);
            if (IsBusinessDay(day))
            {
                left--;
            }
        }
        return day;
    }

    private static bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc));
}
