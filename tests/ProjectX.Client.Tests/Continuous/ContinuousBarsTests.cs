using ProjectX.Client.Continuous;
using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Sessions;
using ProjectX.Client.State;
using ProjectX.Client.Tests.Support;
using static ProjectX.Client.Tests.Realtime.RealtimeHarness;

namespace ProjectX.Client.Tests.Continuous;

/// <summary>Continuous history against the simulator, whose months differ by their cost of carry.</summary>
public sealed class ContinuousBarsTests
{
    // MNQ/NQ/ES September 2026 roll: Thursday 2026-09-10 08:30 CDT (expiry Friday 2026-09-18).
    private static readonly DateTimeOffset SummerRoll = new(2026, 9, 10, 13, 30, 0, TimeSpan.Zero);
    // ES December 2025 roll: Thursday 2025-12-11 08:30 CST (expiry Friday 2025-12-19).
    private static readonly DateTimeOffset WinterRoll = new(2025, 12, 11, 14, 30, 0, TimeSpan.Zero);

    private static BarsRequest HalfHours(string instrument, DateTimeOffset start, DateTimeOffset end, BackAdjustment adjustment = BackAdjustment.None) =>
        new(instrument, AggregateBarUnit.Minute, 30) { Start = start, End = end, Continuous = true, Adjustment = adjustment };

    private static Task<IReadOnlyList<AggregateBarModel>> RawAsync(ProjectXClient client, string contractId, DateTimeOffset start, DateTimeOffset end) =>
        client.GetBarsAsync(new BarsRequest(contractId, AggregateBarUnit.Minute, 30) { Start = start, End = end });

    [Theory]
    [InlineData("MNQ", "CON.F.US.MNQ.U26", "CON.F.US.MNQ.Z26")]
    [InlineData("ES", "CON.F.US.EP.U26", "CON.F.US.EP.Z26")]
    public async Task Bars_switch_contract_exactly_at_the_roll_with_none_missing_or_repeated(string symbol, string september, string december)
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var (start, end) = (SummerRoll.AddDays(-1).Date, SummerRoll.AddDays(2).Date);
        var series = await client.GetContinuousBarsAsync(HalfHours(symbol, start, end));

        // Every half hour of the three days once, in order.
        Assert.Equal(Enumerable.Range(0, 3 * 48).Select(i => new DateTimeOffset(start, TimeSpan.Zero).AddMinutes(30 * i)), series.Bars.Select(b => b.T));
        Assert.Equal([september, december], series.Segments.Select(s => s.ContractId));
        Assert.Equal(SummerRoll, series.Segments[0].To);

        // Before the roll the September month's own bars, from the roll on December's: compared with each contract read alone.
        var sep = await RawAsync(client, september, start, end);
        var dec = await RawAsync(client, december, start, end);
        Assert.Equal(sep.Where(b => b.T < SummerRoll).Select(Ohlcv), series.Bars.Where(b => b.T < SummerRoll).Select(Ohlcv));
        Assert.Equal(dec.Where(b => b.T >= SummerRoll).Select(Ohlcv), series.Bars.Where(b => b.T >= SummerRoll).Select(Ohlcv));
        Assert.Equal(september, series.ContractOf(series.Bars.Last(b => b.T < SummerRoll)));
        Assert.Equal(december, series.ContractOf(series.Bars.First(b => b.T >= SummerRoll)));

