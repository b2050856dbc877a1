using ProjectX.Client.Gateway;
using ProjectX.Client.Live;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client;

/// <summary>
/// Everything live for one account and a set of symbols, from one call (project-x-py's <c>create_trading_suite</c>):
/// a <see cref="LiveAccount"/> watching each symbol's quotes, prints, depth and bars, seeded over REST. It is a thin
/// composition of the engine (<see cref="Live"/>), which can watch more symbols while it runs. The state's events are
/// raised on the engine's one event task, so keep handlers short. <see cref="DisposeAsync"/> stops the engine and
/// disposes the client when the suite created it.
/// </summary>
public sealed class TradingSuite : IAsyncDisposable
{
    private readonly bool _ownsClient;
    private readonly IReadOnlyList<SuiteInstrument> _instruments;
    private int _disposed;

    private TradingSuite(LiveAccount live, bool ownsClient, IReadOnlyList<SuiteInstrument> instruments, IReadOnlyList<Timeframe> timeframes)
    {
        Live = live;
        _ownsClient = ownsClient;
        _instruments = instruments;
        Timeframes = timeframes;
        live.BarClosed += (_, e) => BarClosed?.Invoke(this, e.Data);
    }

    /// <summary>Logs in with <paramref name="clientOptions"/> and builds the suite on a new client, which the suite owns and disposes.</summary>
    public static async Task<TradingSuite> CreateAsync(ProjectXClientOptions clientOptions, IEnumerable<string> symbols, IEnumerable<Timeframe> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (symbolList, frames) = CheckInput(symbols, timeframes); // before anything is sent
        // Log in only: the engine reads the accounts (once) and selects the account itself.
        var client = await ProjectXClient.LogInAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            return await CreateCoreAsync(client, ownsClient: true, symbolList, frames, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc cref="CreateAsync(ProjectXClientOptions, IEnumerable{string}, IEnumerable{Timeframe}, TradingSuiteOptions?, CancellationToken)"/>
    public static Task<TradingSuite> CreateAsync(ProjectXClientOptions clientOptions, IEnumerable<string> symbols, IEnumerable<string> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(clientOptions, symbols, ParseTimeframes(timeframes), options, cancellationToken);

    /// <summary>
    /// Builds the suite on an existing client (not disposed with the suite): starts a <see cref="LiveAccount"/> for
    /// <see cref="TradingSuiteOptions.Account"/> (else the client's default account), then watches each symbol's quotes,
    /// prints, depth and the timeframes' bars, seeded with <see cref="TradingSuiteOptions.HistoryBars"/> bars each.
    /// </summary>
    public static Task<TradingSuite> CreateAsync(ProjectXClient client, IEnumerable<string> symbols, IEnumerable<Timeframe> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (symbolList, frames) = CheckInput(symbols, timeframes);
        return CreateCoreAsync(client, ownsClient: false, symbolList, frames, options, cancellationToken);
    }

    /// <inheritdoc cref="CreateAsync(ProjectXClient, IEnumerable{string}, IEnumerable{Timeframe}, TradingSuiteOptions?, CancellationToken)"/>
    public static Task<TradingSuite> CreateAsync(ProjectXClient client, IEnumerable<string> symbols, IEnumerable<string> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(client, symbols, ParseTimeframes(timeframes), options, cancellationToken);

    /// <summary>The engine: watch more symbols with <see cref="LiveAccount.WatchAsync"/>, read its health, follow its events.</summary>
    public LiveAccount Live { get; }

    public ProjectXClient Client => Live.Client;
    public ProjectXRealtime Realtime => Live.Realtime;
    public TradingAccountModel Account => Live.Account;
    public int AccountId => Live.AccountId;
    public OrderTracker Orders => Live.Orders;
    public PositionTracker Positions => Live.Positions;
    public QuoteBook Quotes => Live.Quotes;
    public IReadOnlyList<Timeframe> Timeframes { get; }

    /// <summary>The symbols the suite was created with.</summary>
    public IReadOnlyList<SuiteInstrument> Instruments => _instruments;

    /// <summary>The Level-2 book of each symbol, by the symbol as given (case-insensitive). Empty when depth is off.</summary>
    public IReadOnlyDictionary<string, OrderBook> OrderBooks =>
        _instruments.Where(i => i.OrderBook is not null).ToDictionary(i => i.Symbol, i => i.OrderBook!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The bars of each symbol: <c>Bars["MNQ"][Timeframe.FiveMinutes]</c>.</summary>
    public IReadOnlyDictionary<string, BarAggregator> Bars =>
        _instruments.ToDictionary(i => i.Symbol, i => i.Bars, StringComparer.OrdinalIgnoreCase);

    /// <summary>The contract each symbol resolved to.</summary>
    public IReadOnlyDictionary<string, ContractModel> Contracts =>
        _instruments.ToDictionary(i => i.Symbol, i => i.Contract, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every bar that closes, of every watched symbol and timeframe.</summary>
    public event EventHandler<BarClosedEventArgs>? BarClosed;

    /// <summary>Hub events applied to the state so far.</summary>
    public long AppliedEventCount => Live.AppliedEventCount;

    /// <summary>Events dropped because the state fell <see cref="TradingSuiteOptions.EventQueueCapacity"/> behind (each drop is a repaired gap).</summary>
    public long DroppedEventCount => Live.DroppedEventCount;

    /// <summary>Gaps repaired so far (reconnects and overflows).</summary>
    public long GapCount => Live.GapCount;

    /// <summary>Completed bar repairs over REST after gaps (see <see cref="BarAggregator.Backfill"/>).</summary>
    public long BarBackfillCount => Live.BarBackfillCount;

    /// <summary>The instrument by symbol (as given) or contract id.</summary>
    public SuiteInstrument this[string symbolOrContractId] =>
        _instruments.FirstOrDefault(i => string.Equals(i.Contract.Id, symbolOrContractId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(i.Symbol, symbolOrContractId, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"The suite does not track '{symbolOrContractId}' (it tracks {string.Join(", ", _instruments.Select(i => i.Symbol))}).");

    /// <summary>Stops the engine (hubs, event task, bar timers) and, when the suite created it, disposes the client. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await Live.DisposeAsync().ConfigureAwait(false);
        if (_ownsClient)
            await Client.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() =>
        $"TradingSuite {{ Account = {Account}, Symbols = {string.Join(", ", _instruments.Select(i => i.Symbol))}, Timeframes = {string.Join(", ", Timeframes)} }}";

    private static Timeframe[] ParseTimeframes(IEnumerable<string> timeframes)
    {
        ArgumentNullException.ThrowIfNull(timeframes);
        return [.. timeframes.Select(t => Timeframe.TryParse(t, out var tf) ? tf
            : throw new ProjectXValidationException(ValidationReason.InvalidTimeframe, $"'{t}' is not a timeframe: use {Timeframe.Grammar}.", nameof(timeframes)))];
    }

    private static (string[] Symbols, Timeframe[] Timeframes) CheckInput(IEnumerable<string> symbols, IEnumerable<Timeframe> timeframes)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(timeframes);
        var symbolList = symbols.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var frames = timeframes.Distinct().ToArray();
        if (symbolList.Length == 0)
            throw new ProjectXValidationException(ValidationReason.MissingInstrument, "Give at least one symbol (e.g. MNQ).", nameof(symbols));
        if (frames.Length == 0)
            throw new ProjectXValidationException(ValidationReason.InvalidTimeframe, "Give at least one timeframe (e.g. 1min).", nameof(timeframes));
        return (symbolList, frames);
    }

    private static async Task<TradingSuite> CreateCoreAsync(ProjectXClient client, bool ownsClient, string[] symbolList, Timeframe[] frames,
        TradingSuiteOptions? options, CancellationToken cancellationToken)
    {
        options ??= new TradingSuiteOptions();
        var live = await LiveAccount.StartAsync(client, options.ToLiveOptions(), cancellationToken).ConfigureAwait(false);
        try
        {
            var watch = options.ToWatchOptions(frames);
            var instruments = new List<SuiteInstrument>(symbolList.Length);
            foreach (var symbol in symbolList)
                instruments.Add(new SuiteInstrument(await live.WatchAsync(symbol, watch, cancellationToken).ConfigureAwait(false)));
            return new TradingSuite(live, ownsClient, instruments, frames);
        }
        catch
        {
            await live.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>One symbol of a <see cref="TradingSuite"/>: its contract, order book (null when depth is off) and bars.</summary>
public sealed class SuiteInstrument
{
    internal SuiteInstrument(LiveInstrument live) => Live = live;

    /// <summary>The engine's view of the symbol.</summary>
    public LiveInstrument Live { get; }

    public string Symbol => Live.Symbol;
    public ContractModel Contract => Live.Contract;
    public OrderBook? OrderBook => Live.OrderBook;
    public BarAggregator Bars => Live.Bars ?? throw new InvalidOperationException($"{Symbol} has no bars: it was unwatched.");

    public override string ToString() => Live.ToString();
}
