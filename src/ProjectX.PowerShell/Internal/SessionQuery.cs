using System.Management.Automation;
using ProjectX.Client.Sessions;

namespace ProjectX.PowerShell.Internal;

/// <summary>The calendar cmdlets' one way to the client's trading calendar (kept out of the cmdlet classes, which PowerShell loads at import).</summary>
internal static class SessionQuery
{
    /// <exception cref="UnknownProductException">The symbol is not a covered product.</exception>
    /// <exception cref="TradingCalendarNotCoveredException">The instant is outside the holiday table.</exception>
    public static T Of<T>(string symbol, Func<TradingCalendar, T> query) => query(TradingCalendar.For(symbol.Trim()));

    public static PSObject WithTypeName(this object value, string typeName)
    {
        var wrapped = PSObject.AsPSObject(value);
        wrapped.TypeNames.Insert(0, typeName);
        return wrapped;
    }
}

/// <summary>Get-PxBar's -Session (validated to RTH or ETH by the parameter) as the client's BarSession.</summary>
internal static class BarSessionArgument
{
    public static BarSession? Parse(string? session) => session?.ToUpperInvariant() switch
    {
        null => null,
        "RTH" => BarSession.Rth,
        "ETH" => BarSession.Eth,
        _ => throw new ArgumentException($"-Session is RTH or ETH, not '{session}'.", nameof(session)),
    };
}
