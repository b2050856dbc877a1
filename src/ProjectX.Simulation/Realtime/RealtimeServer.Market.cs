using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Simulation.Realtime;

// The market hub and its feed: quotes, trade prints and depth for every subscribed contract, driven by the
// gateway's TimeProvider (a FakeTimeProvider in tests drives it deterministically).
public sealed partial class RealtimeServer
{
    /// <summary>The feed never catches up more than this after a long pause (a jump of the clock).</summary>
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromMinutes(5);
    /// <summary>Rows per GatewayTrade message when a catch-up has many prints.</summary>
    private const int MaxTradeRows = 1000;

    private readonly Dictionary<string, ContractFeed> _feeds = new(StringComparer.Ordinal);
    private ITimer? _feedTimer;
    private ITimer? _loadTimer;
    private int _ticking;
    private bool _stalled;
    private DateTimeOffset? _loadStart;
    private long _loadSent;

    /// <summary>True while <see cref="StallMarketFeed"/> holds the feed (sockets stay open, nothing is published).</summary>
    public bool IsMarketFeedStalled
    {
        get { lock (_gate) return _stalled; }
    }

    /// <summary>Stops publishing market data while keeping every connection open (a silent stall, spec §8.5).</summary>
    public void StallMarketFeed()
    {
        lock (_gate) _stalled = true;
    }

    /// <summary>Publishes again. What happened meanwhile is not replayed (like a real stall): prints resume from now.</summary>
    public void ResumeMarketFeed()
    {
        lock (_gate)
        {
            if (!_stalled) return;
            _stalled = false;
            var now = _gateway.Time.GetUtcNow();
            foreach (var feed in _feeds.Values) feed.PrintsSentUntil = now;
            _loadStart = null;
        }
    }

