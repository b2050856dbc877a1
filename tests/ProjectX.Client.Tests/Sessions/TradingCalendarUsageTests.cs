using System.Text.RegularExpressions;
using ProjectX.Client.Gateway;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Tests.Sessions;

/// <summary>docs/trading-calendar.md shows code that runs here: its csharp block must appear line for line below.</summary>
public sealed partial class TradingCalendarUsageTests
{
    [Fact]
    public void The_documented_example_runs()
    {
        var contract = new ContractModel { Id = "CON.F.US.MNQ.H26", Name = "MNQH6", SymbolId = "F.US.MNQ" };
        var now = new DateTimeOffset(2026, 3, 7, 18, 0, 0, TimeSpan.Zero); // Saturday noon CST

        var calendar = TradingCalendar.For(contract); // or For("MNQ"), For(ProductGroup.EquityIndex)
        bool open = calendar.IsOpen(now);
        DateTimeOffset opens = calendar.NextOpen(now);      // Sunday 17:00 CT, as UTC
        DateOnly tradeDate = calendar.TradingDayOf(now);    // the weekend belongs to Friday; Sunday 18:00 CT to Monday
        TradingDay day = calendar.GetTradingDay(tradeDate);
        MarketSession? rth = day.Regular;                   // 08:30-15:15 CT for equity index
        foreach (var session in day.Sessions)               // [Start, End) in UTC, Regular or Extended
            Console.WriteLine($"{session.Kind} {session.Start:u} - {session.End:u}");

        Assert.False(open);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 22, 0, 0, TimeSpan.Zero), opens); // 17:00 CDT: DST began that morning
        Assert.Equal(new DateOnly(2026, 3, 6), tradeDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 14, 30, 0, TimeSpan.Zero), rth?.Start); // 08:30 CST
    }

    [Fact]
    public void The_guide_shows_the_code_above()
    {
        var guide = File.ReadAllText(FindAbove("docs/trading-calendar.md"));
        var test = Lines(File.ReadAllText(FindAbove("tests/ProjectX.Client.Tests/Sessions/TradingCalendarUsageTests.cs")));
        var blocks = CsharpBlock().Matches(guide).Select(m => m.Groups["code"].Value).ToList();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
            Assert.True(test.Contains(Lines(block), StringComparison.Ordinal), $"docs/trading-calendar.md: this block is not in the usage test:\n{block}");
    }

    private static string Lines(string code) => "\n" + string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)) + "\n";

    private static string FindAbove(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{relativePath} is not above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
