using System.Globalization;
using System.Management.Automation;

namespace ProjectX.PowerShell.Internal;

/// <summary>Date parameters: a [datetime] without a kind is the user's local time, as everywhere in PowerShell.</summary>
internal static class DateRange
{
    public static DateTimeOffset ToOffset(DateTime value) => value.Kind == DateTimeKind.Utc
        ? new DateTimeOffset(value)
        : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Local));

    /// <summary>
    /// Where "today" starts for -Since defaults: the first open of the account's trading day (17:00 America/Chicago
    /// the evening before; Friday's on a weekend), as <see cref="ProjectX.Client.Sessions.AccountTradingDay"/> defines it.
    /// </summary>
    public static DateTimeOffset StartOfTradingDay(TimeProvider time) => ProjectX.Client.Sessions.AccountTradingDay.StartAt(time.GetUtcNow());

    public static ErrorRecord Invalid(string startName, DateTime start, string endName, DateTime? end) => ProjectXErrors.InvalidArgument(
        ProjectXErrors.InvalidDateRangeId,
        string.Create(CultureInfo.InvariantCulture, $"-{startName} {ToOffset(start):u} is not before -{endName} {(end is { } e ? ToOffset(e) : DateTimeOffset.UtcNow):u}. Nothing was sent."),
        start);
}
