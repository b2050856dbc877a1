using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.State;

/// <summary>
/// A bar size: <see cref="Count"/> × <see cref="Unit"/> (Second … Month), aligned to UTC exactly like
/// History/retrieveBars. The one grammar of the SDK and the module (<see cref="Grammar"/>): an optional count from
/// 1 to <see cref="MaxCount"/> (default 1) followed by a unit, case-insensitive, spaces allowed between them:
/// <c>s</c>/<c>sec</c>/<c>second</c>, <c>m</c>/<c>min</c>/<c>minute</c>, <c>h</c>/<c>hr</c>/<c>hour</c>,
/// <c>d</c>/<c>day</c>, <c>w</c>/<c>wk</c>/<c>week</c>, <c>mo</c>/<c>mon</c>/<c>month</c>, and their plurals.
/// <c>m</c> is minutes, as on every charting platform; months are <c>mo</c>. Canonical text: <c>1s</c>, <c>5min</c>,
/// <c>1h</c>, <c>1d</c>, <c>1w</c>, <c>1mo</c>.
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

    /// <summary>The largest count the grammar accepts.</summary>
    public const int MaxCount = 999;

    /// <summary>The grammar in words, for error messages and help.</summary>
    public const string Grammar =
        "a count from 1 to 999 followed by a unit: s, m or min, h, d, w or mo (e.g. 1s, 5m, 15min, 1h, 4h, 1d, 1w, 1mo)";

    /// <summary>The sizes offered by tab completion; any other size the grammar allows works too.</summary>
    public static IReadOnlyList<string> Common { get; } =
        ["1s", "5s", "10s", "15s", "30s", "1min", "2min", "3min", "5min", "10min", "15min", "30min", "1h", "2h", "4h", "1d", "1w", "1mo"];

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
            : throw new FormatException($"'{s.ToString()}' is not a timeframe: use {Grammar}.");

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
        if (count is < 1 or > MaxCount)
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
