using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client;

/// <summary>
/// Everything live for one account and a set of symbols, from one call (project-x-py's <c>create_trading_suite</c>):
/// the client, both hubs, the order and position trackers, merged quotes, an order book and multi-timeframe bars per
/// symbol, seeded over REST. One task applies every hub event, in hub order, to the state; the state's own events
/// (<see cref="OrderTracker.OrderChanged"/>, <see cref="BarAggregator.BarClosed"/>, …) are raised on that task, so keep
/// handlers short. <see cref="DisposeAsync"/> unsubscribes, stops the hubs and that task, and disposes the client
/// when the suite created it.
/// </summary>
public sealed partial class TradingSuite : IAsyncDisposable
{
    private readonly bool _ownsClient;
    private readonly RealtimeStream<RealtimeEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, SuiteInstrument> _byContract;
    private readonly TradingSuiteOptions _options;
    private Task _pump = Task.CompletedTask;
    private readonly List<Task> _backfillTasks = [];
    private long _backfills;
    private long _appliedEvents;
    private long _reseeds;
    private int _disposed;

    private TradingSuite(ProjectXClient client, bool ownsClient, ProjectXRealtime realtime, RealtimeStream<RealtimeEvent> events,
        TradingAccountModel account, IReadOnlyList<SuiteInstrument> instruments, IReadOnlyList<Timeframe> timeframes, TradingSuiteOptions options)
    {
        Client = client;
        _ownsClient = ownsClient;
        Realtime = realtime;
        _events = events;
        Account = account;
        _options = options;
        Timeframes = timeframes;
        var time = client.OptionsForRealtime.TimeProvider;
        Orders = new OrderTracker(account.Id, time);
        Positions = new PositionTracker(account.Id, time, options.TradingDayStart);
        Quotes = new QuoteBook();
        Instruments = instruments;
        _byContract = instruments.ToDictionary(i => i.Contract.Id, StringComparer.Ordinal);
        OrderBooks = instruments.Where(i => i.OrderBook is not null).ToDictionary(i => i.Symbol, i => i.OrderBook!, StringComparer.OrdinalIgnoreCase);
        Bars = instruments.ToDictionary(i => i.Symbol, i => i.Bars, StringComparer.OrdinalIgnoreCase);
        Contracts = instruments.ToDictionary(i => i.Symbol, i => i.Contract, StringComparer.OrdinalIgnoreCase);
        foreach (var i in instruments)
        {
            Positions.AddContract(i.Contract);
            i.Bars.BarClosed += (_, e) => BarClosed?.Invoke(this, e);
        }
    }

    public ProjectXClient Client { get; }
    public ProjectXRealtime Realtime { get; }
    public TradingAccountModel Account { get; }
    public int AccountId => Account.Id;
    public OrderTracker Orders { get; }
    public PositionTracker Positions { get; }
    public QuoteBook Quotes { get; }
    public IReadOnlyList<Timeframe> Timeframes { get; }
    public IReadOnlyList<SuiteInstrument> Instruments { get; }

    /// <summary>The Level-2 book of each symbol, by the symbol as given (case-insensitive). Empty when depth is off.</summary>
    public IReadOnlyDictionary<string, OrderBook> OrderBooks { get; }

    /// <summary>The bars of each symbol: <c>Bars["MNQ"][Timeframe.FiveMinutes]</c>.</summary>
    public IReadOnlyDictionary<string, BarAggregator> Bars { get; }

    /// <summary>The contract each symbol resolved to.</summary>
    public IReadOnlyDictionary<string, ContractModel> Contracts { get; }

    /// <summary>Every bar that closes, of every symbol and timeframe (raised on the aggregator's thread).</summary>
    public event EventHandler<BarClosedEventArgs>? BarClosed;

    /// <summary>Hub events applied to the state so far.</summary>
    public long AppliedEventCount => Interlocked.Read(ref _appliedEvents);

    /// <summary>Events dropped because the state fell <see cref="TradingSuiteOptions.EventQueueCapacity"/> behind.</summary>
    public long DroppedEventCount => _events.DroppedCount;

    /// <summary>REST re-reads of orders, positions and trades after dropped events.</summary>
    public long ReseedCount => Interlocked.Read(ref _reseeds);

    /// <summary>Completed bar repairs over REST after market-hub reconnects (see <see cref="BarAggregator.Backfill"/>).</summary>
    public long BarBackfillCount => Interlocked.Read(ref _backfills);

    /// <summary>The instrument by symbol (as given) or contract id.</summary>
    public SuiteInstrument this[string symbolOrContractId] =>
        _byContract.TryGetValue(symbolOrContractId, out var byId) ? byId
        : Instruments.FirstOrDefault(i => string.Equals(i.Symbol, symbolOrContractId, StringComparison.OrdinalIgnoreCase))
          ?? throw new KeyNotFoundException($"The suite does not track '{symbolOrContractId}' (it tracks {string.Join(", ", Instruments.Select(i => i.Symbol))}).");

    public override string ToString() =>
        $"TradingSuite {{ Account = {Account}, Symbols = {string.Join(", ", Instruments.Select(i => i.Symbol))}, Timeframes = {string.Join(", ", Timeframes)} }}";
}

/// <summary>One symbol of a <see cref="TradingSuite"/>: its contract, order book (null when depth is off) and bars.</summary>
public sealed record SuiteInstrument(string Symbol, ContractModel Contract, OrderBook? OrderBook, BarAggregator Bars);