        // The gap is measured on the 13:00 bar (the last that starts before 13:30) in both months: a few tenths of a percent of contango.
        var gap = Assert.Single(series.Rolls);
        var measuredAt = SummerRoll.AddMinutes(-30);
        Assert.Equal((SummerRoll, september, december, measuredAt), (gap.At, gap.FromContract, gap.ToContract, gap.MeasuredAt));
        Assert.Equal(sep.Single(b => b.T == measuredAt).C, gap.FromClose);
        Assert.Equal(dec.Single(b => b.T == measuredAt).C, gap.ToClose);
        Assert.InRange(gap.ToClose / gap.FromClose, 1.004m, 1.012m);
    }

    [Fact]
    public async Task Back_adjustment_moves_older_bars_by_the_gap_or_the_ratio()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var (start, end) = (SummerRoll.AddHours(-3), SummerRoll.AddHours(2));
        var sep = await RawAsync(client, "CON.F.US.MNQ.U26", start, end);
        var dec = await RawAsync(client, "CON.F.US.MNQ.Z26", start, end);
        decimal oldClose = sep.Single(b => b.T == SummerRoll.AddMinutes(-30)).C, newClose = dec.Single(b => b.T == SummerRoll.AddMinutes(-30)).C;
        var before = sep.Where(b => b.T < SummerRoll).ToList();
        var after = dec.Where(b => b.T >= SummerRoll).ToList();

        var difference = await client.GetBarsAsync(HalfHours("MNQ", start, end, BackAdjustment.Difference));
        var gap = newClose - oldClose;
        Assert.Equal(before.Select(b => (b.T, b.O + gap, b.H + gap, b.L + gap, b.C + gap, b.V)).Concat(after.Select(Full)), difference.Select(Full));

        var ratio = await client.GetBarsAsync(HalfHours("MNQ", start, end, BackAdjustment.Ratio));
        var r = newClose / oldClose;
        Assert.Equal(before.Select(b => (b.T, b.O * r, b.H * r, b.L * r, b.C * r, b.V)).Concat(after.Select(Full)), ratio.Select(Full));

        // Unadjusted, the roll shows the gap; adjusted, the last old close meets the new month's level.
        var none = await client.GetBarsAsync(HalfHours("MNQ", start, end));
        Assert.Equal(oldClose, none.Single(b => b.T == SummerRoll.AddMinutes(-30)).C);
        Assert.Equal(newClose, difference.Single(b => b.T == SummerRoll.AddMinutes(-30)).C);
        // The ratio is a decimal quotient (28 significant digits), so old × ratio meets the new close to within 1e-20.
        Assert.Equal(newClose, Math.Round(ratio.Single(b => b.T == SummerRoll.AddMinutes(-30)).C, 20));
    }

    [Fact]
    public async Task Two_rolls_add_their_gaps_and_multiply_their_ratios()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var juneRoll = new DateTimeOffset(2026, 6, 11, 13, 30, 0, TimeSpan.Zero);
        var (start, end) = (juneRoll.AddDays(-1), SummerRoll.AddDays(1));
        var request = new BarsRequest("ES", AggregateBarUnit.Hour, 4) { Start = start, End = end, Continuous = true, Adjustment = BackAdjustment.Difference };
        var series = await client.GetContinuousBarsAsync(request);
        Assert.Equal(["CON.F.US.EP.M26", "CON.F.US.EP.U26", "CON.F.US.EP.Z26"], series.Segments.Select(s => s.ContractId));
        Assert.Equal(2, series.Rolls.Count);

        // The 4-hour bar holding 13:30 starts at 12:00, before the roll: it is the old month's, and the gap is measured on it.
        Assert.All(series.Rolls, g => Assert.Equal(g.At.AddMinutes(-90), g.MeasuredAt));
        var june = await client.GetBarsAsync(new BarsRequest("CON.F.US.EP.M26", AggregateBarUnit.Hour, 4) { Start = start, End = juneRoll });
        var first = series.Bars[0];
        var raw = june.Single(b => b.T == first.T);
        var bothGaps = series.Rolls[0].Difference + series.Rolls[1].Difference;
        Assert.Equal(raw.C + bothGaps, first.C);

        request.Adjustment = BackAdjustment.Ratio;
        var ratio = await client.GetContinuousBarsAsync(request);
        Assert.Equal(raw.C * (ratio.Rolls[1].Ratio * ratio.Rolls[0].Ratio), ratio.Bars[0].C);
        Assert.Equal(raw.V, ratio.Bars[0].V); // volume is never adjusted
    }

    [Fact]
    public async Task A_winter_roll_follows_central_standard_time()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var series = await client.GetContinuousBarsAsync(HalfHours("ES", WinterRoll.AddHours(-2), WinterRoll.AddHours(2)));
        Assert.Equal(["CON.F.US.EP.Z25", "CON.F.US.EP.H26"], series.Segments.Select(s => s.ContractId));
        Assert.Equal(8, series.Bars.Count);
        Assert.Equal("CON.F.US.EP.Z25", series.ContractOf(series.Bars.Single(b => b.T == WinterRoll.AddMinutes(-30))));
        Assert.Equal("CON.F.US.EP.H26", series.ContractOf(series.Bars.Single(b => b.T == WinterRoll)));
    }

    [Fact]
    public async Task Count_reads_back_across_the_roll_and_a_contract_ends_the_series()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var end = SummerRoll.AddHours(1);
        var log = CallLog.Attach(client);
        var last5 = await client.GetBarsAsync(new BarsRequest("NQ", AggregateBarUnit.Minute, 30) { End = end, Count = 5, Continuous = true });
        Assert.Equal(Enumerable.Range(-3, 5).Select(i => SummerRoll.AddMinutes(30 * i)), last5.Select(b => b.T));

        // Ending in the September contract: its bars run on past the rule's roll, to its expiry and no further.
        var september = await client.GetContinuousBarsAsync(new BarsRequest("CON.F.US.ENQ.U26", AggregateBarUnit.Day, 1)
        {
            Start = SummerRoll.AddDays(-100), End = SummerRoll.AddDays(30), Continuous = true,
        });
        Assert.Equal(["CON.F.US.ENQ.M26", "CON.F.US.ENQ.U26"], september.Segments.Select(s => s.ContractId));
        Assert.Equal(new DateTimeOffset(2026, 9, 18, 0, 0, 0, TimeSpan.Zero), september.Bars[^1].T);

        // An expired month's name works too (search lists live months only): NQU6 in a 2026 range is September 2026.
        var byName = await client.GetContinuousBarsAsync(new BarsRequest("NQU6", AggregateBarUnit.Day, 1)
        {
            Start = SummerRoll.AddDays(-100), End = SummerRoll.AddDays(30), Continuous = true,
        });
        Assert.Equal(september.Segments, byName.Segments);
        Assert.Equal(september.Bars.Select(Full), byName.Bars.Select(Full));
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_sent()
    {
        await using var server = await Sim.StartAsync();
        await using var client = await Sim.ConnectAsync(server);
        var log = CallLog.Attach(client);
        var now = server.Gateway.Time.GetUtcNow();
        await Assert.ThrowsAsync<UnknownProductException>(() => client.GetBarsAsync(HalfHours("NOPE", now.AddDays(-1), now)));
        var reversed = await Assert.ThrowsAsync<ProjectXValidationException>(() => client.GetBarsAsync(HalfHours("CL", now, now.AddDays(-1))));
        Assert.Equal(ValidationReason.InvalidDateRange, reversed.Reason);
        var tooOld = await Assert.ThrowsAsync<ProjectXValidationException>(() => client.GetBarsAsync(HalfHours("MNQ", new DateTimeOffset(1999, 12, 1, 0, 0, 0, TimeSpan.Zero), now)));
        Assert.Equal(ValidationReason.OutsideContractHistory, tooOld.Reason);
        var badAdjustment = await Assert.ThrowsAsync<ProjectXValidationException>(() => client.GetBarsAsync(HalfHours("MNQ", now.AddDays(-1), now, (BackAdjustment)7)));
        Assert.Equal(ValidationReason.InvalidArgument, badAdjustment.Reason);
        Assert.Empty(log.All);
    }

    [Fact]
    public async Task Watching_a_symbol_right_after_a_roll_seeds_bars_from_both_months_on_the_new_months_level()
    {
        var time = new ShiftedTimeProvider(SummerRoll.AddMinutes(20));
        await using var server = await Sim.StartAsync(time: time);
        await using var client = await ConnectAsync(server, o => o.TimeProvider = time);
        await using var live = await LiveAccount.StartAsync(client, new LiveAccountOptions { Realtime = FastOptions() });

        var mnq = await live.WatchAsync("MNQ", new WatchOptions { Timeframes = [Timeframe.OneMinute], HistoryBars = 60, Quotes = false, Trades = false });
        Assert.Equal("CON.F.US.MNQ.Z26", mnq.ContractId);
        var seeded = mnq.Bars![Timeframe.OneMinute].Last(60, includeForming: false);
        var before = seeded.Where(b => b.Start < SummerRoll).ToList();
        Assert.True(before.Count >= 30, $"only {before.Count} bars before the roll");

        var oneMinute = (AggregateBarUnit.Minute, 1);
        var sep = await client.GetBarsAsync(new BarsRequest("CON.F.US.MNQ.U26", oneMinute.Minute, 1) { Start = SummerRoll.AddHours(-2), End = SummerRoll });
        var dec = await client.GetBarsAsync(new BarsRequest("CON.F.US.MNQ.Z26", oneMinute.Minute, 1) { Start = SummerRoll.AddMinutes(-1), End = SummerRoll });
        var gap = dec.Single().C - sep[^1].C;
        Assert.NotEqual(0m, gap);
        Assert.Equal(
            before.Select(b => sep.Single(s => s.T == b.Start)).Select(s => (s.T, s.O + gap, s.H + gap, s.L + gap, s.C + gap)),
            before.Select(b => (b.Start, b.Open, b.High, b.Low, b.Close)));
    }

    private static (decimal, decimal, decimal, decimal, long) Ohlcv(AggregateBarModel b) => (b.O, b.H, b.L, b.C, b.V);

    private static (DateTimeOffset, decimal, decimal, decimal, decimal, long) Full(AggregateBarModel b) => (b.T, b.O, b.H, b.L, b.C, b.V);
}
