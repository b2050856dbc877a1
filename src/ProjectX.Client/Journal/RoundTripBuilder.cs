using ProjectX.Client.Gateway;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Journal;

/// <summary>
/// Turns fills into round trips, per account and contract, in time order (then trade id). Exits are matched FIFO against
/// the open lots, so each exit fill's realized PnL is (exit − lot entry) in ticks × tick value × quantity, summed over the
/// lots it closes. A fill larger than the open position is a reversal: its first part closes the trade, the rest opens
/// the next one, and its cost is shared by size. Voided fills are left out. A position still open at the end is not a
/// round trip yet.
/// </summary>
public static class RoundTripBuilder
{
    /// <summary>
    /// The gateway rounds each fill's profitAndLoss to the cent (and its average price may carry a last-digit difference
    /// from ours); each half-trade may differ by that much, sums by that much per closing fill.
    /// </summary>
    private const decimal GatewayRounding = 0.01m;

    public static IReadOnlyList<RoundTrip> Build(
        IEnumerable<JournalFill> fills,
        IReadOnlyDictionary<string, JournalContract> contracts,
        IEnumerable<JournalOrder>? orders = null,
        IEnumerable<PriceExcursion>? excursions = null)
    {
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(contracts);
        var context = new Context(orders ?? [], excursions ?? []);
        var trips = new List<RoundTrip>();
        foreach (var book in fills.Where(f => !f.Voided).GroupBy(f => (f.AccountId, f.ContractId)))
        {
            if (!contracts.TryGetValue(book.Key.ContractId, out var contract))
                throw new ProjectXJournalException(JournalFailure.UnknownContract, $"The journal has no tick size and tick value for contract {book.Key.ContractId}; import it (Contract/searchById) first.");
            BuildBook(book.OrderBy(f => f.Timestamp).ThenBy(f => f.TradeId), contract, context, trips);
        }
        trips.Sort(static (a, b) => a.ExitTime != b.ExitTime ? a.ExitTime.CompareTo(b.ExitTime) : a.Id.CompareTo(b.Id));
        return trips;
    }

    private static void BuildBook(IEnumerable<JournalFill> fills, JournalContract contract, Context context, List<RoundTrip> trips)
    {
        var calendar = CalendarOf(contract);
        Open? open = null;
        foreach (var fill in fills)
        {
            var sign = fill.Side == OrderSide.Bid ? 1 : -1;
            var quantity = fill.Size;
            var cost = fill.Cost;
            if (open is not null && sign != open.Sign)
            {
                var closing = Math.Min(quantity, open.Position);
                var share = closing == quantity ? cost : decimal.Round(cost * closing / quantity, 2, MidpointRounding.AwayFromZero);
                open.Close(fill, closing, share, contract);
                quantity -= closing;
                cost -= share;
                if (open.Position == 0)
                {
                    trips.Add(open.Finish(contract, calendar, context));
                    open = null;
                }
            }
            if (quantity > 0)
            {
                open ??= new Open(fill, sign);
                open.Add(fill, quantity, cost);
            }
        }
    }

    private static TradingCalendar CalendarOf(JournalContract contract)
    {
        try
        {
            return TradingCalendar.For(contract.ContractId);
        }
        catch (UnknownProductException)
        {
            // A product the calendar does not list: the equity-index schedule (17:00 CT day boundary) is the CME default.
            return TradingCalendar.For(ProductGroup.EquityIndex);
        }
    }

    private sealed class Open(JournalFill first, int sign)
    {
        private readonly List<Lot> _lots = [];
        private int _head;
        private readonly List<RoundTripFill> _fills = [];
        private decimal _average, _gross, _fees, _entryNotional, _exitNotional, _gatewayPnl;
        private int _entered, _exited, _max;
        private bool _gatewayComplete = true;
        private bool _halfTradeMismatch;
        private int _closingFills;
        private JournalFill? _lastExit;

        public int Sign { get; } = sign;
        public int Position { get; private set; }