    /// <summary>The simulator's current Level-2 book of a contract (empty while nobody subscribes to its depth).</summary>
    public DepthBookSnapshot GetDepthBook(string contractId)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        lock (_gate)
            return _feeds.TryGetValue(contractId, out var feed) && feed.Book is { } book ? book.Snapshot() : DepthBookSnapshot.Empty(contractId);
    }

    /// <summary>Runs one feed tick now (the timer does this every <see cref="SimulatorRealtimeOptions.FeedInterval"/>).</summary>
    public void PublishMarketNow() => OnFeedTick();

    private void SubscribeMarket(RealtimeConnection connection, MarketStream stream, string contractId)
    {
        var spec = _gateway.Exchange.Catalog.GetSpec(contractId)
            ?? throw new RealtimeHubException($"Contract {contractId} was not found.");
        lock (_gate)
        {
            var now = _gateway.Time.GetUtcNow();
            if (!_feeds.TryGetValue(contractId, out var feed))
                _feeds[contractId] = feed = new ContractFeed(spec);
            var subscribers = feed.Subscribers(stream);
            var first = subscribers.Count == 0;
            if (!subscribers.Contains(connection)) subscribers.Add(connection);
            Subscriptions(connection, stream).Add(contractId);
            try
            {
                switch (stream)
                {
                    case MarketStream.Quotes:
                        // The first quote a client gets is complete; later ones are sparse.
                        var full = MarketSource.FullQuote(_gateway.Exchange.Market, spec, now, feed.LastQuote);
                        feed.LastQuote = full;
                        connection.LastQuotes[contractId] = full;
                        connection.Enqueue(HubProtocol.Quotes.Event, [contractId, full]);
                        break;
                    case MarketStream.Trades when first:
                        feed.PrintsSentUntil = now;
                        break;
                    case MarketStream.Depth:
                        if (feed.Book is null)
                        {
                            feed.Book = new DepthBook(contractId);
                            feed.Book.Reset(DepthTargetAt(feed, now));
                        }
                        connection.Enqueue(HubProtocol.Depth.Event, [contractId, feed.Book.SnapshotRows(now)]);
                        break;
                }
            }
            catch (ArgumentException e)
            {
                RemoveSubscriber(connection, stream, contractId);
                throw new RealtimeHubException($"No market data for {contractId} at {now:O}.", e);
            }
        }
    }

    private void UnsubscribeMarket(RealtimeConnection connection, MarketStream stream, string contractId)
    {
        lock (_gate) RemoveSubscriber(connection, stream, contractId);
    }

    /// <summary>Under the lock.</summary>
    private void RemoveSubscriber(RealtimeConnection connection, MarketStream stream, string contractId)
    {
        Subscriptions(connection, stream).Remove(contractId);
        if (stream == MarketStream.Quotes) connection.LastQuotes.Remove(contractId);
        if (!_feeds.TryGetValue(contractId, out var feed)) return;
        feed.Subscribers(stream).Remove(connection);
        if (feed.Depth.Count == 0) feed.Book = null;
        if (feed.IsIdle) _feeds.Remove(contractId);
    }

    /// <summary>Under the lock.</summary>
    private void DetachMarket(RealtimeConnection connection)
    {
        if (connection.Hub != HubKind.Market) return;
        foreach (var (stream, contracts) in new[] { (MarketStream.Quotes, connection.QuoteContracts), (MarketStream.Trades, connection.TradeContracts), (MarketStream.Depth, connection.DepthContracts) })
        {
            foreach (var contractId in contracts.ToArray())
                RemoveSubscriber(connection, stream, contractId);
        }
    }

    private static HashSet<string> Subscriptions(RealtimeConnection connection, MarketStream stream) => stream switch
    {
        MarketStream.Quotes => connection.QuoteContracts,
        MarketStream.Trades => connection.TradeContracts,
        _ => connection.DepthContracts,
    };

    private DepthTarget DepthTargetAt(ContractFeed feed, DateTimeOffset now)
    {
        var snapshot = _gateway.Exchange.Market.GetSnapshot(feed.Spec.ContractId, now);
        return DepthTarget.At((ulong)(long)_gateway.Options.Seed ^ feed.Key, feed.Spec.TickSize, snapshot.Bid, snapshot.Ask,
            Math.Max(1, _options.DepthLevels), _options.DepthVolumeInterval, now);
    }

    private void StartTimers()
    {
        lock (_gate)
        {
            var time = _gateway.Time;
            var interval = _options.FeedInterval > TimeSpan.Zero ? _options.FeedInterval : TimeSpan.FromMilliseconds(250);
            _feedTimer ??= time.CreateTimer(_ => OnFeedTick(), null, interval, interval);
            if (_options.LoadMessagesPerSecond > 0 && _loadTimer is null)
            {
                var load = _options.LoadInterval > TimeSpan.Zero ? _options.LoadInterval : TimeSpan.FromMilliseconds(10);
                _loadTimer = time.CreateTimer(_ => OnLoadTick(), null, load, load);
            }
        }
    }

    private void StopTimers()
    {
        lock (_gate)
        {
            _feedTimer?.Dispose();
            _loadTimer?.Dispose();
            _feedTimer = _loadTimer = null;
        }
    }

    private void OnFeedTick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) != 0) return;
        try
        {
            bool users;
            lock (_gate) users = _connections.Exists(c => c.Hub == HubKind.User);
            // Resting orders fill as the market moves, without anyone calling REST.
            if (users) _gateway.Exchange.AdvanceToNow();
            lock (_gate)
            {
                if (_stalled) return;
                var now = _gateway.Time.GetUtcNow();
                foreach (var feed in _feeds.Values)
                    PublishFeed(feed, now);
            }
        }
        catch (Exception e) when (e is ArgumentException or ObjectDisposedException)
        {
            // Expected, and every tick until it changes (a clock outside the simulated years, a disposing gateway): skip quietly.
        }
