using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>--firm-rules: what it puts on an account, and what it refuses.</summary>
public class FirmRulesArgumentTests
{
    [Fact]
    public void A_value_sets_or_removes_an_accounts_rules()
    {
        var options = new SimulatorOptions();
        var error = SimulatorCommandLine.ApplyFirmRules(options,
            ["1001:dailyLoss=1500.5, maxLoss=2500, trailing=intraday, lock=50100, maxContracts=3", "1007:none"]);

        Assert.Null(error);
        var accounts = options.Users.SelectMany(u => u.Accounts).ToDictionary(a => a.Id);
        var rules = accounts[1001].FirmRules!;
        Assert.Equal((1_500.5m, 2_500m, MaxLossTrailing.Intraday, 50_100m, 3),
            (rules.DailyLossLimit, rules.MaxLoss, rules.MaxLossTrailing, rules.MaxLossLockLevel, rules.MaxContracts));
        Assert.Equal("daily loss 1,500.5; max loss 2,500 Intraday, locks at 50,100; 3 contracts", rules.ToString());
        Assert.Null(accounts[1007].FirmRules);
        Assert.NotNull(accounts[1008].FirmRules);
    }

    [Fact]
    public void A_bad_rule_from_the_config_file_is_named_with_its_account()
    {
        var options = SimulatorOptions.FromJson("""
            { "users": [ { "userName": "u", "apiKey": "k", "accounts": [
                { "id": 7, "name": "X", "balance": 50000, "firmRules": { "maxLoss": 2000, "maxLossLockLevel": 40000 } } ] } ] }
            """);

        var error = SimulatorCommandLine.ApplyFirmRules(options, []);

        Assert.Equal("Account 7 (X): firmRules.maxLossLockLevel (40000) is below the starting floor (48000).", error);
    }
}
