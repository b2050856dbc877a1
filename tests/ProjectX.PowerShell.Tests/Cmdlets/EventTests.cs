using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>
/// Register-PxEvent on the in-process simulator's market data. This host has no Get-Event/Wait-Event (they are
/// in Microsoft.PowerShell.Utility), so queued events are read from the runspace's event manager in C#.
/// </summary>
public sealed class EventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<IReadOnlyList<PSEventArgs>> QueuedAsync(PowerShellSession session, string sourceIdentifier, int atLeast)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var events = session.Runspace.Events.ReceivedEvents.Where(e => e.SourceIdentifier == sourceIdentifier).ToList();
            if (events.Count >= atLeast)
            {
                return events;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static PSObject Args(PSEventArgs e) => PSObject.AsPSObject(e.SourceEventArgs);

    [Fact]
    public async Task Without_Action_events_queue_with_module_typed_arguments()
    {
        using var session = new PowerShellSession();
        var result = session.Run("""
            Connect-ProjectX -Simulator
            Register-PxEvent -EventName Quote -Symbol MNQ -SourceIdentifier MnqQuotes -MessageData 'note'
            """).AssertNoErrors();

        Assert.Empty(result.Output);
        var events = await QueuedAsync(session, "MnqQuotes", 2);
        var first = events[0];
        Assert.Equal("note", first.MessageData?.ToString());
        Assert.Equal("ProjectX.PowerShell.Models.PxEventSource", first.Sender.GetType().FullName);
        var args = Args(first);
        Assert.Equal("ProjectX.PowerShell.Models.PxEventArgs", args.BaseObject.GetType().FullName);
        Assert.Equal(("Quote", "MNQ"), (args.Prop<string>("EventName"), args.Prop<string>("Symbol")));
        var quote = PSObject.AsPSObject(args.Properties["Quote"].Value);
        Assert.Equal("ProjectX.PowerShell.Models.PxQuote", quote.BaseObject.GetType().FullName);
        Assert.True(quote.Prop<decimal>("Bid") > 0);
        Assert.Single(session.Runspace.Events.Subscribers, s => s.SourceIdentifier == "MnqQuotes");
    }

    [Fact]
    public async Task Symbol_filter_keeps_only_that_instruments_events()
    {
        using var session = new PowerShellSession();
        session.Run("""
            Connect-ProjectX -Simulator
            Get-PxQuote MNQ | Out-Null
            Register-PxEvent -EventName Quote -Symbol MES -SourceIdentifier OnlyMes
            Register-PxEvent -EventName Quote -SourceIdentifier Everything
            """).AssertNoErrors();

        var all = await QueuedAsync(session, "Everything", 1);
        var mes = await QueuedAsync(session, "OnlyMes", 3);
        await QueuedAsync(session, "Everything", all.Count + 6);

        Assert.All(mes, e => Assert.Equal("MES", Args(e).Prop<string>("Symbol")));
        var symbols = session.Runspace.Events.ReceivedEvents.Where(e => e.SourceIdentifier == "Everything").Select(e => Args(e).Prop<string>("Symbol")).ToHashSet();
        Assert.Equal(["MES", "MNQ"], symbols.Order().ToArray());
    }

    [Fact]
    public void Action_runs_on_the_pipeline_thread_between_statements_until_MaxTriggerCount()
    {
        using var session = new PowerShellSession();
        var result = session.Run("""
            Connect-ProjectX -Simulator
            $global:quotes = [System.Collections.Generic.List[object]]::new()
            $global:pipelineThread = [System.Threading.Thread]::CurrentThread.ManagedThreadId
            $global:actionThreads = [System.Collections.Generic.List[int]]::new()
            $job = Register-PxEvent Quote -Symbol MNQ -SourceIdentifier Counted -MaxTriggerCount 3 -Action {
                $global:quotes.Add($Event.SourceEventArgs.Quote)
                $global:actionThreads.Add([System.Threading.Thread]::CurrentThread.ManagedThreadId)
            }
            $job.GetType().Name
            # Each turn of the loop is a point where the engine runs pending actions.
            for ($i = 0; $i -lt 30 -and $global:quotes.Count -lt 3; $i++) { Watch-PxQuote MNQ -Count 1 -Timeout 2 | Out-Null }
            # More quotes arrive after the third, but the subscription has removed itself.
            Watch-PxQuote MNQ -Count 3 | Out-Null
            $global:quotes.Count
            @($global:actionThreads | Where-Object { $_ -ne $global:pipelineThread }).Count
            $global:quotes[0].Symbol
            """).AssertNoErrors();

        Assert.Equal(["PSEventJob", "3", "0", "MNQ"], result.Output.Select(o => o.ToString()).ToArray());
        Assert.DoesNotContain(session.Runspace.Events.Subscribers, s => s.SourceIdentifier == "Counted");
    }

    [Fact]
    public void Register_PxEvent_Symbol_unknown_is_a_terminating_InstrumentNotFound()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-ProjectX -Simulator").AssertNoErrors();
        var result = session.Run("try { Register-PxEvent Quote -Symbol NOPE } catch { $_.FullyQualifiedErrorId.Split(',')[0] }");

        Assert.Equal(["ProjectX.InstrumentNotFound"], result.Strings);
        Assert.Empty(session.Runspace.Events.Subscribers);
    }

    [Fact]
    public async Task Market_trades_depth_and_closed_bars_arrive_as_events()
    {
        using var session = new PowerShellSession();
        session.Run("""
            Connect-ProjectX -Simulator
            Register-PxEvent MarketTrade -Symbol MNQ -SourceIdentifier Prints
            Register-PxEvent Depth -Symbol MNQ -SourceIdentifier Depth
            Start-PxDataFeed MNQ -Timeframe 1s -HistoryCount 0 | Out-Null
            Register-PxEvent BarClosed -Symbol MNQ -SourceIdentifier Bars
            """).AssertNoErrors();

        var print = Args((await QueuedAsync(session, "Prints", 1))[0]);
        var depth = Args((await QueuedAsync(session, "Depth", 1))[0]);
        var bar = Args((await QueuedAsync(session, "Bars", 1))[0]);

        var trade = PSObject.AsPSObject(print.Properties["MarketTrade"].Value);
        Assert.Equal(("MNQ", true), (trade.Prop<string>("Symbol"), trade.Prop<decimal>("Price") > 0));
        Assert.Contains(trade.Prop<string>("Side"), new[] { "Buy", "Sell" });
        var book = PSObject.AsPSObject(depth.Properties["OrderBook"].Value);
        Assert.Equal("ProjectX.PowerShell.Models.PxOrderBook", book.BaseObject.GetType().FullName);
        Assert.Equal("MNQ", book.Prop<string>("Symbol"));
        var closed = PSObject.AsPSObject(bar.Properties["Bar"].Value);
        Assert.Equal(("MNQ", "1s"), (closed.Prop<string>("Symbol"), closed.Prop<string>("Timeframe")));
        Assert.True(closed.Prop<decimal>("High") >= closed.Prop<decimal>("Low"));
    }

    [Fact]
    public async Task ConnectionStateChanged_reports_the_hubs_dropping_and_coming_back()
    {
        using var session = new PowerShellSession();
        session.Run("""
            Connect-ProjectX -Simulator
            Register-PxEvent ConnectionStateChanged -SourceIdentifier Hubs
            # Ending the session on the server makes it send GatewayLogout: the client signs in again and reconnects.
            (Get-PxConnection).Client.LogoutAsync([System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
            """).AssertNoErrors();

        using var timeout = new CancellationTokenSource(Patience);
        List<(string Hub, string State)> states;
        do
        {
            await Task.Delay(20, timeout.Token);
            states = [.. session.Runspace.Events.ReceivedEvents.Where(e => e.SourceIdentifier == "Hubs").Select(e => (Args(e).Prop<string>("Hub"), Args(e).Prop<string>("State")))];
        }
        while (!states.SkipWhile(s => s.State == "Connected").Any(s => s == ("User", "Connected")));

        Assert.Contains(states, s => s.Hub == "User" && s.State != "Connected");
        Assert.Equal("Connected", session.Run("(Get-PxConnection).UserHubState.ToString()").AssertNoErrors().Strings.Single());
    }
}