#pragma warning disable CA1031 // A timer thread's exception kills the process: log, count, carry on with the next tick.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _gateway.Diagnostics.BackgroundFault("The market feed tick", e);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    /// <summary>Under the lock.</summary>
    private void PublishFeed(ContractFeed feed, DateTimeOffset now)
    {
        var id = feed.Spec.ContractId;
        var market = _gateway.Exchange.Market;
        if (!_gateway.Exchange.IsMarketOpen(id, now))
        {
            // The market is closed (CME hours on): the feed pauses, and prints resume from the reopen, not replayed.
            feed.PrintsSentUntil = now;
            return;
        }
        if (feed.Trades.Count > 0)
        {
            var from = feed.PrintsSentUntil < now - MaxCatchUp ? now - MaxCatchUp : feed.PrintsSentUntil;
            var rows = MarketSource.Prints(market, feed, from, now);
            feed.PrintsSentUntil = now;
            if (_gateway.Exchange.MarketHours != SimulatorMarketHours.AlwaysOpen)
                rows.RemoveAll(r => !_gateway.Exchange.IsMarketOpen(id, r.Timestamp)); // a tick that spans the reopen
            for (var i = 0; i < rows.Count; i += MaxTradeRows)
            {
                object?[] args = [id, rows.GetRange(i, Math.Min(MaxTradeRows, rows.Count - i)).ToArray()];
                foreach (var connection in feed.Trades) connection.Enqueue(HubProtocol.MarketTrades.Event, args);
            }
        }
        if (feed.Quotes.Count > 0)
        {
            var full = MarketSource.FullQuote(market, feed.Spec, now, feed.LastQuote);
            feed.LastQuote = full;
            foreach (var connection in feed.Quotes)
            {
                var held = connection.LastQuotes.GetValueOrDefault(id);
                var update = held is null ? full : QuoteDiff.Sparse(held, full);
                if (update is null) continue;
                connection.LastQuotes[id] = full;
                connection.Enqueue(HubProtocol.Quotes.Event, [id, update]);
            }
        }
        if (feed.Depth.Count > 0 && feed.Book is { } book)
        {
            var rows = book.MoveTo(DepthTargetAt(feed, now), now);
            if (rows.Count > 0)
            {
                object?[] args = [id, rows.ToArray()];
                foreach (var connection in feed.Depth) connection.Enqueue(HubProtocol.Depth.Event, args);
            }
        }
    }

    /// <summary>LOAD mode: single-row depth messages at the configured rate per depth-subscribed contract.</summary>
    private void OnLoadTick()
    {
        try
        {
            PublishLoad();
        }
#pragma warning disable CA1031 // A timer thread's exception kills the process: log, count, carry on with the next tick.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _gateway.Diagnostics.BackgroundFault("The load feed tick", e);
        }
    }

    private void PublishLoad()
    {
        lock (_gate)
        {
            var rate = _options.LoadMessagesPerSecond;
            var feeds = _feeds.Values.Where(f => f.Depth.Count > 0 && f.Book is not null).ToList();
            if (_stalled || rate <= 0 || feeds.Count == 0)
            {
                _loadStart = null;
                return;
            }
            var now = _gateway.Time.GetUtcNow();
            if (_loadStart is not { } start)
            {
                _loadStart = now;
                _loadSent = 0;
                return;
            }
            var expected = (long)((now - start).TotalSeconds * rate);
            var due = expected - _loadSent;
            // After a hiccup (GC, a stalled consumer) do not burst more than 200 ms worth.
            var cap = Math.Max(1, rate / 5);
            if (due > cap)
            {
                _loadSent = expected - cap;
                due = cap;
            }
            if (due <= 0) return;
            foreach (var feed in feeds)
            {
                var id = feed.Spec.ContractId;
                for (var i = 0; i < due; i++)
                {
                    if (feed.Book!.Churn(feed.ChurnSequence++, now) is not { } row) break;
                    object?[] args = [id, new[] { row }];
                    foreach (var connection in feed.Depth) connection.Enqueue(HubProtocol.Depth.Event, args);
                }
            }
            _loadSent += due;
        }
    }
}
