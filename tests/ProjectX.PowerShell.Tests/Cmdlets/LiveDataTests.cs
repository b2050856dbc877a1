using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>
/// The realtime side against the in-process simulator (REST and both hubs in memory): hub states, quotes, the
/// order book, quote streaming with Ctrl+C, live bar feeds. Market data only: these tests place no orders.
/// </summary>
public sealed class LiveDataTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Get_PxConnection_shows_connected_hubs_and_NotStarted_without_realtime()
    {
        using var session = new PowerShellSession();
        var live = Assert.Single(session.Run("Connect-ProjectX -Simulator; Get-PxConnection").AssertNoErrors().Output);
        var rest = Assert.Single(session.Run("Connect-ProjectX -Simulator -NoRealtime -PassThru").AssertNoErrors().Output);

        Assert.Equal(("Connected", "Connected", true), (live.Prop<string>("UserHubState"), live.Prop<string>("MarketHubState"), live.Prop<bool>("RealtimeEnabled")));
        Assert.Equal(("NotStarted", "NotStarted", false), (rest.Prop<string>("UserHubState"), rest.Prop<string>("MarketHubState"), rest.Prop<bool>("RealtimeEnabled")));
        var afterDisconnect = session.Run("Disconnect-ProjectX -Connection $live; $live.UserHubState.ToString(); $live.MarketHubState.ToString()", new() { ["live"] = live }).AssertNoErrors();
        Assert.Equal(["Disconnected", "Disconnected"], afterDisconnect.Strings);
    }

    [Fact]
    public void Connect_searches_the_accounts_once_and_with_realtime_seeds_the_live_state_over_REST()
    {
        using var session = new PowerShellSession();
        var live = session.Run("Connect-ProjectX -Simulator -Verbose").AssertNoErrors();
        var rest = session.Run("Connect-ProjectX -Simulator -NoRealtime -Verbose").AssertNoErrors();

        static string[] Calls(ScriptResult r) => [.. r.Verbose.Select(v => v.Message).Where(m => m.Contains(": succeeded", StringComparison.Ordinal)).Select(m => m[..m.IndexOf(':', StringComparison.Ordinal)])];
        Assert.Equal(["Auth/loginKey", "Account/search"], Calls(rest));
        // With realtime, the client's subscription re-sync reads the accounts once more, then orders and positions are seeded.
        Assert.Equal(["Auth/loginKey", "Account/search"], Calls(live).Take(2));
        Assert.Contains("Position/searchOpen", Calls(live));
        Assert.Contains(live.Verbose, v => v.Message.EndsWith("realtime on.", StringComparison.Ordinal));
        Assert.Contains(rest.Verbose, v => v.Message.EndsWith("realtime off.", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_PxQuote_and_Get_PxOrderBook_read_the_live_market()
    {
        using var session = new PowerShellSession();
        var result = session.Run("""
            Connect-ProjectX -Simulator
            Get-PxInstrument MNQ | Get-PxQuote
            Get-PxOrderBook MNQ, MES -Levels 3
            """).AssertNoErrors();

        var quote = Assert.Single(result.OfType("ProjectX.Quote"));
        Assert.Equal("MNQ", quote.Prop<string>("Symbol"));
        Assert.True(quote.Prop<decimal>("Bid") < quote.Prop<decimal>("Ask"));
        Assert.True(quote.Prop<decimal>("Last") > 0);
        var books = result.OfType("ProjectX.OrderBook");
        Assert.Equal(["MNQ", "MES"], books.Select(b => b.Prop<string>("Symbol")).ToArray());
        foreach (var book in books)
        {
            Assert.True(book.Prop<decimal>("BestBid") < book.Prop<decimal>("BestAsk"));
            Assert.InRange(((Array)book.Properties["Bids"].Value).Length, 1, 3);
            Assert.InRange(((Array)book.Properties["Asks"].Value).Length, 1, 3);
            Assert.InRange(book.Prop<decimal>("Imbalance"), -1m, 1m);
        }
    }

    [Fact]
    public void Live_cmdlets_need_realtime_and_say_so()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-ProjectX -Simulator -NoRealtime").AssertNoErrors();
        var result = session.Run("""
            foreach ($command in { Get-PxQuote MNQ }, { Watch-PxQuote MNQ -Count 1 }, { Get-PxOrderBook MNQ }, { Start-PxDataFeed MNQ }, { Register-PxEvent Quote }, { Get-PxBar MNQ -Live }) {
                try { & $command } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            }
            (Get-PxConnection).RealtimeEnabled
            """);

        Assert.Equal(Enumerable.Repeat("ProjectX.RealtimeUnavailable", 6).Append("False"), result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Watch_PxQuote_writes_Count_quotes_then_ends_and_Timeout_ends_quietly()
    {
        using var session = new PowerShellSession();
        var result = session.Run("""
            Connect-ProjectX -Simulator
            Watch-PxQuote MNQ, MES -Count 4
            'timeout:'
            @(Watch-PxQuote MNQ -Timeout 1 | Where-Object Symbol -ne 'MNQ').Count
            """).AssertNoErrors();

        var quotes = result.OfType("ProjectX.Quote");
        Assert.Equal(4, quotes.Count);
        Assert.All(quotes, q => Assert.Contains(q.Prop<string>("Symbol"), new[] { "MNQ", "MES" }));
        Assert.Equal([0], result.Output.SkipWhile(o => !"timeout:".Equals(o.BaseObject)).Skip(1).Select(o => (int)o.BaseObject).ToArray());
    }

    [Fact]
    public async Task Ctrl_C_stops_Watch_PxQuote()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-ProjectX -Simulator").AssertNoErrors();
        using var ps = session.Create("Watch-PxQuote MNQ");
        var output = new PSDataCollection<PSObject>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        output.DataAdded += (_, _) => first.TrySetResult();

        var run = ps.BeginInvoke<PSObject, PSObject>(null, output);
        await first.Task.WaitAsync(Patience);
        await Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop).WaitAsync(Patience);

        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(run.AsyncWaitHandle.WaitOne(Patience));
        Assert.NotEmpty(output);
        // The runspace is usable again: the stopped watch left nothing behind.
        Assert.Single(session.Run("Get-PxQuote MNQ").AssertNoErrors().OfType("ProjectX.Quote"));
    }

    [Fact]
    public void Start_PxDataFeed_seeds_bars_that_Get_PxBar_Live_reads_until_Stop_PxDataFeed()
    {
        using var session = new PowerShellSession();
        var result = session.Run("""
            Connect-ProjectX -Simulator
            Start-PxDataFeed -Symbol MNQ -Timeframe 1min, 5min -HistoryCount 20
            Get-PxBar MNQ -Timeframe 5min -Live -Count 3
            'partial:'
            @(Get-PxBar MNQ -Timeframe 1min -Live -Count 2 -IncludePartialBar).Count
            Stop-PxDataFeed -Symbol MN*
            try { Get-PxBar MNQ -Timeframe 5min -Live -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            """).AssertNoErrors();

        var feed = Assert.Single(result.OfType("ProjectX.DataFeed"));
        Assert.Equal(["1min", "5min"], ((IEnumerable<object>)feed.Properties["Timeframes"].Value).Select(o => o.ToString()!).ToArray());
        var bars = result.OfType("ProjectX.Bar");
        Assert.Equal(3, bars.Count);
        Assert.All(bars, b => Assert.Equal("5min", b.Prop<string>("Timeframe")));
        Assert.True(bars[0].Prop<DateTimeOffset>("Time") < bars[2].Prop<DateTimeOffset>("Time"));
        Assert.Equal(["partial:", "2", "ProjectX.NoDataFeed"], result.Output.Where(o => o.BaseObject is string or int).Select(o => o.ToString()).ToArray());
    }
}
