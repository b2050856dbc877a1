namespace ProjectX.Client;

/// <summary>
/// Client-side budgets, shared by every call of one client (spec §6). Bars requests take a permit from
/// both buckets. Reads wait for a permit; money-moving calls fail at once when none is left.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public int GlobalPermits { get; set; } = 200;
    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromSeconds(60);
    public int BarsPermits { get; set; } = 50;
    public TimeSpan BarsWindow { get; set; } = TimeSpan.FromSeconds(30);

    public override string ToString() =>
        Enabled ? $"{GlobalPermits}/{GlobalWindow.TotalSeconds:0.#}s, bars {BarsPermits}/{BarsWindow.TotalSeconds:0.#}s" : "disabled";
}
