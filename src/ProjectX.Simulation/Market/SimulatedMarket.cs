using System.Collections.Concurrent;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market.Paths;

namespace ProjectX.Simulation.Market;

/// <summary>
/// The seeded market: one deterministic, tick-aligned price path per root (all months of a root follow it, each
/// scaled by its cost of carry, see <see cref="Carry"/>; micro and E-mini of the same index share prices too), defined for every UTC second of 2000–2099 and computed on
/// demand, never from a clock. Markets are open 24/7 (quieter at night and at the weekend) so demos and CI work on
/// any day. The canonical resolution is one <see cref="SecondBar"/> per second; minutes and days aggregate it exactly.
/// A second's bar is visible from its first instant: at <c>10:00:00.500</c> the last price is the close of second
/// <c>10:00:00</c>, and <see cref="GetSeconds"/>/<see cref="RetrieveBars"/> include every second that has started.
/// </summary>
public sealed class SimulatedMarket : IMarketData
{
    /// <summary>The first simulated second (2000-01-01 UTC).</summary>
    public static readonly DateTimeOffset FirstSecond = DateTimeOffset.FromUnixTimeSeconds(DailyWalk.OriginDay * DailyWalk.SecondsPerDay);

    /// <summary>The end (exclusive) of the simulated seconds (2100-01-01 UTC).</summary>
    public static readonly DateTimeOffset EndOfData = DateTimeOffset.FromUnixTimeSeconds(DailyWalk.EndDay * DailyWalk.SecondsPerDay);

    private const long FirstSecondUnix = DailyWalk.OriginDay * DailyWalk.SecondsPerDay;
    private const long EndUnix = DailyWalk.EndDay * DailyWalk.SecondsPerDay;
    private const int MaxBars = 20_000;

