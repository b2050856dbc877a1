using ProjectX.Client.Gateway;

namespace ProjectX.Client.Continuous;

/// <summary>
/// A continuous series: the bars oldest first, the contract each stretch came from, and how each roll was adjusted.
/// </summary>
/// <param name="Bars">Oldest first, one per bar start, adjusted as asked.</param>
/// <param name="Segments">The contracts used, oldest first (see <see cref="RollRules.Plan"/>).</param>
/// <param name="Rolls">The rolls inside the series, oldest first, with the closes that measured each gap.</param>
/// <param name="Adjustment">The adjustment applied.</param>
public sealed record ContinuousBars(
    IReadOnlyList<AggregateBarModel> Bars,
    IReadOnlyList<ContractSegment> Segments,
    IReadOnlyList<RollGap> Rolls,
    BackAdjustment Adjustment)
{
    /// <summary>The contract a bar of this series came from (by its start time).</summary>
    public string ContractOf(AggregateBarModel bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        foreach (var segment in Segments)
        {
            if (bar.T >= segment.From && bar.T < segment.To)
                return segment.ContractId;
        }
        return Segments.Count > 0 ? Segments[^1].ContractId : "";
    }
}

/// <summary>
/// One roll: at <see cref="At"/> the series moved from <see cref="FromContract"/> to <see cref="ToContract"/>. The gap
/// was measured on the last bar that starts before the roll (<see cref="MeasuredAt"/>), in both contracts.
/// </summary>
public sealed record RollGap(DateTimeOffset At, string FromContract, string ToContract, DateTimeOffset MeasuredAt, decimal FromClose, decimal ToClose)
{
    /// <summary>New close − old close: what <see cref="BackAdjustment.Difference"/> adds to every older bar.</summary>
    public decimal Difference => ToClose - FromClose;

    /// <summary>New close / old close: what <see cref="BackAdjustment.Ratio"/> multiplies every older bar by.</summary>
    public decimal Ratio => ToClose / FromClose;
}
