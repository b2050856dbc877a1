using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Client.Sessions;
using ProjectX.Client.Tests.Support;

namespace ProjectX.Client.Tests.Wire;

/// <summary>
/// BarsRequest.Session against the simulator (24/7 market, so the filter alone decides). Windows are written by hand:
/// Tuesday 14 July 2026, equity index: RTH 08:30-15:15 CDT = 13:30Z-20:15Z, the trade date runs 17:00-16:00 CDT.
/// </summary>
public sealed class SessionBarsTests
{
    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Rth_keeps_only_the_regular_session()
    {
        await using var server = await Sim.StartAsync(time: new FakeTimeProvider(T("2026-07-16T12:00:00Z")));
        await using var client = await Sim.ConnectAsync(server);
        var bars = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Minute, 5)
        {
            Start = T("2026-07-14T00:00:00Z"), End = T("2026-07-15T00:00:00Z"), Session = BarSession.Rth,
        });
        Assert.Equal(81, bars.Count); // 6 h 45 min of 5-minute bars
        Assert.Equal(T("2026-07-14T13:30:00Z"), bars[0].T);
        Assert.Equal(T("2026-07-14T20:10:00Z"), bars[^1].T);
    }

    [Fact]
    public async Task Eth_day_bars_are_trade_dates_built_from_the_gateways_intraday_bars()
    {
        await using var server = await Sim.StartAsync(time: new FakeTimeProvider(T("2026-07-16T12:00:00Z")));
        await using var client = await Sim.ConnectAsync(server);
        var days = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Day)
        {
            Start = T("2026-07-13T00:00:00Z"), End = T("2026-07-16T12:00:00Z"), Session = BarSession.Eth,
        });
        // Monday, Tuesday, Wednesday; Thursday's is still forming and left out.
        Assert.Equal([T("2026-07-12T22:00:00Z"), T("2026-07-13T22:00:00Z"), T("2026-07-14T22:00:00Z")], days.Select(d => d.T));

        // The reference: the gateway's own 30-minute bars, summed over 17:00-16:00 CDT (22:00Z to 21:00Z) by hand.
        var halfHours = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Minute, 30) { Start = T("2026-07-12T22:00:00Z"), End = T("2026-07-15T22:00:00Z") });
        foreach (var day in days)
        {
            var inside = halfHours.Where(b => b.T >= day.T && b.T < day.T.AddHours(23)).OrderBy(b => b.T).ToList();
            Assert.Equal(46, inside.Count);
            Assert.Equal(inside[0].O, day.O);
            Assert.Equal(inside.Max(b => b.H), day.H);
            Assert.Equal(inside.Min(b => b.L), day.L);
            Assert.Equal(inside[^1].C, day.C);
            Assert.Equal(inside.Sum(b => b.V), day.V);
        }
        // The gateway's own day bars are UTC days, which is why the client builds its own.
        var utcDays = await client.GetBarsAsync(new BarsRequest("MNQ", AggregateBarUnit.Day) { Start = T("2026-07-13T00:00:00Z"), End = T("2026-07-16T00:00:00Z") });
        Assert.All(utcDays, d => Assert.Equal(TimeSpan.Zero, d.T.TimeOfDay));
    }

    [Fact]
    public async Task On_saturday_fridays_day_bar_is_complete()
    {
        // Saturday 18 July 2026 12:00Z: Friday 17 July closed at 16:00 CDT, though its period runs to Sunday 17:00 CDT.
        await using var server = await Sim.StartAsync(time: new FakeTimeProvider(T("2026-07-18T12:00:00Z")));
        await using var client = await Sim.ConnectAsync(server);
        var days = await client.GetBarsAsync(new BarsRequest("MES", AggregateBarUnit.Day)
        {
            Days = 3, End = T("2026-07-18T12:00:00Z"), Session = BarSession.Eth,
        });
        Assert.Equal(T("2026-07-16T22:00:00Z"), days[^1].T); // Friday's bar, opened Thursday 17:00 CDT
        var rth = await client.GetBarsAsync(new BarsRequest("MES", AggregateBarUnit.Day)
        {
            Days = 3, End = T("2026-07-18T12:00:00Z"), Session = BarSession.Rth,
        });
        Assert.Equal(T("2026-07-16T22:00:00Z"), rth[^1].T);
        Assert.True(rth[^1].V < days[^1].V); // RTH is part of the day
    }

    [Fact]
    public async Task A_session_for_a_product_the_calendar_does_not_cover_is_refused()
    {
        await using var server = await Sim.StartAsync(time: new FakeTimeProvider(T("2026-07-16T12:00:00Z")));
        await using var client = await Sim.ConnectAsync(server);
        var contract = new ContractModel { Id = "CON.F.US.HE.Q26", Name = "HEQ6", SymbolId = "F.US.HE", TickSize = 0.025m, TickValue = 10m };
        await Assert.ThrowsAsync<UnknownProductException>(() => client.GetBarsAsync(new BarsRequest
        {
            Contract = contract, Unit = AggregateBarUnit.Day, Days = 5, End = T("2026-07-16T12:00:00Z"), Session = BarSession.Eth,
        }));
    }
}
