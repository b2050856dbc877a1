namespace ProjectX.Client.Risk;

/// <summary>Where a <see cref="RiskGuard"/> keeps its state and how it watches.</summary>
public sealed class RiskGuardOptions
{
    /// <summary>The state file. Default: <see cref="RiskStateStore.DefaultPathFor"/> the account (per user).</summary>
    public string? StatePath { get; set; }

    /// <summary>The clock of the trading day, the windows and the flat-by time. Default: the client's.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How often a monitoring guard looks even without events (the flat-by time has none). Default 1 s.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a guard polls over REST without a live engine (<see cref="RiskGuard.StartPolling"/>): three reads a look. Default 5 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Rounds of read-then-act a flatten makes before it reports what is still open. Default 3: a position with exits
    /// takes two (the close; then, once a read shows it filled, the exits) and a third read confirms.
    /// </summary>
    public int MaxFlattenRounds { get; set; } = 3;
}
