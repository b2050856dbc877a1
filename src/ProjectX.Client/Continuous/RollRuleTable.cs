using System.Collections.Frozen;
using ProjectX.Client.Instruments;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Continuous;

/// <summary>
/// A date in a contract month's life, as the exchange's rule states it for contract month (year, month).
/// "Business day" is a CME trade date of the product's group (<see cref="ExchangeBusinessDays"/>).
/// </summary>
internal enum ContractDate
{
    /// <summary>The third Friday of the contract month (CME equity index last trading day).</summary>
    ThirdFriday,
    /// <summary>The second business day before the third Wednesday of the contract month (CME FX, most pairs).</summary>
    SecondBusinessDayBeforeThirdWednesday,
    /// <summary>The business day before the third Wednesday of the contract month (Canadian dollar).</summary>
    BusinessDayBeforeThirdWednesday,
    /// <summary>The seventh business day before the last business day of the contract month (ZN, TN, ZB, UB).</summary>
    SeventhBusinessDayBeforeLastBusinessDay,
    /// <summary>The last business day of the contract month (ZT, ZF).</summary>
    LastBusinessDay,
    /// <summary>The third-last business day of the contract month (COMEX/NYMEX metals).</summary>
    ThirdLastBusinessDay,
    /// <summary>The business day before the 15th calendar day of the contract month (CBOT grains and oilseeds).</summary>
    BusinessDayBeforeThe15th,
    /// <summary>
    /// Three business days before the 25th calendar day of the month before the contract month, four when the 25th
    /// is not a business day (WTI crude, CL).
    /// </summary>
    CrudeOil,
    /// <summary>One business day before <see cref="CrudeOil"/> (MCL, QM).</summary>
    BusinessDayBeforeCrudeOil,
    /// <summary>The third-last business day of the month before the contract month (Henry Hub natural gas, NG).</summary>
    ThirdLastBusinessDayOfPriorMonth,
    /// <summary>The fourth-last business day of the month before the contract month: one business day before NG (QG, MNG).</summary>
    FourthLastBusinessDayOfPriorMonth,
    /// <summary>
    /// The last business day of the month before the contract month: the last trading day of HO and RB, and the
    /// first notice day of physically delivered CBOT and COMEX futures.
    /// </summary>
    LastBusinessDayOfPriorMonth,
}

/// <summary>How <see cref="RollRule.DaysBefore"/> counts.</summary>
internal enum DayCount
{
    Calendar,
    Business,
}

/// <summary>
/// One product's roll rule: its contract months, its last trading day, and its roll date, which is
/// <see cref="DaysBefore"/> days (<see cref="Count"/>) before the <see cref="RollAnchor"/> date of the same contract month.
/// </summary>
/// <param name="Symbol">The exchange symbol, as in <see cref="ProductGroups"/>.</param>
/// <param name="MonthCodes">The months a continuous series uses, as CME month codes (<c>HMUZ</c>).</param>
internal sealed record RollRule(string Symbol, string MonthCodes, ContractDate LastTrade, ContractDate RollAnchor, int DaysBefore, DayCount Count)
{
    /// <summary>The months as numbers, ascending (H M U Z → 3, 6, 9, 12).</summary>
    public IReadOnlyList<int> Months { get; } = [.. MonthCodes.Select(c => ContractNames.MonthCodes.IndexOf(c, StringComparison.Ordinal) + 1).Order()];
}

/// <summary>
/// The roll rule of every product in <see cref="ProductGroups"/>: one row per product. The sources of each
/// row are in <see cref="RollRules"/> and docs/continuous-contracts.md.
/// </summary>
internal static class RollRuleTable
{
    private const string Quarterly = "HMUZ";

