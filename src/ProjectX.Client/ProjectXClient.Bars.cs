using ProjectX.Client.Gateway;
using ProjectX.Client.Sessions;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>The gateway's cap per History/retrieveBars request (spec §4.5).</summary>
    public const int MaxBarsPerRequest = 20_000;

    /// <summary>
    /// Bars, oldest first. Ranges longer than 20,000 bars are fetched page by page (newest page first, each
    /// page ending where the previous one began) and joined where the pages meet. A malformed range throws
    /// <see cref="ProjectXValidationException"/> before anything is sent. With <see cref="BarsRequest.Continuous"/>, the
    /// product's months stitched at each roll (see <see cref="GetContinuousBarsAsync"/>). With <see cref="BarsRequest.Session"/> the bars
    /// are filtered to that session and day, week and month bars are built on the CME trade date (from 30-minute bars,
    /// or 5-minute bars for RTH, whose edges fall on 5 minutes: 07:20, 13:20, 12:05 CT); with both, from the stitched series.
    /// </summary>
    /// <exception cref="UnknownProductException">A session was asked for a product the trading calendar does not cover.</exception>
    /// <exception cref="TradingCalendarNotCoveredException">A session was asked for a range past the holiday table.</exception>
    public async Task<IReadOnlyList<AggregateBarModel>> GetBarsAsync(BarsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Continuous && request.Session is null)
            return (await GetContinuousBarsAsync(request, cancellationToken).ConfigureAwait(false)).Bars;
        var (start, end) = ValidateBarRange(request);
        var contract = request.Contract ?? await GetInstrumentAsync(
            request.Instrument ?? throw new ProjectXValidationException(ValidationReason.MissingInstrument, "Name the instrument (Instrument or Contract) to fetch bars for.", nameof(request.Instrument)),
            cancellationToken).ConfigureAwait(false);
        if (request.Session is { } session)
            return await GetSessionBarsAsync(request, contract, start, end, session, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The intraday bars of a session, or trade-date bars built from them (see <see cref="TradeDateBars"/>).</summary>
    private async Task<IReadOnlyList<AggregateBarModel>> GetSessionBarsAsync(BarsRequest request, ContractModel contract, DateTimeOffset start, DateTimeOffset end,
        BarSession session, CancellationToken cancellationToken)
    {
        var calendar = TradingCalendar.For(contract);
        var firstOpen = calendar.GetTradingDays(calendar.CoveredFrom, calendar.CoveredFrom.AddDays(14))[0].Start;
        var tradeDates = TradeDateBars.IsTradeDateUnit(request.Unit);
        if (request.Start is null && request.Days is null && request.Count is { } count)
        {
            // Far enough back for Count bars of the session: trade dates counted on the calendar, or a wider look-back for intraday bars.
            start = tradeDates
                ? StartForTradeDates(calendar, end, count * request.UnitNumber * request.Unit switch { AggregateBarUnit.Day => 1, AggregateBarUnit.Week => 5, _ => 23 } + 30)
                : end - LookbackFor(count * 4, request.Unit, request.UnitNumber);
        }
        if (start < firstOpen)
            start = firstOpen;
        if (tradeDates)
            start = TradeDateBars.PeriodAt(calendar, start, request.Unit, request.UnitNumber).Start;
        if (start >= end)
            return [];

        var baseMinutes = session == BarSession.Rth ? 5 : 30;
        var (unit, unitNumber) = tradeDates ? (AggregateBarUnit.Minute, baseMinutes) : (request.Unit, request.UnitNumber);
        // A continuous request keeps naming what it named, so the stitched series ends where it would without a session.
        var intraday = await GetBarsAsync(new BarsRequest
        {
            Contract = request.Continuous ? request.Contract : contract,
            Instrument = request.Continuous ? request.Instrument : null,
            Continuous = request.Continuous,
            Adjustment = request.Adjustment,
            Unit = unit,
            UnitNumber = unitNumber,
            Start = start,
            End = end,
            IncludePartialBar = request.IncludePartialBar,
            Live = request.Live,
        }, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<AggregateBarModel> bars;
        if (tradeDates)
        {
            bars = TradeDateBars.Aggregate(intraday, TimeSpan.FromMinutes(baseMinutes), calendar, request.Unit, request.UnitNumber, session);
            // The last period is partial unless its last trade date closed by the end of the range (a Friday is
            // complete on Saturday, though its period runs to Sunday's open).
            if (!request.IncludePartialBar && bars.Count > 0)
            {
                var periodEnd = TradeDateBars.PeriodAt(calendar, bars[^1].T, request.Unit, request.UnitNumber).End;
                if (calendar.TradingDayAt(periodEnd.AddTicks(-1)).End > end)
                    bars = [.. bars.Take(bars.Count - 1)];
            }
        }
        else
        {
            var length = new State.Timeframe(unit, unitNumber).ApproximateLength;
            bars = [.. intraday.Where(b => TradeDateBars.IsInSession(calendar, b.T, b.T + length, session))];
        }
        return request.Count is { } wanted && bars.Count > wanted ? [.. bars.Skip(bars.Count - wanted)] : bars;
    }

    private static DateTimeOffset StartForTradeDates(TradingCalendar calendar, DateTimeOffset end, int tradeDates)
    {
        var last = calendar.TradingDayOf(end);
        var from = last.AddDays(-(tradeDates * 7 / 5) - 10);
        if (from < calendar.CoveredFrom)
            from = calendar.CoveredFrom;
        var days = calendar.GetTradingDays(from, last);
        return days[Math.Max(0, days.Count - tradeDates)].Start;
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
        if (request.Session is not null && request.Unit == AggregateBarUnit.Tick)
            throw new ProjectXValidationException(ValidationReason.InvalidTimeframe, "Session filters bars with a time span; tick bars have none. Leave Session out for tick bars.", nameof(request.Session));
        if (request.Session is not null && !Enum.IsDefined(request.Session.Value))
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"Session must be Eth or Rth (got {request.Session}).", nameof(request.Session));
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
