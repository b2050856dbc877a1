using NodaTime;
using ProjectX.Client.Instruments;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Continuous;

/// <summary>
/// When a continuous series moves from one contract month to the next, per product. The rules are one table
/// (<see cref="RollRuleTable"/>), written down once here and in docs/continuous-contracts.md with their sources;
/// everything else asks this class. Each product has its contract months, its last trading day (the exchange's
/// rule) and a roll date, and the series holds a month until the roll instant: the group's regular-session open
/// (<see cref="GlobexSchedule.RegularOpen"/>) on the roll date, America/Chicago, so DST-aware.
/// </summary>
/// <remarks>
/// <para>Business days are CME trade dates of the product's group from the holiday table (2025–2027); outside those
/// years every weekday counts (<see cref="ExchangeBusinessDays"/>). Sources, all read 2026-12-05:</para>
/// <list type="bullet">
/// <item>Equity index (ES, MES, NQ, MNQ, YM, MYM, RTY, M2K): H M U Z; last trading day the third Friday; roll 8
/// calendar days earlier at 08:30 CT. CME Group, "Equity Index Roll Dates",
/// https://www.cmegroup.com/trading/equity-index/rolldates.html.</item>
/// <item>Rates (ZT, ZF, ZN, TN, ZB, UB): H M U Z. Last trading day: ZN, TN, ZB, UB the 7th business day before the
/// last business day of the contract month (https://cmegroup.com/trading/interest-rates/us-treasury/10-year-us-treasury-note_contractSpecs_futures.html,
/// https://www.cmegroup.com/trading/interest-rates/us-treasury/30-year-us-treasury-bond_contract_specifications.html,
/// https://www.cmegroup.com/trading/interest-rates/us-treasury/ultra-t-bond_contract_specifications.html,
/// https://bond.jugok.com/2021/10/cbot-tn-ultra-10-year-us-treasury-note.html); ZT and ZF the last business day of
/// the contract month (http://www.cmegroup.com/trading/interest-rates/us-treasury/2-year-us-treasury-note_contract_specifications.html;
/// ZF assumed alike, its own page not found).
/// First notice day is the last business day of the month before (https://futures.tradingcharts.com/chart/ZT/);
/// longs aim to have rolled by First Intention Day, the business day before it (Quantitative Brokers,
/// https://quantitativebrokers.com/blog/basics-of-us-treasury-futures-roll-microstructure). No exchange roll
/// convention found: ours rolls 2 business days before first notice day, at 07:20 CT.</item>
/// <item>Metals: GC, MGC G J M Q Z; SI, SIL, HG, MHG H K N U Z; PL F J N V. Last trading day the third-last business
/// day of the contract month (https://www.kgieworld.sg/futures/cme-comex-gold-contractspecs,
/// https://commodity.jugok.com/2021/11/cme-comex-mgc-micro-gold-futures-prices.html, https://www.lakefrontfutures.com/silver/,
/// https://www.cmegroup.com/education/articles-and-reports/copper-financial-futures-faq.html,
/// https://www.cmegroup.com/trading/metals/precious/platinum_contract_specifications.html). Roll: CME's settlement
/// procedures make "the nearest of the contract months listed below that is not the spot month" the active month,
/// which "becomes a non-active month effective on its First Position Date" (gold: G J M Q Z,
/// https://cmegroupclientsite.atlassian.net/wiki/spaces/EPICSANDBOX/pages/46108931/Gold; silver
/// https://www.cmegroup.com/confluence/display/EPICSANDBOX/Silver; copper
/// https://cmegroupclientsite.atlassian.net/wiki/pages/viewpage.action?pageId=46731214; platinum's active months
/// January, April, July, October from its specs; silver's H K N U Z is assumed from copper's long-dated months).
/// First Position Day is the business day before first notice day,
/// "the second to last business day in the month prior" (CME soybean specs, below). Roll at 07:20 CT that day.</item>
/// <item>Energy, monthly. CL: 3 business days before the 25th of the month before the contract month, 4 when the
/// 25th is not a business day (https://www.kgieworld.sg/futures/cme-nymex-wti-crude-contractspecs); MCL and QM one
/// business day before CL (https://cmegroup.com/education/courses/understanding-micro-futures-contracts-at-cme-group/micro-crude-futures/managing-expiration-of-the-micro-wti-crude-oil-futures-contract.html,
/// https://axc.vn/product/dau-wti-mini-nymex/?lang=en); NG the 3rd-last business day of the month before
/// (https://www.cmegroup.com/trading/energy/natural-gas/natural-gas_contract_specifications.html); QG and MNG one
/// business day before NG (http://www.cmegroup.com/trading/energy/natural-gas/emini-natural-gas_contract_specifications.html,
/// https://cmegroup.com/articles/faqs/micro-henry-hub-natural-gas-futures-and-options-frequently-asked-questions.html);
/// HO and RB the last business day of the month before (http://cmegroup.com/trading/energy/refined-products/heating-oil_contract_specifications.html,
/// https://www.cmegroup.com/trading/energy/refined-products/rbob-gasoline_contract_specifications.html). Roll: CME's
/// NG active month "becomes a non-active month effective two business days prior to the spot month expiration"
/// (https://cmegroupclientsite.atlassian.net/wiki/spaces/EPICSANDBOX/pages/46433194/Natural+Gas), and HO's "the same
/// day the Crude Oil rolls) effective two business days prior to the Crude Oil spot month expiration"
/// (https://cmegroupclientsite.atlassian.net/wiki/pages/diffpages.action?originalId=463536224&amp;pageId=457415161). So CL,
/// MCL, QM, HO and RB roll 2 business days before CL's last trading day (RB by analogy with HO: its procedure was
/// not found), NG, QG and MNG 2 business days before NG's, at 08:00 CT.</item>
/// <item>FX (6E, 6B, 6J, 6C, 6A, 6S, 6N, 6M, E7, M6E, M6B, M6A): H M U Z; last trading day the second business day
/// before the third Wednesday, the first for 6C; roll "5 business days (6 business days for Canadian dollar
/// futures) prior to expiration", the floor convention (CME Group, "FX Quarterly Roll Dates",
/// http://www.cmegroup.com/trading/fx/rolldates.html; https://cmegroup.com/trading/fx/fxdelivery.html). Roll at
/// 07:20 CT.</item>
/// <item>Grains: ZC, ZW H K N U Z; ZS F H K N Q U X; ZM, ZL F H K N Q U V Z. Last trading day the business day
/// before the 15th of the contract month (https://www.kgieworld.sg/futures/cme-corn-futures-contactspecs,
/// https://www.cmegroup.com/trading/agricultural/grain-and-oilseed/soybean_contract_specifications.html,
/// https://mikesmoneytalks.ca/soybeans-2; wheat assumed alike). First notice day the last business day of the month before ("August 31
/// is FIRST NOTICE DAY for September grain contracts", https://rjofutures.rjobrien.com/market-news/2017/08/21/roll-over-time/).
/// No exchange roll convention found: ours rolls 2 business days before first notice day, at 08:30 CT.</item>
/// </list>
/// A product <see cref="ProductGroups"/> knows but this table does not is a <see cref="ProjectXValidationException"/>
/// (<see cref="ValidationReason.NoRollRule"/>), never a guess.
/// </remarks>
public static class RollRules
{
    /// <summary>Contract ids name the year with two digits, so the months a continuous series can use lie in 2000–2099.</summary>
    public const int FirstYear = 2000;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2099;

    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb[TradingCalendar.TimeZoneId];

