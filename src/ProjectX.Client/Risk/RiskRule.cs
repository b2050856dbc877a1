namespace ProjectX.Client.Risk;

/// <summary>
/// The rules of a <see cref="RiskGuard"/>, by name: what a <see cref="ProjectXRiskRuleException"/>, a warning or a
/// breach names. Defined once; the PowerShell module and the docs use these names.
/// </summary>
public enum RiskRule
{
    /// <summary>The trading day's loss (realized + unrealized, net of fees) reached the daily loss limit.</summary>
    DailyLoss,
    /// <summary>Equity fell to the trailing maximum-loss floor (intraday or end-of-day trailing).</summary>
    TrailingMaxLoss,
    /// <summary>Contracts on the account, positions plus working orders that could fill, would exceed the limit.</summary>
    MaxContracts,
    /// <summary>Contracts in one symbol (all months), positions plus working orders that could fill, would exceed the limit.</summary>
    MaxContractsPerSymbol,
    /// <summary>A new position would exceed the number of open positions allowed.</summary>
    MaxOpenPositions,
    /// <summary>The trading day's orders reached the limit.</summary>
    MaxOrdersPerDay,
    /// <summary>The trading day's round trips (closing fills) reached the limit.</summary>
    MaxRoundTripsPerDay,
    /// <summary>The time is outside the trading window.</summary>
    TradingWindow,
    /// <summary>The flat-by time of the trading day has passed.</summary>
    FlatBy,
    /// <summary>The order risks more than allowed between entry and stop, or gives no stop distance.</summary>
    MaxRiskPerTrade,
}
