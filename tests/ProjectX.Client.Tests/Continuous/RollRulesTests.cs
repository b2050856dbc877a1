using ProjectX.Client.Continuous;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Tests.Continuous;

public sealed class RollRulesTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

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
        Assert.Equal(new DateOnly(ey, em, ed), RollRules.ExpiryDate(ProductGroup.EquityIndex, year, month));
        Assert.Equal(Utc(ry, rm, rd, utcHour, 30), RollRules.RollInstant(ProductGroup.EquityIndex, year, month));
        Assert.Equal(DayOfWeek.Thursday, new DateOnly(ry, rm, rd).DayOfWeek);
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
    public void Bad_products_and_ranges_are_typed_errors()
    {
        var now = Utc(2026, 12, 5, 0, 0);
        Assert.Throws<UnknownProductException>(() => RollRules.Plan("NOPE", now.AddDays(-1), now));
        var noRule = Assert.Throws<ProjectXValidationException>(() => RollRules.Plan("CL", now.AddDays(-1), now));
        Assert.Equal(ValidationReason.NoRollRule, noRule.Reason);
        var before = Assert.Throws<ProjectXValidationException>(() => RollRules.Plan("ES", new DateTimeOffset(1999, 6, 1, 0, 0, 0, TimeSpan.Zero), now));
        Assert.Equal(ValidationReason.OutsideContractHistory, before.Reason);
        var reversed = Assert.Throws<ProjectXValidationException>(() => RollRules.Plan("ES", now, now));
        Assert.Equal(ValidationReason.InvalidDateRange, reversed.Reason);
        Assert.True(RollRules.Covers("MNQ"));
        Assert.False(RollRules.Covers("GC"));
        Assert.False(RollRules.Covers("NOPE"));
    }
}
