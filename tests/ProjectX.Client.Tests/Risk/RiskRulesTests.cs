using ProjectX.Client.Risk;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Tests.Risk;

public sealed class RiskRulesTests
{
    [Fact]
    public void Rules_read_from_JSON_with_every_rule()
    {
        var rules = RiskRules.FromJson("""
            {
              // comments are fine
              "name": "my plan",
              "startingBalance": 50000,
              "dailyLossLimit": 1000,
              "trailingMaxLoss": { "amount": 2000, "mode": "Intraday", "lockLevel": 50100 },
              "maxContracts": 5,
              "maxContractsPerSymbol": 3,
              "symbolLimits": { "MNQ": 20 },
              "maxOpenPositions": 2,
              "maxOrdersPerDay": 30,
              "maxRoundTripsPerDay": 10,
              "tradingWindow": { "start": "08:30:00", "end": "15:00:00" },
              "flatBy": "15:10:00",
              "maxRiskPerTrade": 250,
              "warningBuffer": 0.25,
              "calendar": "Energy",
            }
            """);
        Assert.Equal((50_000m, 1_000m, 2_000m, TrailingMode.Intraday, 50_100m), (rules.StartingBalance, rules.DailyLossLimit, rules.TrailingMaxLoss!.Amount, rules.TrailingMaxLoss.Mode, rules.TrailingMaxLoss.LockLevel));
        Assert.Equal((5, 3, 20, 2, 30, 10), (rules.MaxContracts, rules.MaxContractsPerSymbol, rules.SymbolLimits["mnq"], rules.MaxOpenPositions, rules.MaxOrdersPerDay, rules.MaxRoundTripsPerDay));
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(15, 0), new TimeOnly(15, 10)), (rules.TradingWindow!.Start, rules.TradingWindow.End, rules.FlatBy));
        Assert.Equal((250m, 0.25m, ProductGroup.Energy), (rules.MaxRiskPerTrade, rules.WarningBuffer, rules.Calendar));
        var again = RiskRules.FromJson(rules.ToJson());
        Assert.Equal(rules.ToJson(), again.ToJson());
    }

    [Theory]
    [InlineData("{\"dailyLossLimit\": -5}", "DailyLossLimit")]
    [InlineData("{\"maxContracts\": 0}", "MaxContracts")]
    [InlineData("{\"dailyLosLimit\": 500}", "json")] // a typo is not silently ignored
    [InlineData("{\"trailingMaxLoss\": {\"amount\": 0}}", "TrailingMaxLoss.Amount")]
    [InlineData("{\"warningBuffer\": 1.5}", "WarningBuffer")]
    [InlineData("{\"timeZone\": \"Mars/Olympus\", \"flatBy\": \"15:10:00\"}", "TimeZone")]
    [InlineData("{\"tradingWindow\": {\"start\": \"09:00:00\", \"end\": \"09:00:00\"}}", "TradingWindow")]
    public void Impossible_rules_are_refused_with_the_setting_named(string json, string parameter)
    {
        var error = Assert.Throws<ProjectXValidationException>(() => RiskRules.FromJson(json));
        Assert.Equal(parameter, error.ParameterName);
        Assert.Equal(ValidationReason.InvalidArgument, error.Reason);
    }

    [Theory]
    [InlineData("Topstep50K", 50_000, 1_000, 2_000, 5)]
    [InlineData("topstep100k", 100_000, 2_000, 3_000, 10)]
    [InlineData("TOPSTEP150K", 150_000, 3_000, 4_500, 15)]
    public void Topstep_presets_carry_the_published_numbers_and_are_fresh_copies(string name, int start, int daily, int trailing, int contracts)
    {
        var rules = RiskPresets.Get(name);
        Assert.Equal((start, daily, trailing, TrailingMode.EndOfDay, start, contracts),
            ((int)rules.StartingBalance!, (int)rules.DailyLossLimit!, (int)rules.TrailingMaxLoss!.Amount, rules.TrailingMaxLoss.Mode, (int)rules.TrailingMaxLoss.LockLevel!, rules.MaxContracts));
        Assert.Equal(new TimeOnly(15, 10), rules.FlatBy);
        rules.DailyLossLimit = 1m; // overriding a copy leaves the preset alone
        Assert.NotEqual(1m, RiskPresets.Get(name).DailyLossLimit);
    }

    [Fact]
    public void An_unknown_preset_is_refused_with_the_known_names()
    {
        var error = Assert.Throws<ProjectXValidationException>(() => RiskPresets.Get("Apex50K"));
        Assert.Contains("Topstep50K", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08:29", false)]
    [InlineData("08:30", true)]
    [InlineData("14:59", true)]
    [InlineData("15:00", false)]
    public void A_trading_window_is_half_open(string time, bool inside) =>
        Assert.Equal(inside, new TradingWindow { Start = new TimeOnly(8, 30), End = new TimeOnly(15, 0) }.Contains(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("16:59", false)]
    [InlineData("17:00", true)]
    [InlineData("02:00", true)]
    [InlineData("15:09", true)]
    [InlineData("15:10", false)]
    public void A_trading_window_can_wrap_past_midnight(string time, bool inside) =>
        Assert.Equal(inside, new TradingWindow { Start = new TimeOnly(17, 0), End = new TimeOnly(15, 10) }.Contains(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
}
