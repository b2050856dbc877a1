using System.Globalization;
using ProjectX.Client.Continuous;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Tests.Continuous;

/// <summary>
/// Every reference date here was worked out by hand from the exchange's published rule and a printed calendar
/// (the CME holidays of 2026–2027: Jan 1, MLK, Presidents' Day, Good Friday, Memorial Day, Juneteenth, Independence
/// Day, Labor Day, Thanksgiving, Christmas; the day after Thanksgiving and Christmas Eve are shortened trade dates),
/// or copied from a published calendar, never from the code under test. The rule and its source per product are in
/// RollRules' remarks and docs/continuous-contracts.md.
/// </summary>
public sealed class RollRulesTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // CME Group, "Equity Index Roll Dates" (cmegroup.com/trading/equity-index/rolldates.html): expiration 9/19/2014,
    // roll 9/11/2014; expiration 12/19/2014, roll 12/11/2014; the lead month changes at 8:30 a.m. CT on the roll date.
    // 2026 dates: third Fridays from a calendar (Mar 20, Jun 19, Sep 18, Dec 18), eight days earlier, in CDT or CST.
    [Theory]
    [InlineData(2014, 9, 2014, 9, 19, 2014, 9, 11, 13)]   // CDT: 08:30 CT = 13:30 UTC
    [InlineData(2014, 12, 2014, 12, 19, 2014, 12, 11, 14)] // CST: 08:30 CT = 14:30 UTC
    [InlineData(2026, 3, 2026, 3, 20, 2026, 3, 12, 13)]    // DST began 2026-03-08
    [InlineData(2026, 6, 2026, 6, 19, 2026, 6, 11, 13)]
    [InlineData(2026, 9, 2026, 9, 18, 2026, 9, 10, 13)]
    [InlineData(2026, 12, 2026, 12, 18, 2026, 12, 10, 14)]
    public void Equity_index_rolls_eight_days_before_the_third_friday_at_the_regular_open(
        int year, int month, int ey, int em, int ed, int ry, int rm, int rd, int utcHour)
    {
        foreach (var product in new[] { "ES", "MNQ", "CON.F.US.ENQ.Z26", "M2K" })
        {
            Assert.Equal(new DateOnly(ey, em, ed), RollRules.ExpiryDate(product, year, month));
            Assert.Equal(Utc(ry, rm, rd, utcHour, 30), RollRules.RollInstant(product, year, month));
        }
        Assert.Equal(DayOfWeek.Thursday, new DateOnly(ry, rm, rd).DayOfWeek);
    }

    // Worked by hand, one or more months per product; the comment shows the count. FND = first notice day, the last
    // business day of the month before the contract month; FPD = First Position Day, the business day before it.
    // Roll instants: the group's regular open in Chicago (rates, metals, FX 07:20; energy 08:00; grains 08:30), with
    // DST 2026-03-08..11-01 and 2027-03-14..11-07 (CDT = UTC-5, CST = UTC-6).
    [Theory]
    // Rates. ZN Z26: last business day Thu Dec 31; 7 back: 30, 29, 28, 24 (Christmas Eve trades), 23, 22, 21.
    // FND Mon Nov 30; 2 back: Fri Nov 27 (shortened, trades), Wed Nov 25 (Thanksgiving Nov 26 is not a business day).
    [InlineData("ZN", 2026, 12, "2026-12-21", "2026-11-25", 13, 20)]
    // ZB H27: last business day Wed Mar 31; 7 back: 30, 29, (Good Friday Mar 26), 25, 24, 23, 22, 19. FND Fri Feb 26; 25, 24.
    [InlineData("ZB", 2027, 3, "2027-03-19", "2027-02-24", 13, 20)]
    // ZT U26: the last business day, Wed Sep 30. FND Mon Aug 31; 2 back: Fri Aug 28, Thu Aug 27.
    [InlineData("ZT", 2026, 9, "2026-09-30", "2026-08-27", 12, 20)]
    // ZF M26: Tue Jun 30. FND Fri May 29; 28, 27.
    [InlineData("ZF", 2026, 6, "2026-06-30", "2026-05-27", 12, 20)]
    // TN H26: last business day Tue Mar 31; 7 back: 30, 27, 26, 25, 24, 23, 20. FND Fri Feb 27; 26, 25 (CST).
    [InlineData("TN", 2026, 3, "2026-03-20", "2026-02-25", 13, 20)]
    // UB M27: last business day Wed Jun 30; 7 back: 29, 28, 25, 24, 23, 22, 21. FND: May 31 is Memorial Day, so
    // Fri May 28; 2 back: 27, 26.
    [InlineData("UB", 2027, 6, "2027-06-21", "2027-05-26", 12, 20)]
    // Metals: third-last business day; roll on FPD. GC G27: Feb 26, 25, 24; FND Fri Jan 29, FPD Thu Jan 28 (CST).
    [InlineData("GC", 2027, 2, "2027-02-24", "2027-01-28", 13, 20)]
    // GC Z26: Dec 31, 30, 29; FND Mon Nov 30, FPD Fri Nov 27 (the shortened day after Thanksgiving trades).
    [InlineData("GC", 2026, 12, "2026-12-29", "2026-11-27", 13, 20)]
    // MGC Q26: Mon Aug 31, Fri 28, Thu 27; FND Fri Jul 31, FPD Thu Jul 30.
    [InlineData("MGC", 2026, 8, "2026-08-27", "2026-07-30", 12, 20)]
    // SI H27: Mar 31, 30, 29; FND Fri Feb 26, FPD Thu Feb 25 (CST).
    [InlineData("SI", 2027, 3, "2027-03-29", "2027-02-25", 13, 20)]
    // SIL N26: Jul 31, 30, 29; FND Tue Jun 30, FPD Mon Jun 29.
    [InlineData("SIL", 2026, 7, "2026-07-29", "2026-06-29", 12, 20)]
    // HG K26: May 29, 28, 27; FND Thu Apr 30, FPD Wed Apr 29.
    [InlineData("HG", 2026, 5, "2026-05-27", "2026-04-29", 12, 20)]
    // MHG U26: Sep 30, 29, 28; FND Mon Aug 31, FPD Fri Aug 28.
    [InlineData("MHG", 2026, 9, "2026-09-28", "2026-08-28", 12, 20)]
    // PL F27: Jan 29, 28, 27; FND Thu Dec 31, FPD Wed Dec 30 (CST).
    [InlineData("PL", 2027, 1, "2027-01-27", "2026-12-30", 13, 20)]
    // Energy. CL Z26: Nov 25 (Wed) is a business day, 3 back: 24, 23, Fri Nov 20. Roll 2 back: 19, Wed Nov 18 (CST).
    [InlineData("CL", 2026, 12, "2026-11-20", "2026-11-18", 14, 0)]
    // CL F27: Dec 25 is Christmas, so 4 back: 24 (shortened, trades), 23, 22, Mon Dec 21. Roll: 18, Thu Dec 17.
    [InlineData("CL", 2027, 1, "2026-12-21", "2026-12-17", 14, 0)]
    // CL J26: Mar 25 (Wed); 24, 23, Fri Mar 20. Roll: 19, Wed Mar 18 (CDT).
    [InlineData("CL", 2026, 4, "2026-03-20", "2026-03-18", 13, 0)]
    // MCL F27: one business day before CL's Dec 21: Fri Dec 18. Rolls with CL: Dec 17.
    [InlineData("MCL", 2027, 1, "2026-12-18", "2026-12-17", 14, 0)]
    // QM N26: CL N26 = Jun 25 (Thu) less 3: 24, 23, Mon Jun 22. QM one before: Fri Jun 19 is Juneteenth, so Thu
    // Jun 18. Roll 2 before CL's Jun 22: (19), 18, Wed Jun 17.
    [InlineData("QM", 2026, 7, "2026-06-18", "2026-06-17", 13, 0)]
    // NG F27: third-last business day of Dec 2026: 31, 30, Tue Dec 29. Roll 2 back: 28, (25 Christmas), Thu Dec 24.
    [InlineData("NG", 2027, 1, "2026-12-29", "2026-12-24", 14, 0)]
    // NG Z26: Nov 30, 27 (shortened, trades), (26 Thanksgiving), Wed Nov 25. Roll: 24, Mon Nov 23.
    [InlineData("NG", 2026, 12, "2026-11-25", "2026-11-23", 14, 0)]
    // QG and MNG Z26: one business day before NG: Tue Nov 24. They roll with NG: Nov 23.
    [InlineData("QG", 2026, 12, "2026-11-24", "2026-11-23", 14, 0)]
    [InlineData("MNG", 2026, 12, "2026-11-24", "2026-11-23", 14, 0)]
    // HO Z26: the last business day of November, Mon Nov 30; rolls with CL Z26: Nov 18.
    [InlineData("HO", 2026, 12, "2026-11-30", "2026-11-18", 14, 0)]
    // RB F27: Thu Dec 31, 2026; rolls with CL F27: Dec 17.
    [InlineData("RB", 2027, 1, "2026-12-31", "2026-12-17", 14, 0)]
    // FX. 6E U26: third Wednesday Sep 16, 2 back: 15, Mon Sep 14. Roll 5 back: 11, 10, 9, 8, (Labor Day Sep 7), Fri Sep 4
    // (CME's own table shows the same shift for September 2015: Friday, September 4, 2015).
    [InlineData("6E", 2026, 9, "2026-09-14", "2026-09-04", 12, 20)]
    // 6E Z26: third Wednesday Dec 16; Mon Dec 14; roll 11, 10, 9, 8, Mon Dec 7 (CST).
    [InlineData("6E", 2026, 12, "2026-12-14", "2026-12-07", 13, 20)]
    // 6C U26: the business day before Sep 16: Tue Sep 15; roll 6 back: 14, 11, 10, 9, 8, (7), Fri Sep 4.
    [InlineData("6C", 2026, 9, "2026-09-15", "2026-09-04", 12, 20)]
    // 6J H27: Mar 17 is the third Wednesday; Mon Mar 15; roll Mon Mar 8, still CST (DST starts 2027-03-14).
    [InlineData("6J", 2027, 3, "2027-03-15", "2027-03-08", 13, 20)]
    // M6E M26: Jun 17; Mon Jun 15; roll Mon Jun 8.
    [InlineData("M6E", 2026, 6, "2026-06-15", "2026-06-08", 12, 20)]
    // 6M H26: Mar 18; Mon Mar 16; roll Mon Mar 9, CDT since Mar 8.
    [InlineData("6M", 2026, 3, "2026-03-16", "2026-03-09", 12, 20)]
    // Grains: the business day before the 15th; roll 2 business days before FND. ZC H27: Mar 15 is a Monday, so Fri
    // Mar 12; FND Fri Feb 26; 25, 24 (CST).
    [InlineData("ZC", 2027, 3, "2027-03-12", "2027-02-24", 14, 30)]
    // ZC Z26: Mon Dec 14; FND Mon Nov 30; Nov 27 (grains trade a short day), (26), Wed Nov 25.
    [InlineData("ZC", 2026, 12, "2026-12-14", "2026-11-25", 14, 30)]
    // ZS F27: Jan 15 is a Friday, so Thu Jan 14; FND Thu Dec 31; 30, Tue Dec 29.
    [InlineData("ZS", 2027, 1, "2027-01-14", "2026-12-29", 14, 30)]
    // ZW N26: Tue Jul 14; FND Tue Jun 30; Mon 29, Fri Jun 26 (CDT).
    [InlineData("ZW", 2026, 7, "2026-07-14", "2026-06-26", 13, 30)]
    // ZM Q26: Aug 15 is a Saturday: Fri Aug 14; FND Fri Jul 31; 30, Wed Jul 29.
    [InlineData("ZM", 2026, 8, "2026-08-14", "2026-07-29", 13, 30)]
    // ZL V26: Wed Oct 14; FND Wed Sep 30; 29, Mon Sep 28.
    [InlineData("ZL", 2026, 10, "2026-10-14", "2026-09-28", 13, 30)]
    public void Each_product_expires_and_rolls_on_the_dates_its_rule_gives(string product, int year, int month, string lastTrade, string rollDate, int utcHour, int utcMinute)
    {
        Assert.Equal(Day(lastTrade), RollRules.ExpiryDate(product, year, month));
        Assert.Equal(Day(rollDate), RollRules.RollDate(product, year, month));
        var roll = Day(rollDate);
        Assert.Equal(Utc(roll.Year, roll.Month, roll.Day, utcHour, utcMinute), RollRules.RollInstant(product, year, month));
    }

    // CME Group, "FX Quarterly Roll Dates" (http://www.cmegroup.com/trading/fx/rolldates.html, read 2026-12-05): the
    // floor rolls 5 business days before expiration (6 for the Canadian dollar, which expires a day later), and its
    // table lists the same Monday for every pair. Years before the holiday table count weekdays; CME's September 2015
    // date (Friday the 4th, before Labor Day) is therefore left out: see docs/continuous-contracts.md, "Holidays".
    [Theory]
    [InlineData(2013, 3, "2013-03-11")]
    [InlineData(2013, 6, "2013-06-10")]
    [InlineData(2013, 9, "2013-09-09")]
    [InlineData(2013, 12, "2013-12-09")]
    [InlineData(2014, 3, "2014-03-10")]
    [InlineData(2014, 6, "2014-06-09")]
    [InlineData(2014, 9, "2014-09-08")]
    [InlineData(2014, 12, "2014-12-08")]
    [InlineData(2015, 3, "2015-03-09")]
    [InlineData(2015, 6, "2015-06-08")]
    [InlineData(2015, 12, "2015-12-07")]
    [InlineData(2016, 3, "2016-03-07")]
    [InlineData(2016, 6, "2016-06-06")]
    [InlineData(2016, 9, "2016-09-12")]
    [InlineData(2016, 12, "2016-12-12")]
    public void Fx_rolls_on_the_dates_cme_published(int year, int month, string rollDate)
    {
        foreach (var product in new[] { "6E", "6C", "6J", "6B", "M6E" })
            Assert.Equal(Day(rollDate), RollRules.RollDate(product, year, month));
    }

    // Last trading days from published calendars: E-mini crude (QM) 2022–2023 from AXC's NYMEX E-mini WTI page
    // (https://axc.vn/product/dau-wti-mini-nymex/?lang=en, read 2026-12-05; its H23 and N23 dates ignore Presidents'
    // Day and Juneteenth, so they are left out), and COMEX gold, COMEX copper and NYMEX natural gas 2008–2010 from
    // bohlish.com's expiration tables (http://www.bohlish.com/CEXP.cgi?Gold_CMX, ?Copper_High_Grade_CMX,
    // ?Natural_Gas_NYM, read 2026-12-05; its December 2010 gold and November natural gas dates treat the Friday after
    // Thanksgiving and New Year's Eve as holidays, so they are left out).
    [Theory]
    [InlineData("QM", 2023, 1, "2022-12-19")]
    [InlineData("QM", 2023, 2, "2023-01-19")]
    [InlineData("QM", 2023, 4, "2023-03-20")]
    [InlineData("QM", 2023, 5, "2023-04-19")]
    [InlineData("QM", 2023, 6, "2023-05-19")]
    [InlineData("QM", 2023, 8, "2023-07-19")]
    [InlineData("QM", 2023, 9, "2023-08-21")]
    [InlineData("QM", 2023, 10, "2023-09-19")]
    [InlineData("QM", 2023, 11, "2023-10-19")]
    [InlineData("GC", 2009, 2, "2009-02-25")]
    [InlineData("GC", 2009, 4, "2009-04-28")]
    [InlineData("GC", 2009, 6, "2009-06-26")]
    [InlineData("GC", 2009, 8, "2009-08-27")]
    [InlineData("GC", 2009, 12, "2009-12-29")]
    [InlineData("GC", 2010, 2, "2010-02-24")]
    [InlineData("GC", 2010, 4, "2010-04-28")]
    [InlineData("GC", 2010, 6, "2010-06-28")]
    [InlineData("GC", 2010, 8, "2010-08-27")]
    [InlineData("HG", 2009, 3, "2009-03-27")]
    [InlineData("HG", 2009, 5, "2009-05-27")]
    [InlineData("HG", 2009, 7, "2009-07-29")]
    [InlineData("HG", 2009, 9, "2009-09-28")]
    [InlineData("HG", 2009, 12, "2009-12-29")]
    [InlineData("NG", 2009, 1, "2008-12-29")]
    [InlineData("NG", 2009, 2, "2009-01-28")]
    [InlineData("NG", 2009, 3, "2009-02-25")]
    [InlineData("NG", 2009, 4, "2009-03-27")]
    [InlineData("NG", 2009, 6, "2009-05-27")]
    [InlineData("NG", 2009, 11, "2009-10-28")]
    public void Last_trading_days_match_published_calendars(string product, int year, int month, string lastTrade) =>
        Assert.Equal(Day(lastTrade), RollRules.ExpiryDate(product, year, month));

    [Fact]
    public void Past_the_holiday_table_a_rule_that_counts_business_days_is_refused_loudly_and_a_calendar_rule_still_answers()
    {
        // CL March 2028 expires in February 2028, past the table's 2027-12-31: no guess that could land on a holiday.
        var error = Assert.Throws<TradingCalendarNotCoveredException>(() => RollRules.RollDate("CL", 2028, 3));
        Assert.Equal(new DateOnly(2027, 12, 31), error.CoveredThrough);
        // The equity rule counts calendar days: ES March 2028 expires on the third Friday, 2028-03-17, and rolls 8 days before.
        Assert.Equal(new DateOnly(2028, 3, 9), RollRules.RollDate("ES", 2028, 3));
    }

    [Fact]
    public void Every_product_in_the_catalogue_has_a_rule_and_rolls_before_it_expires()
    {
        Assert.Equal(ProductGroups.All.Select(p => p.Symbol).Order(), RollRuleTable.All.Select(r => r.Symbol).Order());
        foreach (var product in ProductGroups.All)
        {
            Assert.True(RollRules.Covers(product.Symbol), product.Symbol);
            Assert.True(RollRules.Covers(product.Root), product.Root);
            var months = RollRules.Months(product.Symbol);
            Assert.NotEmpty(months);
            // From a year before the holiday table to its end: every month rolls on a business day of its group,
            // strictly before its last trading day, and later than the month before it rolled.
            var previous = DateTimeOffset.MinValue;
            for (var year = 2024; year <= 2027; year++)
            {
                foreach (var month in months)
                {
                    var roll = RollRules.RollDate(product.Symbol, year, month);
                    var expiry = RollRules.ExpiryDate(product.Symbol, year, month);
                    Assert.True(roll < expiry, $"{product.Symbol} {year}-{month}: roll {roll} is not before expiry {expiry}");
                    Assert.True(roll.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{product.Symbol} {year}-{month}: {roll}");
                    if (roll.Year is >= 2025 and <= 2027)
                        Assert.True(TradingCalendar.For(product.Group).IsTradingDay(roll), $"{product.Symbol} {year}-{month}: {roll} is not a trade date");
                    var instant = RollRules.RollInstant(product.Symbol, year, month);
                    Assert.True(instant > previous, $"{product.Symbol} {year}-{month}");
                    previous = instant;
                }
            }
        }
    }

    [Fact]
    public void A_plan_changes_contract_exactly_at_each_roll_instant()
    {
        var roll = Utc(2026, 9, 10, 13, 30);
        var plan = RollRules.Plan("NQ", roll.AddDays(-100), roll.AddDays(1));
        Assert.Equal(["CON.F.US.ENQ.M26", "CON.F.US.ENQ.U26", "CON.F.US.ENQ.Z26"], plan.Select(s => s.ContractId));
        Assert.Equal(roll.AddDays(-100), plan[0].From);
        Assert.Equal(Utc(2026, 6, 11, 13, 30), plan[0].To);
        Assert.Equal(plan[0].To, plan[1].From);
        Assert.Equal(roll, plan[1].To);
        Assert.Equal(roll, plan[2].From);
        Assert.Equal(roll.AddDays(1), plan[2].To);

        // One tick before the roll the old month is held; at the roll the new one.
        Assert.Equal("CON.F.US.MNQ.U26", Assert.Single(RollRules.Plan("MNQ", roll.AddTicks(-1), roll)).ContractId);
        Assert.Equal("CON.F.US.EP.Z26", Assert.Single(RollRules.Plan("ES", roll, roll.AddTicks(1))).ContractId);
        Assert.Equal("CON.F.US.EP.Z26", Assert.Single(RollRules.Plan("CON.F.US.EP.Z26", roll, roll.AddTicks(1))).ContractId);
    }

    [Fact]
    public void Plans_follow_each_products_own_months()
    {
        // Gold skips October: August rolls straight into December on its First Position Day, Thu 2026-07-30 07:20 CDT.
        var gold = RollRules.Plan("GC", Utc(2026, 6, 1, 0, 0), Utc(2026, 8, 1, 0, 0));
        Assert.Equal(["CON.F.US.GCE.Q26", "CON.F.US.GCE.Z26"], gold.Select(s => s.ContractId));
        Assert.Equal(Utc(2026, 7, 30, 12, 20), gold[0].To);

        // Crude rolls every month, in the month before the contract month: over November 2026 the series moves from
        // December (roll Wed Nov 18, 08:00 CST) to January.
        var crude = RollRules.Plan("CL", Utc(2026, 11, 1, 0, 0), Utc(2026, 12, 1, 0, 0));
        Assert.Equal(["CON.F.US.CLE.Z26", "CON.F.US.CLE.F27"], crude.Select(s => s.ContractId));
        Assert.Equal(Utc(2026, 11, 18, 14, 0), crude[0].To);

        // Soybeans use all seven listed months, platinum its quarterly F J N V; grains' December roll is Wed Nov 25.
        Assert.Equal([1, 3, 5, 7, 8, 9, 11], RollRules.Months("ZS"));
        Assert.Equal([1, 4, 7, 10], RollRules.Months("PL"));
        Assert.Equal(["CON.F.US.ZCE.Z26", "CON.F.US.ZCE.H27"],
            RollRules.Plan("ZC", Utc(2026, 11, 20, 0, 0), Utc(2026, 12, 1, 0, 0)).Select(s => s.ContractId));
        Assert.Equal(["CON.F.US.PLE.F27"], RollRules.Plan("PLF7", Utc(2026, 12, 1, 0, 0), Utc(2026, 12, 30, 13, 20)).Select(s => s.ContractId));
    }

    [Fact]
    public void Bad_products_and_ranges_are_typed_errors()
    {
        var now = Utc(2026, 12, 5, 0, 0);
        Assert.Throws<UnknownProductException>(() => RollRules.Plan("NOPE", now.AddDays(-1), now));
        Assert.Throws<UnknownProductException>(() => RollRules.ExpiryDate("NOPE", 2026, 12));
        var before = Assert.Throws<ProjectXValidationException>(() => RollRules.Plan("ES", new DateTimeOffset(1999, 6, 1, 0, 0, 0, TimeSpan.Zero), now));
        Assert.Equal(ValidationReason.OutsideContractHistory, before.Reason);
        var beforeCrude = Assert.Throws<ProjectXValidationException>(() => RollRules.Plan("CL", new DateTimeOffset(1999, 11, 1, 0, 0, 0, TimeSpan.Zero), now));
        Assert.Equal(ValidationReason.OutsideContractHistory, beforeCrude.Reason);
        var reversed = Assert.Throws<ProjectXValidationException>(() => RollRules.Plan("ES", now, now));
        Assert.Equal(ValidationReason.InvalidDateRange, reversed.Reason);
        Assert.Throws<ArgumentOutOfRangeException>(() => RollRules.ExpiryDate("ES", 2026, 13));
        Assert.True(RollRules.Covers("MNQ"));
        Assert.True(RollRules.Covers("GC"));
        Assert.True(RollRules.Covers("CON.F.US.TYA.Z26"));
        Assert.False(RollRules.Covers("NOPE"));
        Assert.False(RollRules.Covers(null));
    }
}
