using RealtimeBracket;

namespace ProjectX.Client.Tests.State;

/// <summary>Runs the C# example (examples/RealtimeBracket) against the in-process simulator, as a user would.</summary>
public sealed class RealtimeBracketExampleTests
{
    [Fact]
    public async Task The_example_streams_trades_a_bracket_and_ends_flat()
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exitCode = await BracketDemo.RunAsync(["--seconds", "2"], output, timeout.Token);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Connected: TradingSuite", text, StringComparison.Ordinal);
        Assert.Contains("seeded 30 1-min and 30 5-min bars", text, StringComparison.Ordinal);
        Assert.Contains("Placed bracket", text, StringComparison.Ordinal);
        Assert.Contains("quote    CON.F.US.MNQ.", text, StringComparison.Ordinal);
        Assert.Matches(@"order    \d+ Ask 1 Stop Open \(leg of \d+\)", text);
        Assert.Matches(@"position CON\.F\.US\.MNQ\.\w+ \w+ 0 @", text);
        Assert.Contains("Flat.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_explained()
    {
        var error = Assert.Throws<ArgumentException>(() => DemoSettings.Parse(["--bogus"]));
        Assert.Contains("Usage", error.Message, StringComparison.Ordinal);
        var settings = DemoSettings.Parse(["http://127.0.0.1:5000", "--symbol", "ES", "--seconds", "5"]);
        Assert.Equal((new Uri("http://127.0.0.1:5000"), "ES", TimeSpan.FromSeconds(5)), (settings.Url, settings.Symbol, settings.MaxHold));
    }
}
