using NodaTime;

namespace ProjectX.Client.Sessions;

/// <summary>CME publishes its hours in Chicago time; this shows an instant the way CME's tables read (DST-aware, NodaTime's tz data).</summary>
public static class ExchangeTime
{
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb[TradingCalendar.TimeZoneId];

    /// <summary>The same instant with America/Chicago's offset at that instant (-06:00 CST or -05:00 CDT).</summary>
    public static DateTimeOffset ToChicago(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(Chicago).ToDateTimeOffset();
}