    private readonly IContractCatalog _catalog;
    private readonly ulong _seed;
    private readonly int _cachedDays;
    private readonly ConcurrentDictionary<string, Lazy<RootPath>> _roots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Carry> _carries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _anchorMonths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string PriceKey, decimal TickSize), Lazy<(DailyWalk Walk, Regimes Regimes)>> _walks = new();

    /// <param name="catalog">Resolves contract ids to roots and tick sizes.</param>
    /// <param name="seed">Same seed, same market.</param>
    /// <param name="cachedDaysPerRoot">How many days of minute bars each root keeps (about 60 KB a day).</param>
    public SimulatedMarket(IContractCatalog catalog, int seed, int cachedDaysPerRoot = 32)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        Seed = seed;
        _seed = Seeds.Mix((ulong)(long)seed);
        _cachedDays = cachedDaysPerRoot;
    }

    public int Seed { get; }

    /// <exception cref="ArgumentException">Unknown contract.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> outside [<see cref="FirstSecond"/>, <see cref="EndOfData"/>).</exception>
    public MarketSnapshot GetSnapshot(string contractId, DateTimeOffset at)
    {
        var (spec, path, carry) = Resolve(contractId);
        long second = ToUnixSecond(at, nameof(at));
        var bar = carry.Apply(path.SecondsOf(second / RootPath.SecondsPerMinute)[second % RootPath.SecondsPerMinute]);
        decimal last = bar.Close * spec.TickSize;
        // An uptick traded at the offer; otherwise at the bid. Either way the spread is one tick.
        (decimal bid, decimal ask) = bar.Close > bar.Open ? (last - spec.TickSize, last) : (last, last + spec.TickSize);
        long dayStart = second - (second % DailyWalk.SecondsPerDay);
        long volumeToday = path.Aggregate(dayStart, second + 1).Bar.Volume;
        return new MarketSnapshot(contractId, at, bid, ask, last, volumeToday);
    }

    /// <summary>One second's bar (the second containing <paramref name="at"/>).</summary>
    public SecondBar GetSecond(string contractId, DateTimeOffset at)
    {
        var (spec, path, carry) = Resolve(contractId);
        long second = ToUnixSecond(at, nameof(at));
        return ToSecondBar(second, carry.Apply(path.SecondsOf(second / RootPath.SecondsPerMinute)[second % RootPath.SecondsPerMinute]), spec.TickSize);
    }

    /// <summary>
    /// The trade prints inside the second containing <paramref name="second"/>, in order: the first is the open, the
    /// last the close, and prices walk monotonically between them, so min/max/first/last/sum match the second's OHLCV.
    /// </summary>
    public IReadOnlyList<(decimal Price, long Volume)> GetPrints(string contractId, DateTimeOffset second)
    {
        var (spec, path, carry) = Resolve(contractId);
        return [.. path.Prints(ToUnixSecond(second, nameof(second))).Select(p => (carry.Ticks(p.Ticks) * spec.TickSize, p.Volume))];
    }

    /// <summary>Seconds starting in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], oldest first; none outside the simulated years.</summary>
    /// <exception cref="ArgumentException">Unknown contract.</exception>
    public IEnumerable<SecondBar> GetSeconds(string contractId, DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        var (spec, path, carry) = Resolve(contractId);
        long first = Math.Max(FirstSecondUnix, FloorSecond(fromExclusive) + 1);
        long last = Math.Min(EndUnix - 1, FloorSecond(toInclusive));
        return Enumerate(path, carry, spec.TickSize, first, last);
    }

    public RetrieveBarResponse RetrieveBars(RetrieveBarRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = _catalog.GetSpec(request.ContractId);
        var error = spec is null ? RetrieveBarErrorCode.ContractNotFound
            : request.Unit is < AggregateBarUnit.Second or > AggregateBarUnit.Month ? RetrieveBarErrorCode.UnitInvalid
            : request.UnitNumber < 1 || request.UnitNumber > BarCalendar.MaxUnitNumber(request.Unit) ? RetrieveBarErrorCode.UnitNumberInvalid
            : request.Limit is < 1 or > MaxBars ? RetrieveBarErrorCode.LimitInvalid
            : RetrieveBarErrorCode.Success;
        if (error != RetrieveBarErrorCode.Success)
        {
            return new RetrieveBarResponse { Success = false, ErrorCode = error, Bars = null };
        }
        return new RetrieveBarResponse { Success = true, ErrorCode = RetrieveBarErrorCode.Success, Bars = Bars(request, spec!, now) };
    }

    private List<AggregateBarModel> Bars(RetrieveBarRequest request, ContractSpec spec, DateTimeOffset now)
    {
        var bars = new List<AggregateBarModel>();
        if (request.EndTime <= request.StartTime || now < FirstSecond)
        {
            return bars;
        }
        var path = PathFor(spec);
        var carry = CarryOf(spec);
        var (unit, n) = (request.Unit, request.UnitNumber);
        long nowSecond = Math.Min(FloorSecond(now), EndUnix - 1);
        // An expired contract stopped trading at its expiry: its last bar is complete and nothing follows it.
        long expirySecond = Math.Min(FloorSecond(spec.Expiry), EndUnix);
        bool expired = nowSecond >= expirySecond;
        long lastSecond = Math.Min(nowSecond, expirySecond - 1);
        // The newest candidate: the bar holding the last instant before endTime, or the one holding the last traded second.
        long newest = Math.Min(FloorSecond(request.EndTime.AddTicks(-1)), lastSecond);
        for (long start = BarCalendar.Floor(newest, unit, n); bars.Count < request.Limit; start = BarCalendar.Floor(start - 1, unit, n))
        {
            long end = BarCalendar.End(start, unit, n);
            if (end <= FirstSecondUnix || DateTimeOffset.FromUnixTimeSeconds(Math.Min(end, EndUnix)) <= request.StartTime)
            {
                break;
            }
            bool forming = end > nowSecond && !expired; // the bar holding now is still forming
            if (!forming || request.IncludePartialBar)
            {
                var acc = path.Aggregate(Math.Max(start, FirstSecondUnix), Math.Min(end, lastSecond + 1));
                if (acc.HasValue)
                {
                    // The factor is monotone, so scaling the aggregate equals aggregating the scaled seconds.
                    bars.Add(ToModel(start, carry.Apply(acc.Bar), spec.TickSize));
                }
            }
            if (start <= FirstSecondUnix)
            {
                break; // nothing earlier exists (and very long bars may start before DateTimeOffset can count)
            }
        }
        return bars;
    }

    private static AggregateBarModel ToModel(long start, TickBar b, decimal tickSize) => new()
    {
        T = DateTimeOffset.FromUnixTimeSeconds(start),
        O = b.Open * tickSize,
        H = b.High * tickSize,
        L = b.Low * tickSize,
        C = b.Close * tickSize,
        V = b.Volume,
    };

    private static IEnumerable<SecondBar> Enumerate(RootPath path, Carry carry, decimal tickSize, long first, long last)
    {
        for (long s = first; s <= last; s++)
        {
            var seconds = path.SecondsOf(s / RootPath.SecondsPerMinute);
            yield return ToSecondBar(s, carry.Apply(seconds[s % RootPath.SecondsPerMinute]), tickSize);
        }
    }

    private static SecondBar ToSecondBar(long second, TickBar b, decimal tickSize) =>
        new(DateTimeOffset.FromUnixTimeSeconds(second), b.Open * tickSize, b.High * tickSize, b.Low * tickSize, b.Close * tickSize, b.Volume);

    private (ContractSpec Spec, RootPath Path, Carry Carry) Resolve(string contractId)
    {
        var spec = _catalog.GetSpec(contractId) ?? throw new ArgumentException($"Unknown contract '{contractId}'.", nameof(contractId));
        return (spec, PathFor(spec), CarryOf(spec));
    }

    /// <summary>The contract month's <see cref="Carry"/> (see there): its expiry month against the anchor front month's.</summary>
    private Carry CarryOf(ContractSpec spec) => _carries.GetOrAdd(spec.ContractId, _ =>
    {
        var profile = PathProfile.For(spec.Root, spec.TickSize);
        if (profile.AnnualCarry == 0)
        {
            return Carry.None;
        }
        int anchorMonth = _anchorMonths.GetOrAdd(spec.Root, _ =>
        {
            var anchorTime = DateTimeOffset.FromUnixTimeSeconds(DailyWalk.AnchorDay * DailyWalk.SecondsPerDay);
            var front = _catalog.Available(anchorTime).FirstOrDefault(c => c.ActiveContract && c.SymbolId == spec.SymbolId);
            return MonthIndex(front is null ? anchorTime : _catalog.GetSpec(front.Id)?.Expiry ?? anchorTime);
        });
        return Carry.For(profile.AnnualCarry, MonthIndex(spec.Expiry), anchorMonth);
    });

    private static int MonthIndex(DateTimeOffset t) => (t.UtcDateTime.Year * 12) + t.UtcDateTime.Month - 1;

    private RootPath PathFor(ContractSpec spec) =>
        _roots.GetOrAdd(spec.Root, root => new Lazy<RootPath>(() => CreatePath(root, spec.TickSize))).Value;

    private RootPath CreatePath(string root, decimal tickSize)
    {
        var profile = PathProfile.For(root, tickSize);
        var shared = _walks.GetOrAdd((profile.PriceKey, tickSize), key => new Lazy<(DailyWalk, Regimes)>(() =>
        {
            ulong priceKey = Seeds.Of(key.PriceKey);
            var regimes = new Regimes(_seed, priceKey);
            long referenceTicks = (long)Math.Round(profile.ReferencePrice / tickSize);
            return (new DailyWalk(_seed, priceKey, referenceTicks, profile.DailyVolatility, regimes), regimes);
        })).Value;
        return new RootPath(_seed, root, profile, shared.Walk, shared.Regimes, _cachedDays);
    }

    private static long FloorSecond(DateTimeOffset t)
    {
        long ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long second = ticks / TimeSpan.TicksPerSecond;
        return ticks % TimeSpan.TicksPerSecond < 0 ? second - 1 : second;
    }

    private static long ToUnixSecond(DateTimeOffset t, string paramName)
    {
        long second = FloorSecond(t);
        if (second < FirstSecondUnix || second >= EndUnix)
        {
            throw new ArgumentOutOfRangeException(paramName, t, "The simulated market covers 2000-01-01 to 2099-12-31 UTC.");
        }
        return second;
    }
}
