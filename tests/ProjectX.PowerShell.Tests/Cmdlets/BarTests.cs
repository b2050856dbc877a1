using System.Management.Automation;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Cmdlets;

/// <summary>Get-PxBar against a simulator process: every parameter set, the pipeline, bad input and Ctrl+C.</summary>
public sealed class BarTests(TradingSimulator simulator) : IClassFixture<TradingSimulator>
{
    private ScriptResult Run(string script)
    {
        simulator.Reset();
        return simulator.Run(script);
    }

    [Fact]
    public void Count_returns_that_many_typed_bars_oldest_first_in_the_timeframe()
    {
        var result = Run("Get-PxBar -Symbol MNQ -Timeframe 5min -Count 100").AssertNoErrors();

        var bars = result.OfType("ProjectX.Bar");
        Assert.Equal(100, bars.Count);
        Assert.Equal(100, result.Output.Count);
        var times = bars.Select(b => b.Prop<DateTimeOffset>("Time")).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True((pair.Second - pair.First).TotalMinutes >= 5 && (pair.Second - pair.First).Ticks % TimeSpan.FromMinutes(5).Ticks == 0));
        Assert.All(bars, b =>
        {
            Assert.Equal("MNQ", b.Prop<string>("Symbol"));
            Assert.StartsWith("CON.F.US.MNQ.", b.Prop<string>("ContractId"), StringComparison.Ordinal);
            Assert.Equal("5min", b.Prop<string>("Timeframe"));
            Assert.True(b.Prop<decimal>("Low") <= b.Prop<decimal>("Open") && b.Prop<decimal>("Open") <= b.Prop<decimal>("High"));
            Assert.True(b.Prop<decimal>("Low") <= b.Prop<decimal>("Close") && b.Prop<decimal>("Close") <= b.Prop<decimal>("High"));
        });
        Assert.Equal("ProjectX.PowerShell.Models.PxBar", bars[0].BaseObject.GetType().FullName);
    }

    [Fact]
    public void Instruments_from_the_pipeline_bind_by_property_name_and_load_together()
    {
        var result = Run("Get-PxInstrument MNQ, MES | Get-PxBar -Timeframe 5min -Count 100").AssertNoErrors();

        var bars = result.OfType("ProjectX.Bar");
        Assert.Equal(200, bars.Count);
        Assert.Equal(["MES", "MNQ"], bars.Select(b => b.Prop<string>("Symbol")).Distinct().Order().ToArray());
        // Written symbol by symbol in input order, each oldest first.
        Assert.Equal(Enumerable.Repeat("MNQ", 100).Concat(Enumerable.Repeat("MES", 100)), bars.Select(b => b.Prop<string>("Symbol")));
    }

    [Fact]
    public void Start_and_End_return_the_bars_inside_the_range()
    {
        var result = Run("""
            $end = [datetime]::UtcNow.Date.AddDays(-1).AddHours(15)
            Get-PxBar MNQ -Timeframe 1h -Start $end.AddDays(-3) -End $end
            """).AssertNoErrors();

        var bars = result.OfType("ProjectX.Bar");
        Assert.NotEmpty(bars);
        var end = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(15), TimeSpan.Zero);
        Assert.All(bars, b => Assert.InRange(b.Prop<DateTimeOffset>("Time"), end.AddDays(-3), end));
        Assert.All(bars, b => Assert.Equal("1h", b.Prop<string>("Timeframe")));
    }

    [Fact]
    public void Days_returns_daily_bars_of_that_many_days()
    {
        var result = Run("Get-PxBar MES -Timeframe 1d -Days 30").AssertNoErrors();

        var bars = result.OfType("ProjectX.Bar");
        Assert.InRange(bars.Count, 15, 31);
        Assert.All(bars, b => Assert.True(b.Prop<DateTimeOffset>("Time") >= DateTimeOffset.UtcNow.AddDays(-31)));
    }

    [Fact]
    public void IncludePartialBar_adds_the_forming_bar_and_progress_is_reported()
    {
        var result = Run("""
            @(Get-PxBar MNQ -Timeframe 1h -Count 3)[-1].Time
            @(Get-PxBar MNQ -Timeframe 1h -Count 3 -IncludePartialBar)[-1].Time
            """).AssertNoErrors();

        var withoutPartial = result.Output[0].BaseObject is DateTimeOffset a ? a : throw new InvalidOperationException("no bar");
        var withPartial = result.Output[1].BaseObject is DateTimeOffset b ? b : throw new InvalidOperationException("no bar");
        Assert.True(withPartial >= withoutPartial);
        Assert.Contains(result.Progress, p => p.Activity == "Get-PxBar");
    }

    [Fact]
    public void Timeframe_is_case_insensitive_and_written_in_canonical_form()
    {
        var result = Run("Get-PxBar MNQ -Timeframe 15MIN -Count 2 | ForEach-Object Timeframe").AssertNoErrors();

        Assert.Equal(["15min", "15min"], result.Strings);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("0min")]
    [InlineData("1000s")]
    [InlineData("1 min")]
    [InlineData("5sec")]
    [InlineData("hour")]
    public void Unknown_timeframe_is_a_terminating_invalid_argument_and_sends_nothing(string timeframe)
    {
        var result = Run($"try {{ Get-PxBar MNQ -Timeframe '{timeframe}' -Verbose; 'not reached' }} catch {{ $_ }}");

        var error = Assert.Single(result.CaughtErrors);
        Assert.Equal("ProjectX.InvalidTimeframe", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("min", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.Verbose);
        Assert.Single(result.Output);
    }

    [Fact]
    public void Start_after_End_is_a_terminating_invalid_date_range_and_sends_nothing()
    {
        var result = Run("""
            try { Get-PxBar MNQ -Timeframe 1h -Start '2026-03-02' -End '2026-03-01' -Verbose; 'not reached' } catch { $_ }
            """);

        var error = Assert.Single(result.CaughtErrors);
        Assert.Equal("ProjectX.InvalidDateRange", error.ErrorId());
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Verbose);
    }

    [Fact]
    public void Unknown_symbol_is_non_terminating_and_the_other_symbols_still_load()
    {
        var result = Run("Get-PxBar -Symbol NOPE1, MNQ -Timeframe 1h -Count 5; 'continued'");

        Assert.Equal(5, result.OfType("ProjectX.Bar").Count);
        Assert.Equal("continued", result.Output[^1].BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ProjectX.InstrumentNotFound", error.ErrorId());
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NOPE1", error.TargetObject);
    }

    [Fact]
    public void Verbose_shows_each_bars_request()
    {
        var result = Run("Get-PxBar MNQ -Timeframe 1h -Count 5 -Verbose | Out-Null").AssertNoErrors();

        Assert.Contains(result.Verbose, v => v.Message.StartsWith("History/retrieveBars: succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_cancels_a_long_paged_request_and_ends_the_pipeline()
    {
        simulator.Reset();
        // One-second bars over two years: thousands of 20,000-bar pages, far more than any test waits for.
        using var ps = simulator.Session.Create("Get-PxBar MNQ -Timeframe 1s -Start ([datetime]::UtcNow.AddYears(-2)) -Verbose");
        var firstPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ps.Streams.Verbose.DataAdded += (_, _) => firstPage.TrySetResult();
        var running = Task.Factory.FromAsync(ps.BeginInvoke(), ps.EndInvoke);

        await firstPage.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(running.IsCompleted);
        await Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop).WaitAsync(TimeSpan.FromSeconds(60));

        await Assert.ThrowsAsync<PipelineStoppedException>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        // The runspace is usable at once afterwards.
        Assert.Single(simulator.Run("Get-PxBar MNQ -Timeframe 1h -Count 1").AssertNoErrors().OfType("ProjectX.Bar"));
    }
}
