namespace ProjectX.Simulation.Market.Paths;

/// <summary>
/// How one contract month's prices relate to its root's path: <c>round(rootTicks × Factor)</c>, with
/// <c>Factor = exp(AnnualCarry × (expiryMonth − anchorMonth) / 12)</c>, where anchorMonth is the expiry month of the
/// contract that was the front month on <see cref="DailyWalk.AnchorDay"/> (factor exactly 1, so that month trades the
/// path itself). A later month trades higher by the cost of carry over the months between them (NQ: 3.2 % a year,
/// about 170 points a quarter at 21,000), which is the gap a continuous series meets at a roll.
/// The factor is constant for a contract's whole life and rounding is monotone, so each contract's own history keeps
/// every property of the path: gapless seconds, a minute's high is the max of its seconds', and so on.
/// </summary>
internal readonly record struct Carry(double Factor)
{
    public static Carry None { get; } = new(1.0);

    public static Carry For(double annualCarry, int expiryMonthIndex, int anchorMonthIndex) =>
        new(Math.Exp(annualCarry * (expiryMonthIndex - anchorMonthIndex) / 12.0));

    public long Ticks(long rootTicks) => Factor == 1.0 ? rootTicks : Math.Max(1, (long)Math.Round(rootTicks * Factor));

    public TickBar Apply(in TickBar bar) => Factor == 1.0
        ? bar
        : new(Ticks(bar.Open), Ticks(bar.High), Ticks(bar.Low), Ticks(bar.Close), bar.Volume);
}
