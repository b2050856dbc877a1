using ProjectX.Client.Continuous;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Continuous;

/// <summary>
/// One roll of one product per non-equity group, stitched by the client from the simulator's expired months. The
/// roll instants are worked out by hand (RollRulesTests has the working); the back-adjusted prices are computed here
/// from each month read alone.
/// </summary>
public sealed class ContinuousRollsByGroupTests
{
    // A fixed "now" after every roll below, so the simulator serves all of it whatever the machine's clock says.
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, DateTimeOffset> Rolls => new()
    {
        // Gold August 2026 → December 2026 (October is not an active month): First Position Day Thu 2026-07-30, 07:20 CDT.
        { "GC", "CON.F.US.GCE.Q26", "CON.F.US.GCE.Z26", new DateTimeOffset(2026, 7, 30, 12, 20, 0, TimeSpan.Zero) },
        // WTI December 2026 → January 2027: 2 business days before the Fri 2026-11-20 expiry, Wed 11-18, 08:00 CST.
        { "CL", "CON.F.US.CLE.Z26", "CON.F.US.CLE.F27", new DateTimeOffset(2026, 11, 18, 14, 0, 0, TimeSpan.Zero) },
        // Euro FX September → December 2026: 5 business days before Mon 09-14, over Labor Day: Fri 2026-09-04, 07:20 CDT.
        { "6E", "CON.F.US.EU6.U26", "CON.F.US.EU6.Z26", new DateTimeOffset(2026, 9, 4, 12, 20, 0, TimeSpan.Zero) },
        // 10-year note September → December 2026: 2 business days before first notice day Mon 08-31: Thu 08-27, 07:20 CDT.
        { "ZN", "CON.F.US.TYA.U26", "CON.F.US.TYA.Z26", new DateTimeOffset(2026, 8, 27, 12, 20, 0, TimeSpan.Zero) },
        // Corn September → December 2026: 2 business days before first notice day Mon 08-31: Thu 08-27, 08:30 CDT.
        { "ZC", "CON.F.US.ZCE.U26", "CON.F.US.ZCE.Z26", new DateTimeOffset(2026, 8, 27, 13, 30, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Rolls))]
    public async Task The_series_switches_month_at_the_roll_and_back_adjusts_by_the_measured_gap(string symbol, string older, string newer, DateTimeOffset roll)
    {
        Assert.Equal(roll, RollRules.Plan(symbol, roll.AddTicks(-1), roll.AddTicks(1))[0].To);

        var time = new ShiftedTimeProvider(Now);
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await Sim.ConnectAsync(server, o => o.TimeProvider = time);
        var (start, end) = (roll.AddHours(-3), roll.AddHours(2));
        var old = await RawAsync(client, older, start, end);
        var @new = await RawAsync(client, newer, start, end);

        // The half hour that holds the roll (or starts at it) belongs to the month held at its open: the older one
        // when the roll falls inside the bar (07:20 → the 07:00 bar), the newer one when the bar starts at the roll.
        var halfHours = Enumerable.Range(0, 11).Select(i => start.AddMinutes(-start.Minute % 30).AddMinutes(30 * i)).Where(t => t >= start && t < end).ToList();
        var lastOld = halfHours.Last(t => t < roll);
        var expectedOld = old.Where(b => b.T >= start && b.T < roll).ToList();
        var expectedNew = @new.Where(b => b.T >= roll && b.T < end).ToList();

        var series = await client.GetContinuousBarsAsync(HalfHours(symbol, start, end, BackAdjustment.None));
        Assert.Equal([older, newer], series.Segments.Select(s => s.ContractId));
        Assert.Equal(roll, series.Segments[0].To);
        Assert.Equal(halfHours, series.Bars.Select(b => b.T));
        Assert.Equal(expectedOld.Concat(expectedNew).Select(Full), series.Bars.Select(Full));
        Assert.Equal(older, series.ContractOf(series.Bars.Single(b => b.T == lastOld)));
        Assert.Equal(newer, series.ContractOf(series.Bars.First(b => b.T > lastOld)));

        // The gap is measured on the last bar that starts before the roll, in both months.
        decimal oldClose = old.Single(b => b.T == lastOld).C, newClose = @new.Single(b => b.T == lastOld).C;
        var gap = Assert.Single(series.Rolls);
        Assert.Equal((roll, older, newer, lastOld, oldClose, newClose), (gap.At, gap.FromContract, gap.ToContract, gap.MeasuredAt, gap.FromClose, gap.ToClose));
        Assert.NotEqual(oldClose, newClose); // the simulator's months differ by their cost of carry

        var difference = await client.GetBarsAsync(HalfHours(symbol, start, end, BackAdjustment.Difference));
        var d = newClose - oldClose;
        Assert.Equal(
            expectedOld.Select(b => (b.T, b.O + d, b.H + d, b.L + d, b.C + d, b.V)).Concat(expectedNew.Select(Full)),
            difference.Select(Full));

        var ratio = await client.GetBarsAsync(HalfHours(symbol, start, end, BackAdjustment.Ratio));
        var r = newClose / oldClose;
        Assert.Equal(
            expectedOld.Select(b => (b.T, b.O * r, b.H * r, b.L * r, b.C * r, b.V)).Concat(expectedNew.Select(Full)),
            ratio.Select(Full));
        // The adjusted last old close meets the new month's level: exactly by difference, to 1e-20 by ratio.
        Assert.Equal(newClose, difference.Single(b => b.T == lastOld).C);
        Assert.Equal(newClose, Math.Round(ratio.Single(b => b.T == lastOld).C, 20));
    }

    private static BarsRequest HalfHours(string instrument, DateTimeOffset start, DateTimeOffset end, BackAdjustment adjustment) =>
        new(instrument, AggregateBarUnit.Minute, 30) { Start = start, End = end, Continuous = true, Adjustment = adjustment };

    private static Task<IReadOnlyList<AggregateBarModel>> RawAsync(ProjectXClient client, string contractId, DateTimeOffset start, DateTimeOffset end) =>
        client.GetBarsAsync(new BarsRequest(contractId, AggregateBarUnit.Minute, 30) { Start = start, End = end });

    private static (DateTimeOffset, decimal, decimal, decimal, decimal, long) Full(AggregateBarModel b) => (b.T, b.O, b.H, b.L, b.C, b.V);
}
