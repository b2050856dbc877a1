namespace ProjectX.Client.Sessions;

/// <summary>
/// A product the trading calendar has no schedule for. Thrown instead of falling back to some default
/// schedule: a risk guard that believes a closed market is open (or the reverse) is worse than one that stops.
/// </summary>
public sealed class UnknownProductException : ProjectXException
{
    public UnknownProductException(string product, string message) : base(message) => Product = product;

    /// <summary>What was asked for: a symbol, root, id or contract label.</summary>
    public string Product { get; }
}

/// <summary>
/// A query outside the dates the CME tables cover. The calendar never extrapolates a holiday table: the
/// answer would be a guess about which days CME closes. <see cref="TradingCalendarExpiredException"/> is the
/// case that matters in production (the table ran out); this base type is also thrown before the first date.
/// </summary>
public class TradingCalendarNotCoveredException : ProjectXException
{
    public TradingCalendarNotCoveredException(ProductGroup group, DateOnly coveredFrom, DateOnly coveredThrough, string message)
        : base(message)
    {
        Group = group;
        CoveredFrom = coveredFrom;
        CoveredThrough = coveredThrough;
    }

    public ProductGroup Group { get; }

    /// <summary>The first trade date the tables cover.</summary>
    public DateOnly CoveredFrom { get; }

    /// <summary>The last trade date the tables cover.</summary>
    public DateOnly CoveredThrough { get; }
}

/// <summary>
/// A query past <see cref="TradingCalendarNotCoveredException.CoveredThrough"/>: the holiday table has expired.
/// Update the tables (docs/trading-calendar.md, "Extending the table") and ship a new version.
/// </summary>
public sealed class TradingCalendarExpiredException : TradingCalendarNotCoveredException
{
    public TradingCalendarExpiredException(ProductGroup group, DateOnly coveredFrom, DateOnly coveredThrough, string message)
        : base(group, coveredFrom, coveredThrough, message)
    {
    }
}
