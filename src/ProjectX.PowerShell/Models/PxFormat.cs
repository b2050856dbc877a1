using System.Globalization;
using System.Management.Automation;

namespace ProjectX.PowerShell.Models;

/// <summary>
/// The one place that says how the format views (ProjectX.Format.ps1xml) show prices, money and times. The views call
/// it as <c>[ProjectX.PowerShell.Models.PxFormat]::Price($_.LimitPrice, $_.TickSize)</c>. Every method also takes what
/// a deserialized object carries (from Start-Job or Import-Clixml): a value may arrive wrapped, or as text.
/// </summary>
public static class PxFormat
{
    /// <summary>One time format for tables and lists: UTC, to the second, marked Z (ISO 8601 'universal sortable').</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss'Z'";

    /// <summary>A price to the instrument's tick decimals (0.25 → 2, 0.00005 → 5); without a tick size, as exact as it is.</summary>
    public static string Price(object? value, object? tickSize)
    {
        if (ToDecimal(value) is not { } price)
        {
            return "";
        }

        return ToDecimal(tickSize) is { } tick && tick > 0
            ? price.ToString("F" + Decimals(tick).ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture)
            : PxInstrument.Normalize(price).ToString(CultureInfo.CurrentCulture);
    }

    /// <summary>Money: two decimals with group separators.</summary>
    public static string Money(object? value) => ToDecimal(value) is { } money ? money.ToString("N2", CultureInfo.CurrentCulture) : "";

    /// <summary>A decimal without trailing zeros, e.g. a tick size (0.250000000 → 0.25).</summary>
    public static string Number(object? value) => ToDecimal(value) is { } number ? PxInstrument.Normalize(number).ToString(CultureInfo.CurrentCulture) : "";

    /// <summary>A time in <see cref="TimeFormat"/>.</summary>
    public static string Time(object? value) => ToTime(value) is { } time ? time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) : "";

    /// <summary>A time as Chicago wall-clock, the way CME publishes its hours (e.g. <c>Sun 12-06 17:00</c>); the views label it CT.</summary>
    public static string ExchangeClock(object? value) =>
        ToTime(value) is { } time ? ProjectX.Client.Sessions.ExchangeTime.ToChicago(time).ToString("ddd MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>The decimals a tick size needs: its scale once trailing zeros are dropped.</summary>
    public static int Decimals(decimal tickSize) => ProjectX.Client.TickMath.Decimals(tickSize);

    private static decimal? ToDecimal(object? value) => Unwrap(value) switch
    {
        null => null,
        decimal d => d,
        double or float or int or long or short or byte => Convert.ToDecimal(Unwrap(value), CultureInfo.InvariantCulture),
        string text when decimal.TryParse(text, NumberStyles.Number, CultureInfo.CurrentCulture, out var parsed) => parsed,
        string text when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static DateTimeOffset? ToTime(object? value)
    {
        // A DateTimeOffset deserialized as a property bag (Start-Job, Import-Clixml).
        if (value is PSObject { BaseObject: PSCustomObject } bag && bag.Properties["UtcDateTime"]?.Value is { } utc)
        {
            return ToTime(utc);
        }

        switch (Unwrap(value))
        {
            case null:
                return null;
            case DateTimeOffset offset:
                return offset;
            case DateTime dateTime:
                return dateTime.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dateTime, TimeSpan.Zero) : new DateTimeOffset(dateTime);
            case string text when DateTimeOffset.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                return parsed;
            case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
