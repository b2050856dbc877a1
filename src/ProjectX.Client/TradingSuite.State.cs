using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Client.State;

namespace ProjectX.Client;

public sealed partial class TradingSuite
{
    private static readonly OrderStatus[] WorkingStatuses = [OrderStatus.Open, OrderStatus.Pending, OrderStatus.Suspended, OrderStatus.PendingCancellation];

    /// <summary>The single consumer of hub events: applies them in order; re-reads REST if any were dropped.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        long dropped = 0;
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    Apply(e);
                    Interlocked.Increment(ref _appliedEvents);
                }
                if (_events.DroppedCount != dropped)
                {
                    dropped = _events.DroppedCount;
                    await ReseedAfterDropAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Apply(RealtimeEvent e)
    {
        switch (e)
        {
            case DepthEvent depth when _byContract.TryGetValue(depth.ContractId, out var i):
                i.OrderBook?.OnDepth(depth);
                break;
            case MarketTradeEvent trades when _byContract.TryGetValue(trades.ContractId, out var i):
                i.Bars.OnMarketTrade(trades);
                i.OrderBook?.OnMarketTrade(trades);
                break;
            case QuoteEvent quote:
                var merged = Quotes.Apply(quote.ContractId, quote.Quote, quote.ReceivedAt);
                Positions.OnQuote(merged);
                if (_byContract.TryGetValue(quote.ContractId, out var qi))
                    qi.Bars.OnQuote(merged);
                break;
            case OrderUpdatedEvent order:
                Orders.Apply(order);
                break;
            case PositionUpdatedEvent position:
                Positions.Apply(position);
                break;
            case TradeExecutedEvent trade:
                Positions.Apply(trade);
                break;
            case AccountUpdatedEvent account:
                Positions.Apply(account);
                break;
            case ConnectionStateChangedEvent { Hub: HubKind.Market, State: RealtimeConnectionState.Connected } when Realtime.GetConnectCount(HubKind.Market) > 1:
                StartBarBackfill();
                break;
        }
    }

    /// <summary>
    /// After a market-hub reconnect the prints of the gap are gone: closed bars are re-read over REST at once, and the
    /// period the reconnect fell in (cut short too) once more right after it closes.
    /// </summary>
    private void StartBarBackfill()
    {
        if (_options.HistoryBars <= 0)
            return;
        var token = _stop.Token;
        var task = Task.Run(async () =>
        {
            try
            {
                await BackfillBarsAsync(token).ConfigureAwait(false);
                Interlocked.Increment(ref _backfills);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (ProjectXException)
            {
                // Best effort: the bars of the gap stay as built until the next reconnect's backfill.
            }
        }, CancellationToken.None);
        lock (_backfillTasks)
        {
            _backfillTasks.RemoveAll(t => t.IsCompleted);
            _backfillTasks.Add(task);
        }
    }

    private async Task BackfillBarsAsync(CancellationToken cancellationToken)
    {
        var time = Client.OptionsForRealtime.TimeProvider;
        var now = time.GetUtcNow();
        foreach (var i in Instruments)
        {
            foreach (var tf in Timeframes)
                await BackfillAsync(i, tf, Math.Min(_options.HistoryBars, _options.BarCapacity), cancellationToken).ConfigureAwait(false);
        }
        // The period holding the reconnect closes later; repair it then, shortest timeframes first.
        foreach (var tf in Timeframes.OrderBy(t => t.EndOf(t.Floor(now))))
        {
            var due = tf.EndOf(tf.Floor(now)) + BackfillSettle - time.GetUtcNow();
            if (due > TimeSpan.Zero)
                await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
            foreach (var i in Instruments)
                await BackfillAsync(i, tf, 2, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long after a period's end its bar is re-read (late prints settle on the server).</summary>
    private static readonly TimeSpan BackfillSettle = TimeSpan.FromSeconds(2);

    private async Task BackfillAsync(SuiteInstrument instrument, Timeframe tf, int count, CancellationToken cancellationToken)
    {
        var history = await Client.GetBarsAsync(new BarsRequest
        {
            Contract = instrument.Contract,
            Unit = tf.Unit,
            UnitNumber = tf.Count,
            Count = count,
            IncludePartialBar = false,
        }, cancellationToken).ConfigureAwait(false);
        instrument.Bars.Backfill(tf, history.Select(Bar.From));
    }

    private async Task SeedUserStateAsync(CancellationToken cancellationToken)
    {
        var dayStart = Positions.DayStart;
        IReadOnlyList<OrderModel> working;
        try
        {
            working = await Client.QueryOrdersAsync(new OrderQuery { AccountId = AccountId, Statuses = WorkingStatuses, MaxResults = 1_000 }, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException)
        {
            // Order/v2/query is a 2026 addition; searchOpen misses only suspended bracket legs.
            working = await Client.GetOpenOrdersAsync(AccountId, cancellationToken).ConfigureAwait(false);
        }
        var today = await Client.SearchOrdersAsync(dayStart, null, AccountId, cancellationToken).ConfigureAwait(false);
        var positions = await Client.GetPositionsAsync(AccountId, cancellationToken).ConfigureAwait(false);
        var trades = await Client.SearchTradesAsync(dayStart, null, AccountId, cancellationToken).ConfigureAwait(false);
        var accounts = await Client.GetAccountsAsync(onlyActive: false, cancellationToken).ConfigureAwait(false);

        // Events buffered since subscribing are applied after this snapshot; each is a full state, so the last one wins.
        Orders.Seed(today);
        Orders.Seed(working);
        Positions.Seed(positions);
        Positions.SeedTrades(trades);
        if (accounts.FirstOrDefault(a => a.Id == AccountId) is { } account)
            Positions.Apply(account);
    }

    private async Task SeedBarsAsync(CancellationToken cancellationToken)
    {
        if (_options.HistoryBars <= 0)
            return;
        foreach (var i in Instruments)
        {
            foreach (var tf in Timeframes)
            {
                var history = await Client.GetBarsAsync(new BarsRequest
                {
                    Contract = i.Contract,
                    Unit = tf.Unit,
                    UnitNumber = tf.Count,
                    Count = Math.Min(_options.HistoryBars, _options.BarCapacity),
                    IncludePartialBar = false,
                }, cancellationToken).ConfigureAwait(false);
                i.Bars.Seed(tf, history);
            }
        }
    }

    private async Task ReseedAfterDropAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reseeds);
        try
        {
            await SeedUserStateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException)
        {
            // The next drop (or the realtime layer's own re-sync after a reconnect) tries again.
        }
    }
}
