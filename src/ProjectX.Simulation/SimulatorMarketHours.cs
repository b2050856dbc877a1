namespace ProjectX.Simulation;

/// <summary>When the simulated market trades (<see cref="SimulatorOptions.MarketHours"/>, <c>projectx-simulator --market-hours</c>).</summary>
public enum SimulatorMarketHours
{
    /// <summary>The default: every contract trades around the clock, so demos and CI work at any hour.</summary>
    AlwaysOpen,
    /// <summary>
    /// The CME Globex sessions of each contract's product group, from the client's trading calendar
    /// (ProjectX.Client.Sessions.TradingCalendar): the daily break, weekends, holidays and early closes. While a
    /// contract's market is closed, Order/place answers errorCode 5 (OutsideTradingHours), a position cannot be
    /// closed, resting orders do not fill and its market feed pauses.
    /// </summary>
    Cme,
}