        public void Add(JournalFill fill, int quantity, decimal cost)
        {
            _lots.Add(new Lot { Price = fill.Price, Remaining = quantity });
            _average = ((_average * Position) + (fill.Price * quantity)) / (Position + quantity);
            _fills.Add(new RoundTripFill(fill.TradeId, RoundTripRole.Entry, quantity, fill.Price, fill.Timestamp));
            _entered += quantity;
            _entryNotional += fill.Price * quantity;
            _fees += cost;
            Position += quantity;
            _max = Math.Max(_max, Position);
        }

        public void Close(JournalFill fill, int quantity, decimal cost, JournalContract contract)
        {
            // The gateway prices an exit against the position's average price (which a reduction leaves as it was), per
            // half-trade, to the cent.
            var averageCost = decimal.Round(contract.MoneyOf((fill.Price - _average) * Sign) * quantity, 2, MidpointRounding.AwayFromZero);
            var realized = 0m;
            var left = quantity;
            while (left > 0)
            {
                var lot = _lots[_head];
                var matched = Math.Min(lot.Remaining, left);
                realized += contract.MoneyOf((fill.Price - lot.Price) * Sign) * matched;
                left -= matched;
                lot.Remaining -= matched;
                if (lot.Remaining == 0) _head++;
            }
            _gross += realized;
            _fills.Add(new RoundTripFill(fill.TradeId, RoundTripRole.Exit, quantity, fill.Price, fill.Timestamp)
            {
                RealizedPnl = realized,
                AverageCostPnl = averageCost,
                ReportedPnl = fill.ProfitAndLoss,
            });
            if (fill.ProfitAndLoss is { } halfTrade && Math.Abs(halfTrade - averageCost) > GatewayRounding) _halfTradeMismatch = true;
            _exited += quantity;
            _exitNotional += fill.Price * quantity;
            _fees += cost;
            Position -= quantity;
            _closingFills++;
            if (fill.ProfitAndLoss is { } reported) _gatewayPnl += reported;
            else _gatewayComplete = false;
            _lastExit = fill;
        }

        public RoundTrip Finish(JournalContract contract, TradingCalendar calendar, Context context)
        {
            var exit = _lastExit!;
            var entryPrice = _entryNotional / _entered;
            var exitPrice = _exitNotional / _exited;
            var direction = Sign > 0 ? PositionType.Long : PositionType.Short;
            var entryOrder = context.Order(first.OrderId);
            var exitOrder = context.Order(exit.OrderId);
            var stop = context.InitialStop(first, exit.Timestamp);
            decimal? rMultiple = null;
            var net = _gross - _fees;
            if (stop is { } s && contract.MoneyOf(Math.Abs(entryPrice - s)) * _entered is var risk and > 0)
                rMultiple = decimal.Round(net / risk, 4, MidpointRounding.AwayFromZero);
            var (mae, mfe, source) = Excursions(context.Excursion(first.AccountId, first.ContractId, first.Timestamp, exit.Timestamp), entryPrice, exitPrice, contract);
            PnlCheck check = PnlCheck.NotReported;
            if (_gatewayComplete)
                check = !_halfTradeMismatch && Math.Abs(_gatewayPnl - _gross) <= GatewayRounding * _closingFills ? PnlCheck.Matches : PnlCheck.Differs;
            return new RoundTrip
            {
                Id = first.TradeId,
                AccountId = first.AccountId,
                ContractId = contract.ContractId,
                Contract = contract.Name,
                Symbol = contract.Symbol,
                Direction = direction,
                Size = _entered,
                MaxPosition = _max,
                EntryTime = first.Timestamp,
                ExitTime = exit.Timestamp,
                EntryPrice = entryPrice,
                ExitPrice = exitPrice,
                GrossPnl = _gross,
                Fees = _fees,
                TradingDay = calendar.TradingDayOf(exit.Timestamp),
                Mae = mae,
                Mfe = mfe,
                ExcursionSource = source,
                InitialStop = stop,
                RMultiple = rMultiple,
                EntryTag = entryOrder?.CustomTag,
                ExitTag = exitOrder?.CustomTag,
                Tag = TradeTags.Label(entryOrder?.CustomTag),
                EntryOrderId = first.OrderId,
                GatewayPnl = _gatewayComplete ? _gatewayPnl : null,
                PnlCheck = check,
                Fills = _fills,
            };

            (decimal?, decimal?, ExcursionSource) Excursions(PriceExcursion? range, decimal entry, decimal exitAt, JournalContract c)
            {
                if (range is null)
                    return (null, null, ExcursionSource.None);
                // The fills themselves are prices the market traded at, so the range always holds them.
                var low = Math.Min(range.Low, Math.Min(entry, exitAt));
                var high = Math.Max(range.High, Math.Max(entry, exitAt));
                var adverse = Sign > 0 ? entry - low : high - entry;
                var favourable = Sign > 0 ? high - entry : entry - low;
                return (c.MoneyOf(adverse) * _entered, c.MoneyOf(favourable) * _entered, range.Source);
            }
        }
    }