    /// <summary>True when <paramref name="product"/> (symbol, root, contract id or name) is known and has a roll rule.</summary>
    public static bool Covers(string? product) =>
        ProductGroups.TryResolve(product, out _) && RollRuleTable.Find(ProductGroups.ProductOf(product!).Symbol) is not null;

    /// <summary>The last trading day of a contract month (America/Chicago trade date).</summary>
    /// <exception cref="UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">The product has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static DateOnly ExpiryDate(string product, int year, int month)
    {
        var (known, rule) = RuleOf(product);
        CheckMonth(year, month);
        return RollRuleTable.DateOf(known.Group, rule.LastTrade, year, month);
    }

    /// <summary>The trade date on which a continuous series leaves the month for the next one.</summary>
    /// <exception cref="UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">The product has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static DateOnly RollDate(string product, int year, int month)
    {
        var (known, rule) = RuleOf(product);
        CheckMonth(year, month);
        return RollDate(known, rule, year, month);
    }

    /// <summary>The instant a continuous series leaves the month for the next one: the regular open on the roll date.</summary>
    /// <exception cref="UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">The product has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static DateTimeOffset RollInstant(string product, int year, int month)
    {
        var (known, rule) = RuleOf(product);
        CheckMonth(year, month);
        return RollInstant(known, rule, year, month);
    }

    /// <summary>The contract months a continuous series of the product uses, ascending, e.g. 3, 6, 9, 12.</summary>
    /// <exception cref="UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">The product has no rule (<see cref="ValidationReason.NoRollRule"/>).</exception>
    public static IReadOnlyList<int> Months(string product) => RuleOf(product).Rule.Months;

