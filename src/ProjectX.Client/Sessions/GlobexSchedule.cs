using NodaTime;

namespace ProjectX.Client.Sessions;

/// <summary>
/// One product group's normal week on CME Globex, in America/Chicago local time: the open stretches of a trade
/// date D (the first opens on the calendar day before D; Monday's on Sunday) and the regular session on D.
/// Monday to Friday are trade dates; Saturday and Sunday never are, which gives the weekend close.
/// </summary>
/// <param name="Legs">Open stretches in order. A leg opens on D + <c>OpenDayOffset</c> and closes on D.</param>
/// <param name="RegularOpen">Start of the regular session (RTH) on D.</param>
/// <param name="RegularClose">End of the regular session on D.</param>
internal sealed record GlobexSchedule(ProductGroup Group, GlobexSchedule.Leg[] Legs, LocalTime RegularOpen, LocalTime RegularClose)
{
    /// <summary>One open stretch: opens at <c>Open</c> on D + <c>OpenDayOffset</c> (0 or -1), closes at <c>Close</c> on D.</summary>
    internal readonly record struct Leg(int OpenDayOffset, LocalTime Open, LocalTime Close);

    private static readonly LocalTime GlobexOpen = new(17, 0);
    private static readonly LocalTime GlobexClose = new(16, 0);

    // The 17:00-16:00 CT day with a 16:00-17:00 CT maintenance break, Sunday to Friday, for every group but
    // agriculture: CME contract specs ("Sunday - Friday 6:00 p.m. - 5:00 p.m. ET (5:00 p.m. - 4:00 p.m. CT).
    // Monday - Thursday ... 4:00 p.m. - 5:00 p.m. CT daily maintenance period"), e.g.
    // https://www.cmegroup.com/trading/interest-rates/us-treasury/ultra-10-year-us-treasury-note_contract_specifications.html
    // and https://www.cmegroup.com/trading/fx/g10/euro-fx_contractSpecs_options.html, read 2026-12-04.
    private static readonly Leg[] EveningToAfternoon = [new(-1, GlobexOpen, GlobexClose)];

    /// <summary>
    /// The schedule of each group. Regular sessions: equity index RTH is CME's own 08:30-15:15 CT (the price-limit
    /// RTH; CME Globex notice 20210621 removed the 15:15-15:30 halt from 2021-06-27, so 15:15-16:00 is extended
    /// trading). Agriculture's is CBOT's 08:30-13:20 CT day session (SER-7395R). CME defines no RTH for rates,
    /// metals, energy or FX any more; theirs are the former open-outcry hours, the convention charting platforms
    /// use: rates and FX 07:20-14:00 CT (CME specs: "Open Outcry: Mon-Fri 7:20 a.m. - 2:00 p.m. CT"), COMEX metals
    /// 08:20-13:30 ET = 07:20-12:30 CT, NYMEX energy 09:00-14:30 ET = 08:00-13:30 CT. Sources and read dates:
    /// docs/trading-calendar.md.
    /// </summary>
    public static GlobexSchedule For(ProductGroup group) => group switch
    {
        ProductGroup.EquityIndex => new(group, EveningToAfternoon, new(8, 30), new(15, 15)),
        ProductGroup.InterestRates => new(group, EveningToAfternoon, new(7, 20), new(14, 0)),
        ProductGroup.Metals => new(group, EveningToAfternoon, new(7, 20), new(12, 30)),
        ProductGroup.Energy => new(group, EveningToAfternoon, new(8, 0), new(13, 30)),
        ProductGroup.Fx => new(group, EveningToAfternoon, new(7, 20), new(14, 0)),
        // CBOT grains: 19:00-07:45 CT overnight, a 07:45-08:30 break, 08:30-13:20 CT day session (SER-6617 set the
        // 19:00/07:45/08:30 edges from 2013-04-07, SER-7395R moved the close to 13:20 from 2015-07-05).
        ProductGroup.Agriculture => new(group, [new(-1, new(19, 0), new(7, 45)), new(0, new(8, 30), new(13, 20))], new(8, 30), new(13, 20)),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "No Globex schedule for this group."),
    };
}
