namespace ProjectX.Client.Sessions;

/// <summary>
/// Which hours of the trading day bars cover (<see cref="BarsRequest.Session"/>, <c>Get-PxBar -Session</c>).
/// With either value, day, week and month bars are built on the CME trade date (<see cref="TradeDateBars"/>).
/// </summary>
public enum BarSession
{
    /// <summary>Extended trading hours: the whole Globex day, overnight and regular session together. Bars wholly in the break, a weekend or a holiday are dropped.</summary>
    Eth,
    /// <summary>Regular trading hours only (<see cref="SessionKind.Regular"/>): a bar is kept when its whole span lies in the regular session.</summary>
    Rth,
}
