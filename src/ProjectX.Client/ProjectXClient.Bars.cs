using ProjectX.Client.Gateway;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>The gateway's cap per History/retrieveBars request (spec §4.5).</summary>
    public const int MaxBarsPerRequest = 20_000;

    /// <summary>
    /// Bars, oldest first. Ranges longer than 20,000 bars are fetched page by page (newest page first, each
    /// page ending where the previous one began) and joined where the pages meet. A malformed range throws
    /// <see cref="ProjectXValidationException"/> before anything is sent. With <see cref="BarsRequest.Continuous"/>, the
    /// product's months stitched at each roll (see <see cref="GetContinuousBarsAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<AggregateBarModel>> GetBarsAsync(BarsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Continuous)
            return (await GetContinuousBarsAsync(request, cancellationToken).ConfigureAwait(false)).Bars;
        var (start, end) = ValidateBarRange(request);
        var contract = request.Contract ?? await GetInstrumentAsync(
            request.Instrument ?? throw new ProjectXValidationException(ValidationReason.MissingInstrument, "Name the instrument (Instrument or Contract) to fetch bars for.", nameof(request.Instrument)),
            cancellationToken).ConfigureAwait(false);
        return await ReadBarsAsync(contract.Id, request, start, end, request.Count ?? int.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bars of one contract in [start, end), oldest first, at most the most recent <paramref name="wanted"/>, page by page.</summary>
    private async Task<IReadOnlyList<AggregateBarModel>> ReadBarsAsync(
        string contractId, BarsRequest request, DateTimeOffset start, DateTimeOffset end, int wanted, CancellationToken cancellationToken)
    {
        var pages = new BarPages();
        var pageEnd = end;
        while (pages.Count < wanted)
        {
            var limit = (int)Math.Min(MaxBarsPerRequest, (long)wanted - pages.Count);
            var response = await Gateway.RetrieveBarsAsync(new RetrieveBarRequest
            {
                ContractId = contractId,
                Live = request.Live,
                StartTime = start,
                EndTime = pageEnd,
                Unit = request.Unit,
                UnitNumber = request.UnitNumber,
                Limit = limit,
                IncludePartialBar = request.IncludePartialBar,
            }, cancellationToken).ConfigureAwait(false);
            var bars = response.Bars ?? [];
            var added = pages.Add(bars);
            // A short page means the window is exhausted; a page of only known bars means no progress.
            if (bars.Count < limit || added == 0 || pages.Oldest is not { } oldest || oldest <= start)
                break;
            pageEnd = oldest;
        }
        return pages.ToList(wanted);
    }

    private (DateTimeOffset Start, DateTimeOffset End) ValidateBarRange(BarsRequest request)
    {
        if (request.UnitNumber <= 0)
            throw new ProjectXValidationException(ValidationReason.InvalidTimeframe, $"UnitNumber must be at least 1 (got {request.UnitNumber}).", nameof(request.UnitNumber));
        if (request.Unit is AggregateBarUnit.Unspecified || !Enum.IsDefined(request.Unit))
            throw new ProjectXValidationException(ValidationReason.InvalidTimeframe, $"Unit must be Second, Minute, Hour, Day, Week, Month or Tick (got {request.Unit}).", nameof(request.Unit));
        if (request.Count is <= 0)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"Count must be at least 1 (got {request.Count}).", nameof(request.Count));
        if (request.Days is <= 0)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"Days must be at least 1 (got {request.Days}).", nameof(request.Days));
        if (request.Days is not null && request.Start is not null)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, "Give either Start or Days, not both.", nameof(request.Days));

        var end = request.End ?? _options.TimeProvider.GetUtcNow();
        DateTimeOffset start;
        if (request.Start is { } s)
            start = s;
        else if (request.Days is { } days)
            start = end.AddDays(-days);
        else if (request.Count is { } count)
            start = end - LookbackFor(count, request.Unit, request.UnitNumber);
        else
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, "Give a range: Start (and End), Days, or Count.", nameof(request.Start));

        if (start >= end)
            throw new ProjectXValidationException(ValidationReason.InvalidDateRange, $"The range is empty or reversed: Start {start:O} is not before End {end:O}.", nameof(request.Start));
        return (start, end);
    }

    /// <summary>Far enough back for <paramref name="count"/> bars across nights, weekends and holidays.</summary>
    private static TimeSpan LookbackFor(int count, AggregateBarUnit unit, int unitNumber)
    {
        var barSeconds = unit switch
        {
            AggregateBarUnit.Second or AggregateBarUnit.Tick => 1.0,
            AggregateBarUnit.Minute => 60.0,
            AggregateBarUnit.Hour => 3600.0,
            AggregateBarUnit.Day => 86_400.0,
            AggregateBarUnit.Week => 7 * 86_400.0,
            _ => 31 * 86_400.0,
        } * unitNumber;
        var seconds = Math.Min(count * barSeconds * 2 + 4 * 86_400.0, 20 * 365 * 86_400.0);
        return TimeSpan.FromSeconds(seconds);
    }
}
