using System.Globalization;
using ProjectX.Simulation;

namespace ProjectX.Simulator;

/// <summary>
/// One <c>--firm-rules</c> value: an account id, then its rules as comma-separated <c>key=value</c> pairs, or
/// <c>none</c> to take the rules off. Keys: <c>dailyLoss</c>, <c>maxLoss</c>, <c>trailing</c> (<c>eod</c>,
/// <c>intraday</c>, <c>static</c>), <c>lock</c>, <c>maxContracts</c>. Example: <c>1001:dailyLoss=1000,maxLoss=2000,lock=50000,maxContracts=5</c>.
/// </summary>
public sealed record FirmRulesArgument(int AccountId, SimulatorFirmRules? Rules)
{
    public const string Syntax = "ID:dailyLoss=N,maxLoss=N,trailing=eod|intraday|static,lock=N,maxContracts=N (or ID:none)";

    /// <summary>Parses one value; false with a one-line <paramref name="error"/> naming what is wrong.</summary>
    public static bool TryParse(string text, out FirmRulesArgument? argument, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        argument = null;
        error = "";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
            return Fail($"'{text}' does not start with an account id and ':'. Use {Syntax}.", out error);
        var body = text[(colon + 1)..].Trim();
        if (string.Equals(body, "none", StringComparison.OrdinalIgnoreCase))
        {
            argument = new FirmRulesArgument(accountId, null);
            return true;
        }
        var rules = new SimulatorFirmRules();
        foreach (var pair in body.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Apply(rules, parts[0], parts[1]))
                return Fail($"'{pair}' in '{text}' is not one of {Syntax}.", out error);
        }
        argument = new FirmRulesArgument(accountId, rules);
        return true;
    }

    private static bool Apply(SimulatorFirmRules rules, string key, string value)
    {
        static decimal? Money(string v) =>
            decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
        switch (key.ToUpperInvariant())
        {
            case "DAILYLOSS":
                return (rules.DailyLossLimit = Money(value)) is not null;
            case "MAXLOSS":
                return (rules.MaxLoss = Money(value)) is not null;
            case "LOCK":
                return (rules.MaxLossLockLevel = Money(value)) is not null;
            case "MAXCONTRACTS":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var contracts)) return false;
                rules.MaxContracts = contracts;
                return true;
            case "TRAILING":
                MaxLossTrailing? trailing = value.ToUpperInvariant() switch
                {
                    "EOD" or "ENDOFDAY" => MaxLossTrailing.EndOfDay,
                    "INTRADAY" => MaxLossTrailing.Intraday,
                    "STATIC" => MaxLossTrailing.Static,
                    _ => null,
                };
                if (trailing is null) return false;
                rules.MaxLossTrailing = trailing.Value;
                return true;
            default:
                return false;
        }
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
