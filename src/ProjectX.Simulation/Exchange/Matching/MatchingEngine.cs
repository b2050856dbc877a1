using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// Matching. Arrival: market orders take the touch (buy at Ask, sell at Bid); a marketable limit fills at the
/// touch; a stop already through the last price fills like a market order. Resting: each later second of the path
/// is checked oldest first. A limit fills only when a second trades THROUGH it (touching is not enough: the queue
/// ahead of us is unknown), at the limit or better when the second opens beyond it. A stop triggers when a second
/// touches it and fills at the stop or worse on a gap. Fills book into the <see cref="Ledger"/>, then run the
/// bracket and OCO consequences.
/// <para>
/// Each order is processed in isolation: if one throws, it is rejected, the fault is counted, and every other order
/// (of any user) is still matched in the same seconds. Only touched under the exchange lock.
/// </para>
/// </summary>
internal sealed class MatchingEngine(OrderStore orders, Ledger ledger, IMarketData market, ChangeFeed changes, SimulatorDiagnostics diagnostics, DateTimeOffset start, MarketHours hours)
{
    private DateTimeOffset _lastAdvance = start;

    /// <summary>Told before and after every fill (the firm rules); null when nobody listens.</summary>
    public IFillObserver? FillObserver { get; set; }

    /// <summary>Matches working orders against every second of the path since the previous advance.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (now <= _lastAdvance) return;
        var from = _lastAdvance;
        _lastAdvance = now;
        if (orders.Working.Count == 0) return;
        foreach (var contractId in orders.Working.Select(o => o.ContractId).Distinct(StringComparer.Ordinal).ToList())
        {
            IEnumerable<SecondBar> seconds;
            try
            {
                seconds = market.GetSeconds(contractId, from, now).ToList();
            }
            catch (ArgumentException e)
            {
                // No path for this contract (unknown, or a clock outside the simulated years): nothing trades.
                diagnostics.BackgroundFault("Matching " + contractId, e);
                continue;
            }
            foreach (var second in seconds)
            {
                if (!hours.IsOpen(contractId, second.Time)) continue; // nothing trades while the market is closed
                var candidates = orders.Working.Where(o => o.ContractId == contractId).ToList();
                if (candidates.Count == 0) break;
                foreach (var order in candidates)
                {
                    if (order.IsWorking && order.ActiveFrom < second.Time)
                        Isolated(order, second.Time, () => Match(order, second));
                }
            }
        }
    }

    /// <summary>A new or modified order that can trade at once does so at the touch.</summary>
    public void TryFillOnArrival(SimOrder order, MarketSnapshot touch, DateTimeOffset now)
    {
        if (hours.IsOpen(order.ContractId, now))
            Isolated(order, now, () => FillOnArrival(order, touch, now));
    }

    /// <summary>
    /// Fills <paramref name="quantity"/> contracts of a working order at the touch and leaves the rest working: a
    /// partial fill, which matching itself never makes (it fills whole orders). A control for tests; null when the
    /// order is not working or the quantity is not less than what is left of it.
    /// </summary>
    public SimOrder? FillPart(long orderId, int quantity, DateTimeOffset now)
    {
        if (orders.Get(orderId) is not { IsWorking: true } order || quantity < 1 || quantity >= order.Size - order.FillVolume)
            return null;
        var touch = market.GetSnapshot(order.ContractId, now);
        var price = order.IsBuy ? touch.Ask : touch.Bid;
        var booking = ledger.Prepare(order, price, now, quantity);
        order.FillVolume += quantity;
        order.FilledPrice = price;
        order.Updated = now;
        changes.Order(order);
        ledger.Commit(booking);
        return order;
    }

    /// <summary>Cancels an order and, for a bracket entry, its still-Suspended legs.</summary>
    public void Cancel(SimOrder order, DateTimeOffset at)
    {
        orders.Finish(order, OrderStatus.Cancelled, at);
        changes.Order(order);
        foreach (var leg in order.Legs())
        {
            if (orders.Get(leg.ChildOrderId) is { Status: OrderStatus.Suspended } child)
                Cancel(child, at);
        }
    }

    /// <summary>Closes (part of) a position with a real market order: it shows in Order/search and produces a trade.</summary>
    public void CloseAtMarket(AccountState account, ContractSpec spec, int held, int size, DateTimeOffset now)
    {
        var side = held > 0 ? OrderSide.Ask : OrderSide.Bid;
        var order = orders.Create(account, spec, OrderType.Market, side, size, now, customTag: null, parentOrderId: null);
        orders.Open(order);
        changes.Order(order, ChangeKind.Added);
        TryFillOnArrival(order, market.GetSnapshot(spec.ContractId, now), now);
    }

    /// <summary>A sell trailing stop sits below the best (highest) price, a buy one above the best (lowest).</summary>
    public static decimal TrailingStopLevel(SimOrder order)
    {
        var distance = order.TrailTicks!.Value * order.TickSize;
        return order.IsBuy ? order.TrailBest!.Value + distance : order.TrailBest!.Value - distance;
    }

    /// <summary>Runs one order's processing; if it throws, the order (if still working) is rejected and the fault counted.</summary>
    private void Isolated(SimOrder order, DateTimeOffset at, Action process)
    {
        try
        {
            process();
        }
#pragma warning disable CA1031 // One order's failure must not fail another user's request or skip their fills.
        catch (Exception e)
#pragma warning restore CA1031
        {
            diagnostics.OrderFault(order.Id, e);
            if (order.IsLive)
            {
                orders.Finish(order, OrderStatus.Rejected, at);
                changes.Order(order);
            }
        }
    }

    private void FillOnArrival(SimOrder order, MarketSnapshot touch, DateTimeOffset now)
    {
        var takePrice = order.IsBuy ? touch.Ask : touch.Bid;
        switch (order.Type)
        {
            case OrderType.Market:
                Fill(order, takePrice, now);
                break;
            case OrderType.Limit or OrderType.JoinBid or OrderType.JoinAsk:
                if (IsMarketable(order, touch)) Fill(order, takePrice, now);
                break;
            case OrderType.Stop:
                if (order.IsBuy ? order.StopPrice <= touch.Last : order.StopPrice >= touch.Last) Fill(order, takePrice, now);
                break;
            case OrderType.StopLimit:
                if (!order.Triggered && (order.IsBuy ? order.StopPrice <= touch.Last : order.StopPrice >= touch.Last))
                {
                    order.Triggered = true;
                    changes.Order(order);
                }
                if (order.Triggered && IsMarketable(order, touch)) Fill(order, takePrice, now);
                break;
        }
    }

    private static bool IsMarketable(SimOrder order, MarketSnapshot touch) =>
        order.IsBuy ? order.LimitPrice >= touch.Ask : order.LimitPrice <= touch.Bid;

    private void Match(SimOrder order, SecondBar second)
    {
        switch (order.Type)
        {
            case OrderType.Limit or OrderType.JoinBid or OrderType.JoinAsk:
                MatchLimit(order, second);
                break;
            case OrderType.Stop:
                if (StopHit(order.IsBuy, order.StopPrice!.Value, second, out var stopFill)) Fill(order, stopFill, second.Time);
                break;
            case OrderType.StopLimit when !order.Triggered:
                if (!StopHit(order.IsBuy, order.StopPrice!.Value, second, out var trigger)) break;
                order.Triggered = true;
                order.Updated = second.Time;
                // Within the triggering second only the trigger price is known to have traded.
                if (order.IsBuy ? trigger <= order.LimitPrice : trigger >= order.LimitPrice) Fill(order, trigger, second.Time);
                else changes.Order(order);
                break;
            case OrderType.StopLimit:
                MatchLimit(order, second);
                break;
            case OrderType.TrailingStop:
                MatchTrailingStop(order, second);
                break;
        }
    }

    private void MatchLimit(SimOrder order, SecondBar second)
    {
        var limit = order.LimitPrice!.Value;
        if (order.IsBuy ? second.Low < limit : second.High > limit)
            Fill(order, order.IsBuy ? Math.Min(limit, second.Open) : Math.Max(limit, second.Open), second.Time);
    }

    private static bool StopHit(bool buy, decimal stop, SecondBar second, out decimal fillPrice)
    {
        fillPrice = buy ? Math.Max(stop, second.Open) : Math.Min(stop, second.Open);
        return buy ? second.High >= stop : second.Low <= stop;
    }

    /// <summary>
    /// The stop trails the best price by a fixed tick distance. The intrabar path is unknown, so a second
    /// is first checked against the stop set by earlier seconds and only then moves the stop.
    /// </summary>
    private void MatchTrailingStop(SimOrder order, SecondBar second)
    {
        if (StopHit(order.IsBuy, order.StopPrice!.Value, second, out var fill))
        {
            Fill(order, fill, second.Time);
            return;
        }
        var best = order.TrailBest!.Value;
        order.TrailBest = order.IsBuy ? Math.Min(best, second.Low) : Math.Max(best, second.High);
        var level = TrailingStopLevel(order);
        if (level != order.StopPrice)
        {
            order.StopPrice = level;
            order.Updated = second.Time;
            changes.Order(order);
        }
    }

    /// <summary>Fills the whole order: books the trade first (it may refuse, leaving no trace), then the order, then brackets and OCO.</summary>
    private void Fill(SimOrder order, decimal price, DateTimeOffset at)
    {
        FillObserver?.BeforeFill(order.Account, at);
        var booking = ledger.Prepare(order, price, at);
        orders.Finish(order, OrderStatus.Filled, at);
        order.FillVolume = order.Size;
        order.FilledPrice = price;
        changes.Order(order);
        var nowFlat = ledger.Commit(booking);

        // OCO: a bracket leg that fills cancels its sibling.
        if (order.ParentOrderId is not null && order.LinkedOrderId is { } siblingId && orders.Get(siblingId) is { IsLive: true } sibling)
            Cancel(sibling, at);
        // Protective legs of a position that no longer exists would open a new one: cancel them.
        if (nowFlat)
        {
            foreach (var leg in orders.Working.Where(o => o.AccountId == order.AccountId && o.ContractId == order.ContractId && o.ParentOrderId is not null).ToList())
                Cancel(leg, at);
        }
        ActivateBrackets(order, price, at);
        FillObserver?.AfterFill(order.Account, order.ContractId, price, at);
    }

    /// <summary>The entry filled: its Suspended legs go live at fill price + signed ticks (never below one tick).</summary>
    private void ActivateBrackets(SimOrder entry, decimal fillPrice, DateTimeOffset at)
    {
        foreach (var leg in entry.Legs())
        {
            if (orders.Get(leg.ChildOrderId) is not { Status: OrderStatus.Suspended } child) continue;
            // Placement bounds the ticks and checks the level against the entry's price; a fill far away could
            // still put it at or below zero, where no order can rest.
            var level = Math.Max(entry.TickSize, fillPrice + (leg.Ticks * entry.TickSize));
            switch (child.Type)
            {
                case OrderType.Limit:
                    child.LimitPrice = level;
                    break;
                case OrderType.TrailingStop:
                    child.TrailTicks = Math.Abs(leg.Ticks);
                    child.TrailBest = fillPrice;
                    child.StopPrice = level;
                    break;
                default:
                    child.StopPrice = level;
                    break;
            }
            child.ActiveFrom = at;
            child.Updated = at;
            orders.Open(child);
            changes.Order(child);
        }
    }
}