    /// <summary>Contracts opened at one price, not yet closed: the FIFO queue is the list from the head on.</summary>
    private sealed class Lot
    {
        public decimal Price { get; init; }
        public int Remaining { get; set; }
    }

    /// <summary>Lookups over the order history and the recorded price ranges.</summary>
    internal sealed class Context
    {
        private readonly Dictionary<long, JournalOrder> _orders;
        private readonly ILookup<long, JournalOrder> _children;
        private readonly ILookup<(int, string), JournalOrder> _stops;
        private readonly ILookup<(int, string), PriceExcursion> _excursions;

        public Context(IEnumerable<JournalOrder> orders, IEnumerable<PriceExcursion> excursions)
        {
            _orders = new Dictionary<long, JournalOrder>();
            foreach (var order in orders) _orders[order.OrderId] = order;
            _children = _orders.Values.Where(o => o.ParentOrderId is not null).ToLookup(o => o.ParentOrderId!.Value);
            _stops = _orders.Values.Where(o => o.IsStop && o.Status != OrderStatus.Rejected).OrderBy(o => o.Created).ThenBy(o => o.OrderId).ToLookup(o => (o.AccountId, o.ContractId));
            _excursions = excursions.ToLookup(e => (e.AccountId, e.ContractId));
        }

        public JournalOrder? Order(long orderId) => _orders.GetValueOrDefault(orderId);

        /// <summary>
        /// The stop that protected the trade from its start: the entry order's own stop leg (a bracket), else the first stop
        /// order on the other side of the same contract placed from the entry order's creation up to the first fill's
        /// time plus one minute and before the exit. Order/search reports a stop's current price, so a stop moved
        /// later is seen where it ended.
        /// </summary>
        public decimal? InitialStop(JournalFill entry, DateTimeOffset exitTime)
        {
            var exitSide = entry.Side == OrderSide.Bid ? OrderSide.Ask : OrderSide.Bid;
            var leg = _children[entry.OrderId].Where(o => o.IsStop && o.Side == exitSide).OrderBy(o => o.Created).FirstOrDefault();
            if (leg is not null)
                return leg.StopPrice;
            var from = Order(entry.OrderId)?.Created ?? entry.Timestamp;
            var latest = Min(entry.Timestamp + TimeSpan.FromMinutes(1), exitTime);
            return _stops[(entry.AccountId, entry.ContractId)]
                .FirstOrDefault(o => o.Side == exitSide && o.OrderId != entry.OrderId && o.Created >= from && o.Created <= latest)?.StopPrice;
        }

        /// <summary>The recorded range that overlaps [from, until] the most (quotes before bars when they tie).</summary>
        public PriceExcursion? Excursion(int accountId, string contractId, DateTimeOffset from, DateTimeOffset until)
        {
            PriceExcursion? best = null;
            var bestOverlap = TimeSpan.MinValue;
            foreach (var e in _excursions[(accountId, contractId)])
            {
                var overlap = Min(e.Until, until) - Max(e.From, from);
                if (overlap < TimeSpan.Zero) continue;
                if (overlap > bestOverlap || (overlap == bestOverlap && e.Source == ExcursionSource.Quotes))
                    (best, bestOverlap) = (e, overlap);
            }
            return best;
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
    }
}
