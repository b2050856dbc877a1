using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.State;

/// <summary>
/// A bar size: <see cref="Count"/> × <see cref="Unit"/> (Second … Month), aligned to UTC exactly like
/// History/retrieveBars. Text form: <c>1s</c>, <c>5s</c>, <c>1min</c>, <c>5min</c>, <c>15min</c>, <c>1h</c>,
/// <c>4h</c>, <c>1d</c>, <c>1w</c>, <c>1mo</c> (also <c>sec</c>, <c>m</c>, <c>hr</c>, <c>day</c>, <c>wk</c>,
/// <c>month</c> and plurals; case-insensitive).
/// </summary>
public readonly record struct Timeframe : ISpanParsable<Timeframe>
{
    public Timeframe(AggregateBarUnit unit, int count = 1)
    {
        if (unit is not (AggregateBarUnit.Second or AggregateBarUnit.Minute or AggregateBarUnit.Hour
            or AggregateBarUnit.Day or AggregateBarUnit.Week or AggregateBarUnit.Month))
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "A timeframe's unit is Second, Minute, Hour, Day, Week or Month.");
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Unit = unit;
        Count = count;
    }

    public AggregateBarUnit Unit { get; }
    public int Count { get; }

    public static Timeframe OneSecond { get; } = new(AggregateBarUnit.Second);
    public static Timeframe OneMinute { get; } = new(AggregateBarUnit.Minute);
    public static Timeframe FiveMinutes { get; } = new(AggregateBarUnit.Minute, 5);
    public static Timeframe FifteenMinutes { get; } = new(AggregateBarUnit.Minute, 15);
    public static Timeframe OneHour { get; } = new(AggregateBarUnit.Hour);
    public static Timeframe OneDay { get; } = new(AggregateBarUnit.Day);
    public static Timeframe OneWeek { get; } = new(AggregateBarUnit.Week);
    public static Timeframe OneMonth { get; } = new(AggregateBarUnit.Month);

    /// <summary>The start of the bar containing <paramref name="time"/>.</summary>
    public DateTimeOffset Floor(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(UtcBarCalendar.Floor(time.ToUnixTimeSeconds(), Unit, Count));

    /// <summary>The (exclusive) end of the bar that starts at <paramref name="barStart"/>.</summary>
    public DateTimeOffset EndOf(DateTimeOffset barStart) =>
        DateTimeOffset.FromUnixTimeSeconds(UtcBarCalendar.End(barStart.ToUnixTimeSeconds(), Unit, Count));

    /// <summary>An approximate length (months count as 31 days), for look-back windows.</summary>
    public TimeSpan ApproximateLength => Unit switch
    {
        AggregateBarUnit.Second => TimeSpan.FromSeconds(Count),
        AggregateBarUnit.Minute => TimeSpan.FromMinutes(Count),
        AggregateBarUnit.Hour => TimeSpan.FromHours(Count),
        AggregateBarUnit.Day => TimeSpan.FromDays(Count),
        AggregateBarUnit.Week => TimeSpan.FromDays(7 * Count),
        _ => TimeSpan.FromDays(31 * Count),
    };

    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        AggregateBarUnit.Second => "s",
        AggregateBarUnit.Minute => "min",
        AggregateBarUnit.Hour => "h",
        AggregateBarUnit.Day => "d",
        AggregateBarUnit.Week => "w",
        AggregateBarUnit.Month => "mo",
        _ => "?",
    };

    public static Timeframe Parse(string text) => Parse(text, CultureInfo.InvariantCulture);

    public static Timeframe Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    public static Timeframe Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result)
            ? result
            : throw new FormatException($"'{s.ToString()}' is not a timeframe. Use a count and a unit: 1s, 5s, 1min, 5min, 15min, 1h, 4h, 1d, 1w, 1mo.");

    public static bool TryParse([NotNullWhen(true)] string? s, out Timeframe result) => TryParse(s, CultureInfo.InvariantCulture, out result);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Timeframe result) =>
        TryParse(s.AsSpan(), provider, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Timeframe result)
    {
        result = default;
        s = s.Trim();
        int digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            digits++;
        int count = 1;
        if (digits > 0 && !int.TryParse(s[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out count))
            return false;
        if (count < 1)
            return false;
        var unit = ParseUnit(s[digits..].Trim());
        if (unit is null)
            return false;
        result = new Timeframe(unit.Value, count);
        return true;
    }

    private static AggregateBarUnit? ParseUnit(ReadOnlySpan<char> u)
    {
        Span<char> lower = stackalloc char[Math.Min(u.Length, 16)];
        if (u.Length > 16)
            return null;
        u.ToLowerInvariant(lower);
        return lower switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" => AggregateBarUnit.Second,
            "m" or "min" or "mins" or "minute" or "minutes" => AggregateBarUnit.Minute,
            "h" or "hr" or "hrs" or "hour" or "hours" => AggregateBarUnit.Hour,
            "d" or "day" or "days" => AggregateBarUnit.Day,
            "w" or "wk" or "wks" or "week" or "weeks" => AggregateBarUnit.Week,
            "mo" or "mon" or "mth" or "month" or "months" => AggregateBarUnit.Month,
            _ => null,
        };
    }
}
