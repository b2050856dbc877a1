namespace ProjectX.Client;

/// <summary>Permits left in each client-side bucket right now.</summary>
public sealed record RateLimitStatus(bool Enabled, int GlobalAvailable, int GlobalPermits, TimeSpan GlobalWindow, int BarsAvailable, int BarsPermits, TimeSpan BarsWindow)
{
    public override string ToString() =>
        Enabled ? $"global {GlobalAvailable}/{GlobalPermits} per {GlobalWindow.TotalSeconds:0.#}s, bars {BarsAvailable}/{BarsPermits} per {BarsWindow.TotalSeconds:0.#}s" : "rate limiting disabled";
}