    /// <summary>
    /// The contracts a continuous series of <paramref name="product"/> (symbol NQ, root ENQ, a contract id or name)
    /// uses over [<paramref name="start"/>, <paramref name="end"/>), oldest first: each month from the previous
    /// month's roll instant (or <paramref name="start"/>) to its own roll instant (or <paramref name="end"/>).
    /// </summary>
    /// <exception cref="UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">No roll rule for the product, an empty range, or months outside 2000–2099.</exception>
    public static IReadOnlyList<ContractSegment> Plan(string product, DateTimeOffset start, DateTimeOffset end)
    {
        var (known, rule) = RuleOf(product);
        if (start >= end)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: {start:O} is not before {end:O}.", nameof(start));

        var segments = new List<ContractSegment>();
        var (year, month) = ActiveMonth(known, rule, start);
        for (var from = start; from < end;)
        {
            CheckYear(year, known.Symbol, start, end);
            var roll = RollInstant(known, rule, year, month);
            var to = roll < end ? roll : end;
            segments.Add(new ContractSegment(ContractNames.ContractId(known.Root, year, month), known.Symbol, from, to, roll));
            from = to;
            (year, month) = Next(rule, year, month);
        }
        return segments;
    }

    private static (ProductGroups.Product Known, RollRule Rule) RuleOf(string product)
    {
        var known = ProductGroups.ProductOf(product);
        return (known, RollRuleTable.Find(known.Symbol) ?? throw NoRule(known.Symbol));
    }

    private static DateOnly RollDate(ProductGroups.Product known, RollRule rule, int year, int month)
    {
        var anchor = RollRuleTable.DateOf(known.Group, rule.RollAnchor, year, month);
        return rule.Count == DayCount.Calendar
            ? anchor.AddDays(-rule.DaysBefore)
            : ExchangeBusinessDays.Add(known.Group, anchor, -rule.DaysBefore);
    }

    private static DateTimeOffset RollInstant(ProductGroups.Product known, RollRule rule, int year, int month)
    {
        var rollDate = RollDate(known, rule, year, month);
        var open = GlobexSchedule.For(known.Group).RegularOpen;
        var local = new LocalDateTime(rollDate.Year, rollDate.Month, rollDate.Day, open.Hour, open.Minute);
        return Chicago.AtStrictly(local).ToDateTimeOffset().ToUniversalTime();
    }

    /// <summary>The month a continuous series holds at <paramref name="at"/>: the first whose roll instant is after it.</summary>
    private static (int Year, int Month) ActiveMonth(ProductGroups.Product known, RollRule rule, DateTimeOffset at)
    {
        // Every month rolls before its last trading day, which lies in the contract month or the one before. So the
        // cycle months three months before at's month have rolled, and the first cycle month from there on is a
        // safe place to start walking forward.
        var utc = at.UtcDateTime;
        var index = (utc.Year * 12) + utc.Month - 1 - 3;
        var (year, month) = (index / 12, (index % 12) + 1);
        if (!rule.Months.Contains(month))
            (year, month) = Next(rule, year, month);
        while (year <= LastYear && RollInstant(known, rule, year, month) <= at)
            (year, month) = Next(rule, year, month);
        return (year, month);
    }

    private static (int Year, int Month) Next(RollRule rule, int year, int month)
    {
        var later = rule.Months.FirstOrDefault(m => m > month);
        return later == 0 ? (year + 1, rule.Months[0]) : (year, later);
    }

    private static void CheckMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2200);
    }

    private static void CheckYear(int year, string symbol, DateTimeOffset start, DateTimeOffset end)
    {
        if (year is < FirstYear or > LastYear)
            throw new ProjectXValidationException(ValidationReason.OutsideContractHistory,
                $"A continuous {symbol} series over {start:u} – {end:u} needs the {year} contracts, but contract ids can only name {FirstYear}–{LastYear}.", "Start");
    }

    private static ProjectXValidationException NoRule(string symbol) => new(
        ValidationReason.NoRollRule,
        $"{symbol}: continuous history has no roll rule for this product. Fetch one contract at a time instead.",
        "Instrument");
}

/// <summary>
/// One contract's stretch of a continuous series: its bars that start in [<see cref="From"/>, <see cref="To"/>).
/// <see cref="RollAt"/> is the rule's roll instant out of this month (after <see cref="To"/> when the series ends earlier).
/// </summary>
public sealed record ContractSegment(string ContractId, string Symbol, DateTimeOffset From, DateTimeOffset To, DateTimeOffset RollAt);
