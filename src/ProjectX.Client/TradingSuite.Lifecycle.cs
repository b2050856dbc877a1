using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client;

public sealed partial class TradingSuite
{
    /// <summary>Connects a new client with <paramref name="clientOptions"/> and builds the suite on it (the suite owns and disposes it).</summary>
    public static async Task<TradingSuite> CreateAsync(ProjectXClientOptions clientOptions, IEnumerable<string> symbols, IEnumerable<Timeframe> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        var client = await ProjectXClient.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            return await CreateCoreAsync(client, ownsClient: true, symbols, timeframes, options, cancellationToken).ConfigureAwait(false);
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
    /// Builds the suite on an existing, connected <paramref name="client"/> (not disposed with the suite): resolves
    /// the symbols to contracts, connects both hubs, subscribes the account and the symbols' quotes, trades and depth,
    /// seeds orders, positions, today's trades and <see cref="TradingSuiteOptions.HistoryBars"/> bars per timeframe over
    /// REST, then applies the events buffered meanwhile and every later one.
    /// </summary>
    public static Task<TradingSuite> CreateAsync(ProjectXClient client, IEnumerable<string> symbols, IEnumerable<Timeframe> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return CreateCoreAsync(client, ownsClient: false, symbols, timeframes, options, cancellationToken);
    }

    /// <inheritdoc cref="CreateAsync(ProjectXClient, IEnumerable{string}, IEnumerable{Timeframe}, TradingSuiteOptions?, CancellationToken)"/>
    public static Task<TradingSuite> CreateAsync(ProjectXClient client, IEnumerable<string> symbols, IEnumerable<string> timeframes,
        TradingSuiteOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(client, symbols, ParseTimeframes(timeframes), options, cancellationToken);

    /// <summary>
    /// Unsubscribes, stops both hubs and the event task, disposes the aggregators' timers and (when the suite created
    /// it) the client. Safe to call twice.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        using (var polite = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                foreach (var i in Instruments)
                {
                    await Realtime.UnsubscribeQuotesAsync(i.Contract.Id, polite.Token).ConfigureAwait(false);
                    await Realtime.UnsubscribeMarketTradesAsync(i.Contract.Id, polite.Token).ConfigureAwait(false);
                    if (i.OrderBook is not null)
                        await Realtime.UnsubscribeDepthAsync(i.Contract.Id, polite.Token).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // Best effort: the hubs are being stopped anyway, which ends every subscription.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        _events.Dispose();
        try
        {
            await _pump.ConfigureAwait(false);
            Task[] backfills;
            lock (_backfillTasks)
                backfills = [.. _backfillTasks];
            await Task.WhenAll(backfills).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await Realtime.DisposeAsync().ConfigureAwait(false);
        foreach (var i in Instruments)
            i.Bars.Dispose();
        if (_ownsClient)
            await Client.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static Timeframe[] ParseTimeframes(IEnumerable<string> timeframes)
    {
        ArgumentNullException.ThrowIfNull(timeframes);
        return [.. timeframes.Select(Timeframe.Parse)];
    }

    private static async Task<TradingSuite> CreateCoreAsync(ProjectXClient client, bool ownsClient, IEnumerable<string> symbols, IEnumerable<Timeframe> timeframes,
        TradingSuiteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(timeframes);
        options ??= new TradingSuiteOptions();
        var symbolList = symbols.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var frames = timeframes.Distinct().ToArray();
        if (symbolList.Length == 0)
            throw new ProjectXValidationException("Give at least one symbol (e.g. MNQ).", nameof(symbols));
        if (frames.Length == 0)
            throw new ProjectXValidationException("Give at least one timeframe (e.g. 1min).", nameof(timeframes));

        var account = options.Account is { } wanted
            ? await client.GetAccountAsync(wanted, cancellationToken).ConfigureAwait(false)
            : client.DefaultAccount ?? throw new ProjectXValidationException(
                "The client has no default account: set TradingSuiteOptions.Account or select one on the client.", nameof(options.Account));

        var time = client.OptionsForRealtime.TimeProvider;
        var instruments = new List<SuiteInstrument>(symbolList.Length);
        foreach (var symbol in symbolList)
        {
            var contract = await client.GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
            var bars = new BarAggregator(contract.Id, frames, new BarAggregatorOptions { Capacity = options.BarCapacity, CloseDelay = options.BarCloseDelay, TimeProvider = time });
            var book = options.SubscribeDepth ? new OrderBook(contract.Id, options.OrderBook) : null;
            instruments.Add(new SuiteInstrument(symbol, contract, book, bars));
        }

        var realtime = new ProjectXRealtime(client, options.Realtime);
        // Opened before connecting: every event from the first subscription on is buffered until the REST seed is in.
        var events = realtime.OpenStream<RealtimeEvent>(options.EventQueueCapacity);
        var suite = new TradingSuite(client, ownsClient, realtime, events, account, instruments, frames, options);
        try
        {
            await realtime.StartAsync(cancellationToken).ConfigureAwait(false);
            await realtime.SubscribeUserAsync(account.Id, cancellationToken).ConfigureAwait(false);
            foreach (var i in instruments)
            {
                await realtime.SubscribeQuotesAsync(i.Contract.Id, cancellationToken).ConfigureAwait(false);
                await realtime.SubscribeMarketTradesAsync(i.Contract.Id, cancellationToken).ConfigureAwait(false);
                if (i.OrderBook is not null)
                    await realtime.SubscribeDepthAsync(i.Contract.Id, cancellationToken).ConfigureAwait(false);
            }
            await suite.SeedUserStateAsync(cancellationToken).ConfigureAwait(false);
            await suite.SeedBarsAsync(cancellationToken).ConfigureAwait(false);
            suite._pump = Task.Run(() => suite.PumpAsync(suite._stop.Token), CancellationToken.None);
            return suite;
        }
        catch
        {
            await suite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
