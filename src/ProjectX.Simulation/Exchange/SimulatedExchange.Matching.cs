using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

// Matching. Arrival: market orders take the touch (buy at Ask, sell at Bid); a marketable limit fills
// at the touch; a stop already through the last price fills like a market order. Resting: each later
// second of the path is checked oldest first. A limit fills only when a second trades THROUGH it
// (touching is not enough: the queue ahead of us is unknown), at the limit or better when the second
// opens beyond it. A stop triggers when a second touches it and fills at the stop or worse on a gap.
public sealed partial class SimulatedExchange
{
    private void AdvanceTo(DateTimeOffset now)
    {
        if (now <= _lastAdvance) return;
        var from = _lastAdvance;
        _lastAdvance = now;
        if (_working.Count == 0) return;
        foreach (var contractId in _working.Select(o => o.ContractId).Distinct(StringComparer.Ordinal).ToList())
        {
            foreach (var second in _market.GetSeconds(contractId, from, now))
            {
                var candidates = _working.Where(o => o.ContractId == contractId).ToList();
                if (candidates.Count == 0) break;
                foreach (var order in candidates)
                {
                    if (order.IsWorking && order.ActiveFrom < second.Time)
                        Match(order, second);
                }
            }
        }
    }

    private void TryFillOnArrival(SimOrder order, MarketSnapshot touch, DateTimeOffset now)
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
                    NotifyOrder(order);
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
                else NotifyOrder(order);
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
            NotifyOrder(order);
        }
    }

    /// <summary>A sell trailing stop sits below the best (highest) price, a buy one above the best (lowest).</summary>
    private static decimal TrailingStopLevel(SimOrder order)
    {
        var distance = order.TrailTicks!.Value * order.TickSize;
        return order.IsBuy ? order.TrailBest!.Value + distance : order.TrailBest!.Value - distance;
    }

    /// <summary>Fills the whole order, books the trade, then runs the bracket/OCO consequences.</summary>
    private void Fill(SimOrder order, decimal price, DateTimeOffset at)
    {
        order.Status = OrderStatus.Filled;
        order.FillVolume = order.Size;
        order.FilledPrice = price;
        order.Updated = at;
        _working.Remove(order);
        NotifyOrder(order);

        var account = _accounts[order.AccountId];
        var nowFlat = BookFill(account, FindSpec(order.ContractId)!, order, price, at);

        // OCO: a bracket leg that fills cancels its sibling.
        if (order.ParentOrderId is not null && order.LinkedOrderId is { } siblingId
            && _orders[siblingId] is { Status: OrderStatus.Open or OrderStatus.Suspended } sibling)
            CancelOrder(sibling, at);
        // Protective legs of a position that no longer exists would open a new one: cancel them.
        if (nowFlat)
        {
            foreach (var leg in _working.Where(o => o.AccountId == account.Id && o.ContractId == order.ContractId && o.ParentOrderId is not null).ToList())
                CancelOrder(leg, at);
        }
        ActivateBrackets(order, price, at);
    }

    /// <summary>The entry filled: its Suspended legs go live at fill price + signed ticks.</summary>
    private void ActivateBrackets(SimOrder entry, decimal fillPrice, DateTimeOffset at)
    {
        foreach (var leg in new[] { entry.StopLossLeg, entry.TakeProfitLeg })
        {
            if (leg is null || _orders[leg.ChildOrderId] is not { Status: OrderStatus.Suspended } child) continue;
            var level = fillPrice + leg.Ticks * entry.TickSize;
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
            child.Status = OrderStatus.Open;
            child.ActiveFrom = at;
            child.Updated = at;
            _working.Add(child);
            NotifyOrder(child);
        }
    }
}