    // Conventions (why each anchor and offset), all read 2026-12-05; the full citations are in RollRules' remarks:
    // - Equity index: CME's floor convention, 8 calendar days before the third-Friday expiry.
    // - FX: CME's floor convention, 5 business days before the last trading day, 6 for the Canadian dollar.
    // - Energy: CME's settlement "active month" leaves the spot month 2 business days before its expiry; HO (and, by
    //   our choice, RB) leaves it "the same day the Crude Oil rolls", so they roll 2 business days before CL's expiry.
    // - Metals: CME's active month becomes non-active on its First Position Day, the business day before first
    //   notice day (the last business day of the month before the contract month).
    // - Rates and grains: no exchange convention found; ours rolls 2 business days before first notice day, one
    //   business day before First Position Day, so the series never holds a month that can be assigned delivery.
    private static readonly RollRule[] Rows =
    [
        .. Each(["ES", "MES", "NQ", "MNQ", "YM", "MYM", "RTY", "M2K"],
            s => new RollRule(s, Quarterly, ContractDate.ThirdFriday, ContractDate.ThirdFriday, 8, DayCount.Calendar)),

        .. Each(["ZT", "ZF"],
            s => new RollRule(s, Quarterly, ContractDate.LastBusinessDay, ContractDate.LastBusinessDayOfPriorMonth, 2, DayCount.Business)),
        .. Each(["ZN", "TN", "ZB", "UB"],
            s => new RollRule(s, Quarterly, ContractDate.SeventhBusinessDayBeforeLastBusinessDay, ContractDate.LastBusinessDayOfPriorMonth, 2, DayCount.Business)),

        .. Each(["GC", "MGC"], s => Metal(s, "GJMQZ")),
        .. Each(["SI", "SIL", "HG", "MHG"], s => Metal(s, "HKNUZ")),
        Metal("PL", "FJNV"),

        new RollRule("CL", "FGHJKMNQUVXZ", ContractDate.CrudeOil, ContractDate.CrudeOil, 2, DayCount.Business),
        .. Each(["MCL", "QM"],
            s => new RollRule(s, "FGHJKMNQUVXZ", ContractDate.BusinessDayBeforeCrudeOil, ContractDate.CrudeOil, 2, DayCount.Business)),
        new RollRule("NG", "FGHJKMNQUVXZ", ContractDate.ThirdLastBusinessDayOfPriorMonth, ContractDate.ThirdLastBusinessDayOfPriorMonth, 2, DayCount.Business),
        .. Each(["QG", "MNG"],
            s => new RollRule(s, "FGHJKMNQUVXZ", ContractDate.FourthLastBusinessDayOfPriorMonth, ContractDate.ThirdLastBusinessDayOfPriorMonth, 2, DayCount.Business)),
        .. Each(["HO", "RB"],
            s => new RollRule(s, "FGHJKMNQUVXZ", ContractDate.LastBusinessDayOfPriorMonth, ContractDate.CrudeOil, 2, DayCount.Business)),

        .. Each(["6E", "6B", "6J", "6A", "6S", "6N", "6M", "E7", "M6E", "M6B", "M6A"],
            s => new RollRule(s, Quarterly, ContractDate.SecondBusinessDayBeforeThirdWednesday, ContractDate.SecondBusinessDayBeforeThirdWednesday, 5, DayCount.Business)),
        new RollRule("6C", Quarterly, ContractDate.BusinessDayBeforeThirdWednesday, ContractDate.BusinessDayBeforeThirdWednesday, 6, DayCount.Business),

        Grain("ZC", "HKNUZ"),
        Grain("ZS", "FHKNQUX"),
        Grain("ZW", "HKNUZ"),
        Grain("ZM", "FHKNQUVZ"),
        Grain("ZL", "FHKNQUVZ"),
    ];

    private static readonly FrozenDictionary<string, RollRule> BySymbol = Rows.ToFrozenDictionary(r => r.Symbol, StringComparer.Ordinal);

    /// <summary>Every rule, in table order.</summary>
    public static IReadOnlyList<RollRule> All => Rows;

    /// <summary>The rule of a product by its exchange symbol, or null.</summary>
    public static RollRule? Find(string symbol) => BySymbol.GetValueOrDefault(symbol);

    /// <summary>The date <paramref name="kind"/> names for contract month (<paramref name="year"/>, <paramref name="month"/>).</summary>
    public static DateOnly DateOf(ProductGroup group, ContractDate kind, int year, int month)
    {
        var prior = new DateOnly(year, month, 1).AddMonths(-1);
        return kind switch
        {
            ContractDate.ThirdFriday => NthWeekday(year, month, DayOfWeek.Friday, 3),
            ContractDate.SecondBusinessDayBeforeThirdWednesday => ExchangeBusinessDays.Add(group, NthWeekday(year, month, DayOfWeek.Wednesday, 3), -2),
            ContractDate.BusinessDayBeforeThirdWednesday => ExchangeBusinessDays.Add(group, NthWeekday(year, month, DayOfWeek.Wednesday, 3), -1),
            ContractDate.SeventhBusinessDayBeforeLastBusinessDay => ExchangeBusinessDays.Add(group, ExchangeBusinessDays.LastOfMonth(group, year, month), -7),
            ContractDate.LastBusinessDay => ExchangeBusinessDays.LastOfMonth(group, year, month),
            ContractDate.ThirdLastBusinessDay => ExchangeBusinessDays.Add(group, ExchangeBusinessDays.LastOfMonth(group, year, month), -2),
            ContractDate.BusinessDayBeforeThe15th => ExchangeBusinessDays.Add(group, new DateOnly(year, month, 15), -1),
            ContractDate.CrudeOil => CrudeOil(group, prior),
            ContractDate.BusinessDayBeforeCrudeOil => ExchangeBusinessDays.Add(group, CrudeOil(group, prior), -1),
            ContractDate.ThirdLastBusinessDayOfPriorMonth => ExchangeBusinessDays.Add(group, ExchangeBusinessDays.LastOfMonth(group, prior.Year, prior.Month), -2),
            ContractDate.FourthLastBusinessDayOfPriorMonth => ExchangeBusinessDays.Add(group, ExchangeBusinessDays.LastOfMonth(group, prior.Year, prior.Month), -3),
            ContractDate.LastBusinessDayOfPriorMonth => ExchangeBusinessDays.LastOfMonth(group, prior.Year, prior.Month),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static DateOnly CrudeOil(ProductGroup group, DateOnly priorMonth)
    {
        var the25th = new DateOnly(priorMonth.Year, priorMonth.Month, 25);
        return ExchangeBusinessDays.Add(group, the25th, ExchangeBusinessDays.IsBusinessDay(group, the25th) ? -3 : -4);
    }

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static RollRule Metal(string symbol, string months) =>
        new(symbol, months, ContractDate.ThirdLastBusinessDay, ContractDate.LastBusinessDayOfPriorMonth, 1, DayCount.Business);

    private static RollRule Grain(string symbol, string months) =>
        new(symbol, months, ContractDate.BusinessDayBeforeThe15th, ContractDate.LastBusinessDayOfPriorMonth, 2, DayCount.Business);

    private static IEnumerable<RollRule> Each(string[] symbols, Func<string, RollRule> rule) => symbols.Select(rule);
}
