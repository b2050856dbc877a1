using ProjectX.Client.Gateway;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.State;

public class TimeframeTests
{
    [Theory]
    [InlineData("1s", AggregateBarUnit.Second, 1, "1s")]
    [InlineData("5s", AggregateBarUnit.Second, 5, "5s")]
    [InlineData("1min", AggregateBarUnit.Minute, 1, "1min")]
    [InlineData("5min", AggregateBarUnit.Minute, 5, "5min")]
    [InlineData("15min", AggregateBarUnit.Minute, 15, "15min")]
    [InlineData("1h", AggregateBarUnit.Hour, 1, "1h")]
    [InlineData("4h", AggregateBarUnit.Hour, 4, "4h")]
    [InlineData("1d", AggregateBarUnit.Day, 1, "1d")]
    [InlineData("1w", AggregateBarUnit.Week, 1, "1w")]
    [InlineData("1mo", AggregateBarUnit.Month, 1, "1mo")]
    [InlineData(" 30 Minutes ", AggregateBarUnit.Minute, 30, "30min")]
    [InlineData("2HR", AggregateBarUnit.Hour, 2, "2h")]
    [InlineData("day", AggregateBarUnit.Day, 1, "1d")]
    [InlineData("3months", AggregateBarUnit.Month, 3, "3mo")]
    [InlineData("1m", AggregateBarUnit.Minute, 1, "1min")]
    public void Parses_the_usual_spellings_and_round_trips(string text, AggregateBarUnit unit, int count, string canonical)
    {
        var tf = Timeframe.Parse(text);
        Assert.Equal(new Timeframe(unit, count), tf);
        Assert.Equal(canonical, tf.ToString());
        Assert.Equal(tf, Timeframe.Parse(tf.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0min")]
    [InlineData("5")]
    [InlineData("5 parsecs")]
    [InlineData("-1h")]
    [InlineData("99999999999s")]
    [InlineData("1tick")]
    public void Rejects_what_is_not_a_timeframe(string text)
    {
        Assert.False(Timeframe.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Timeframe.Parse(text));
    }

    [Fact]
    public void Rejects_units_without_a_calendar()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Timeframe(AggregateBarUnit.Tick));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Timeframe(AggregateBarUnit.Minute, 0));
    }

    [Theory]
    [InlineData("5min", "2026-11-24T10:17:31Z", "2026-11-24T10:15:00Z", "2026-11-24T10:20:00Z")]
    [InlineData("7min", "2026-11-24T23:58:00Z", "2026-11-24T23:55:00Z", "2026-11-25T00:00:00Z")] // short last bar before midnight
    [InlineData("4h", "2026-11-24T10:17:31Z", "2026-11-24T08:00:00Z", "2026-11-24T12:00:00Z")]
    [InlineData("1d", "2026-11-24T10:17:31Z", "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z")]
    [InlineData("1w", "2026-11-26T10:17:31Z", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z")] // Monday
    [InlineData("1mo", "2026-11-24T10:17:31Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("3mo", "2026-11-24T10:17:31Z", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z")] // quarters
    [InlineData("1mo", "2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    public void Aligns_to_utc_like_retrieve_bars(string timeframe, string at, string start, string end)
    {
        var tf = Timeframe.Parse(timeframe);
        var floor = tf.Floor(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), floor);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), tf.EndOf(floor));
    }
}
