using System.Globalization;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// The texts the simulator answers with when a firm rule refuses a request. The platform's own texts are not
/// documented (spec §7 lists none for errorCode 4), so these are the simulator's wording [I].
/// </summary>
public static class FirmRuleMessages
{
    public const string DailyLossLimitReached = "Daily loss limit reached. The account cannot trade until the next trading day.";
    public const string MaxLossReached = "Maximum loss limit reached. The account can no longer trade.";

    public static string MaxContracts(long contracts, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"The account's positions could reach {contracts} contracts; the account's maximum is {limit}.");

    public static string CalendarNotCovered(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"Firm rules cannot be checked at {now:u}: the CME trading calendar does not cover that date.");
}
