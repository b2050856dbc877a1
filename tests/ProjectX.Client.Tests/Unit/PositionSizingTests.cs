using ProjectX.Client.Gateway;

namespace ProjectX.Client.Tests.Unit;

/// <summary>Worked examples, each computed by hand (shown in the comment), never by the code under test.</summary>
public sealed class PositionSizingTests
{
    private static readonly ContractModel Mnq = new() { Id = "CON.F.US.MNQ.Z26", Name = "MNQZ6", TickSize = 0.25m, TickValue = 0.50m };
    private static readonly ContractModel Es = new() { Id = "CON.F.US.EP.Z26", Name = "ESZ6", TickSize = 0.25m, TickValue = 12.50m };
    private static readonly ContractModel SixE = new() { Id = "CON.F.US.EU6.Z26", Name = "6EZ6", TickSize = 0.00005m, TickValue = 6.25m };

    [Fact]
    public void Mnq_200_dollars_at_40_ticks_is_10_contracts_with_nothing_left()
    {
        // 40 ticks × $0.50 = $20 a contract; $200 / $20 = 10.
        var size = PositionSizing.FromTicks(Mnq, 200m, 40);
        Assert.Equal(10, size.Contracts);
        Assert.Equal(20m, size.RiskPerContract);
        Assert.Equal(200m, size.Risk);
        Assert.Equal(0m, size.Unused);
    }

    [Fact]
    public void Es_500_dollars_at_12_ticks_rounds_down_to_3_contracts()
    {
        // 12 ticks × $12.50 = $150 a contract; $500 / $150 = 3.33 → 3 (4 would risk $600); $450 risked, $50 unused.
        var size = PositionSizing.FromTicks(Es, 500m, 12);
        Assert.Equal(3, size.Contracts);
        Assert.Equal(150m, size.RiskPerContract);
        Assert.Equal(450m, size.Risk);
        Assert.Equal(50m, size.Unused);
    }

    [Fact]
    public void Fees_count_against_the_risk()
    {
        // 12 × $12.50 + $4.50 = $154.50 a contract; $500 / $154.50 = 3.24 → 3; $463.50 risked.
        var size = PositionSizing.FromTicks(Es, 500m, 12, feesPerContract: 4.50m);
        Assert.Equal(3, size.Contracts);
        Assert.Equal(154.50m, size.RiskPerContract);
        Assert.Equal(463.50m, size.Risk);

        // $154.50 × 3 = $463.50 ≤ $463.50: exactly on the boundary still fits.
        Assert.Equal(3, PositionSizing.FromTicks(Es, 463.50m, 12, 4.50m).Contracts);
        // One cent less does not: 463.49 / 154.50 = 2.99993 → 2.
        Assert.Equal(2, PositionSizing.FromTicks(Es, 463.49m, 12, 4.50m).Contracts);
    }

    [Fact]
    public void A_stop_price_becomes_whole_ticks_rounded_up()
    {
        // Long ES at 5000.00, stop 4996.10: 3.90 / 0.25 = 15.6 → 16 ticks; 16 × $12.50 = $200; $1,000 / $200 = 5.
        var size = PositionSizing.FromStopPrice(Es, 1000m, 5000.00m, 4996.10m);
        Assert.Equal(16, size.StopTicks);
        Assert.Equal(200m, size.RiskPerContract);
        Assert.Equal(5, size.Contracts);

        // Short 6E at 1.08500, stop 1.08600: 0.001 / 0.00005 = 20 ticks × $6.25 = $125; $250 / $125 = 2.
        var fx = PositionSizing.FromStopPrice(SixE, 250m, 1.08500m, 1.08600m);
        Assert.Equal(20, fx.StopTicks);
        Assert.Equal(2, fx.Contracts);
    }

    [Fact]
    public void The_largest_size_caps_the_result()
    {
        // $200 at 40 MNQ ticks would be 10 contracts; the cap is 4, which risks 4 × $20 = $80.
        var size = PositionSizing.FromTicks(Mnq, 200m, 40, maxContracts: 4);
        Assert.Equal(4, size.Contracts);
        Assert.Equal(80m, size.Risk);
    }

    [Fact]
    public void A_risk_below_one_contract_is_a_typed_error()
    {
        // 40 ticks × $0.50 = $20 a contract, more than $15.
        var error = Assert.Throws<ProjectXValidationException>(() => PositionSizing.FromTicks(Mnq, 15m, 40));
        Assert.Equal(ValidationReason.RiskTooSmall, error.Reason);
        Assert.Contains("20", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 40, ValidationReason.InvalidRiskAmount)]
    [InlineData(-100, 40, ValidationReason.InvalidRiskAmount)]
    [InlineData(100, 0, ValidationReason.InvalidTicks)]
    [InlineData(100, -5, ValidationReason.InvalidTicks)]
    public void Zero_or_negative_inputs_are_typed_errors(int risk, int ticks, ValidationReason reason) =>
        Assert.Equal(reason, Assert.Throws<ProjectXValidationException>(() => PositionSizing.FromTicks(Mnq, risk, ticks)).Reason);

    [Fact]
    public void A_stop_at_the_entry_or_negative_fees_are_refused()
    {
        Assert.Equal(ValidationReason.InvalidTicks, Assert.Throws<ProjectXValidationException>(() => PositionSizing.FromStopPrice(Es, 500m, 5000m, 5000m)).Reason);
        Assert.Equal(ValidationReason.InvalidPrice, Assert.Throws<ProjectXValidationException>(() => PositionSizing.FromStopPrice(Es, 500m, 5000m, 0m)).Reason);
        Assert.Equal(ValidationReason.InvalidRiskAmount, Assert.Throws<ProjectXValidationException>(() => PositionSizing.FromTicks(Es, 500m, 4, feesPerContract: -1m)).Reason);
        Assert.Equal(ValidationReason.InvalidSize, Assert.Throws<ProjectXValidationException>(() => PositionSizing.FromTicks(Es, 500m, 4, maxContracts: 0)).Reason);
    }

    [Fact]
    public void Tags_round_trip_and_foreign_tags_are_ignored()
    {
        var group = ProtectionTags.NewGroup();
        Assert.Equal(new ProtectionTag(ProtectionRole.Entry, group, 40, null), ProtectionTags.TryParse(ProtectionTags.Entry(group, 40, null)));
        Assert.Equal(ProtectionRole.StopLoss, ProtectionTags.TryParse(ProtectionTags.Leg(ProtectionRole.StopLoss, group))!.Role);
        Assert.Equal(ProtectionRole.TakeProfit, ProtectionTags.TryParse(ProtectionTags.Leg(ProtectionRole.TakeProfit, group))!.Role);
        Assert.NotEqual(ProtectionTags.Leg(ProtectionRole.StopLoss, group), ProtectionTags.Leg(ProtectionRole.StopLoss, group));
        // A second entry adding to a protected position shares its group; a customTag must still be unique on the account.
        Assert.NotEqual(ProtectionTags.Entry(group, 40, 80), ProtectionTags.Entry(group, 40, 80));
        Assert.Equal(new ProtectionTag(ProtectionRole.Entry, "0123456789ab", 24, null), ProtectionTags.TryParse("pxo-e-0123456789ab-24-0")); // written before the nonce
        Assert.True(ProtectionTags.Entry(group, 1000, 1000).Length <= CustomTags.MaxLength);
        Assert.Null(ProtectionTags.TryParse(CustomTags.New()));
        Assert.Null(ProtectionTags.TryParse("pxo-x-0123456789ab-1"));
        Assert.Null(ProtectionTags.TryParse(null));
    }
}
