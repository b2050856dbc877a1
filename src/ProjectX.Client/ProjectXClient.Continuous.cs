using ProjectX.Client.Continuous;
using ProjectX.Client.Gateway;
using ProjectX.Client.Instruments;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>
    /// Bars of a product stitched across its contract months at each roll (<see cref="RollRules"/>), oldest first,
    /// optionally back-adjusted. A bar belongs to the contract the rule holds at the bar's start, so every start
    /// appears once. The range, <see cref="BarsRequest.Count"/> and bar size mean what they mean for
    /// <see cref="GetBarsAsync"/>. With a <see cref="BarsRequest.Contract"/> (or an id or contract name), the series
    /// ends in that contract; a contract the rule never holds in the range is read alone.
    /// </summary>
    /// <exception cref="Sessions.UnknownProductException">Not a product this client knows.</exception>
    /// <exception cref="ProjectXValidationException">No roll rule for the product (<see cref="ValidationReason.NoRollRule"/>),
    /// months outside 2000–2099 (<see cref="ValidationReason.OutsideContractHistory"/>), or a malformed range; nothing is sent.</exception>
    /// <exception cref="ProjectXNotFoundException">The gateway does not know a month the series needs, or has no bar to measure a roll gap on.</exception>
    public async Task<ContinuousBars> GetContinuousBarsAsync(BarsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Adjustment))
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"Adjustment must be None, Difference or Ratio (got {request.Adjustment}).", nameof(request.Adjustment));
        // Session bars are rebuilt from the stitched series, so a bar no longer has one month to name: GetBarsAsync serves them.
        if (request.Session is not null)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "GetContinuousBarsAsync names each bar's month, which session bars do not have; use GetBarsAsync with Continuous and Session.", nameof(request.Session));
        var (start, end) = ValidateBarRange(request);
        var product = request.Contract?.Id ?? request.Instrument
            ?? throw new ProjectXValidationException(ValidationReason.MissingInstrument, "Name the product (Instrument or Contract) to fetch continuous bars for.", nameof(request.Instrument));
        var segments = RollRules.Plan(product, start, end);
        if (LastContract(request) is { } last)
            segments = EndIn(segments, last, start, end);

        var wanted = request.Count ?? int.MaxValue;
        var bars = new IReadOnlyList<AggregateBarModel>?[segments.Count];
        var total = 0;
        for (var i = segments.Count - 1; i >= 0 && total < wanted; i--)
        {
            var segment = segments[i];
            var left = wanted - total;
            // One more than needed: the gateway also sends the bar that straddles the segment's start.
            var read = await ReadBarsAsync(segment.ContractId, request, segment.From, segment.To, left == int.MaxValue ? left : left + 1, cancellationToken).ConfigureAwait(false);
            var kept = read.Where(b => b.T >= segment.From && b.T < segment.To).ToList();
            bars[i] = kept.Count > left ? kept[^left..] : kept;
            total += bars[i]!.Count;
        }

        var rolls = await MeasureRollsAsync(request, segments, bars, cancellationToken).ConfigureAwait(false);
        var adjusted = Adjust(segments, bars, rolls, request.Adjustment);
        return new ContinuousBars(adjusted, segments, [.. rolls.Select(r => r.Gap)], request.Adjustment);
    }

    /// <summary>
    /// The contract the series must end in: the request's contract, or an instrument that is an id or a contract name.
    /// A name is read against the range, not searched (search lists live months only): NQU6 is the latest September
    /// ending in 6 up to a year after the range's end, NQU26 is September 2026.
    /// </summary>
    private string? LastContract(BarsRequest request)
    {
        if (request.Contract is { } contract)
            return contract.Id;
        var instrument = request.Instrument!.Trim();
        if (ContractResolver.IsContractId(instrument))
            return instrument;
        if (!ContractNames.TryParse(instrument, out var symbol, out var month, out var year))
            return null;
        var end = request.End ?? _options.TimeProvider.GetUtcNow();
        var yy = int.Parse(year, System.Globalization.CultureInfo.InvariantCulture);
        var fullYear = year.Length == 2 ? 2000 + yy : LatestYearEndingIn(yy, end.UtcDateTime.Year + 1);
        if (fullYear is < RollRules.FirstYear or > RollRules.LastYear)
            throw new ProjectXValidationException(ValidationReason.OutsideContractHistory, $"{instrument} names a month outside {RollRules.FirstYear}–{RollRules.LastYear}.", nameof(request.Instrument));
        var root = Sessions.ProductGroups.ProductOf(symbol).Root;
        return ContractNames.ContractId(root, fullYear, ContractNames.MonthCodes.IndexOf(char.ToUpperInvariant(month[0]), StringComparison.Ordinal) + 1);
    }

    private static int LatestYearEndingIn(int digit, int notAfter) => notAfter - (((notAfter % 10) - digit + 10) % 10);

    /// <summary>The plan cut at <paramref name="last"/>, which then runs to the end; a contract not in the plan alone.</summary>
    private static IReadOnlyList<ContractSegment> EndIn(IReadOnlyList<ContractSegment> plan, string last, DateTimeOffset start, DateTimeOffset end)
    {
        var index = plan.ToList().FindIndex(s => string.Equals(s.ContractId, last, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            return [new ContractSegment(last, plan[0].Symbol, start, end, end)];
        return [.. plan.Take(index), plan[index] with { To = end }];
    }

    private sealed record MeasuredRoll(int Older, int Newer, RollGap Gap);

    /// <summary>
    /// The gap at each roll inside what was read: the closes of the older and the newer contract on the older
    /// stretch's last bar (a stretch without bars is stepped over, so the gap spans it).
    /// </summary>
    private async Task<List<MeasuredRoll>> MeasureRollsAsync(
        BarsRequest request, IReadOnlyList<ContractSegment> segments, IReadOnlyList<AggregateBarModel>?[] bars, CancellationToken cancellationToken)
    {
        var rolls = new List<MeasuredRoll>();
        var older = -1;
        for (var i = 0; i < segments.Count; i++)
        {
            if (bars[i] is null)
                continue;
            if (older >= 0)
            {
                var lastOld = bars[older]![^1];
                var newer = segments[i];
                // Just the bar that starts at lastOld.T: the window ends a tick after its start.
                var read = await ReadBarsAsync(newer.ContractId, request, lastOld.T, lastOld.T.AddTicks(1), 1, cancellationToken).ConfigureAwait(false);
                var twin = read.FirstOrDefault(b => b.T == lastOld.T)
                    ?? throw new ProjectXNotFoundException(
                        $"No {newer.ContractId} bar at {lastOld.T:u} to measure the roll gap from {segments[older].ContractId}; read with Adjustment None, or one contract at a time.",
                        "Bar", newer.ContractId);
                rolls.Add(new MeasuredRoll(older, i, new RollGap(segments[i - 1].To, segments[older].ContractId, newer.ContractId, lastOld.T, lastOld.C, twin.C)));
            }
            if (bars[i]!.Count > 0)
                older = i;
        }
        return rolls;
    }

    /// <summary>
    /// Joins the stretches oldest first. Difference: p + Σ (later gaps' new − old close). Ratio: p × Π (later gaps'
    /// new / old close), on open, high, low and close, never volume. The newest stretch keeps its real prices.
    /// </summary>
    private static List<AggregateBarModel> Adjust(
        IReadOnlyList<ContractSegment> segments, IReadOnlyList<AggregateBarModel>?[] bars, List<MeasuredRoll> rolls, BackAdjustment adjustment)
    {
        var offset = new decimal[segments.Count];
        var factor = new decimal[segments.Count];
        Array.Fill(factor, 1m);
        for (var r = rolls.Count - 1; r >= 0; r--)
        {
            var (older, newer, gap) = (rolls[r].Older, rolls[r].Newer, rolls[r].Gap);
            for (var i = older; i < newer; i++)
            {
                offset[i] = offset[newer] + gap.Difference;
                factor[i] = factor[newer] * gap.Ratio;
            }
        }

        var joined = new List<AggregateBarModel>(bars.Sum(b => b?.Count ?? 0));
        for (var i = 0; i < segments.Count; i++)
        {
            foreach (var bar in bars[i] ?? [])
            {
                joined.Add(adjustment switch
                {
                    BackAdjustment.Difference when offset[i] != 0 => Shift(bar, p => p + offset[i]),
                    BackAdjustment.Ratio when factor[i] != 1m => Shift(bar, p => p * factor[i]),
                    _ => bar,
                });
            }
        }
        return joined;
    }

    private static AggregateBarModel Shift(AggregateBarModel bar, Func<decimal, decimal> price) =>
        new() { T = bar.T, O = price(bar.O), H = price(bar.H), L = price(bar.L), C = price(bar.C), V = bar.V };
}
