using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

// Order/place, Order/modify, Order/cancel (spec §4.8-§4.10).
public sealed partial class SimulatedExchange
{
    public PlaceOrderResponse PlaceOrder(string userName, PlaceOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now => Place(userName, request, now));
    }

    public ModifyOrderResponse ModifyOrder(string userName, ModifyOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now => Modify(userName, request, now));
    }

    public CancelOrderResponse CancelOrder(string userName, CancelOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(now => Cancel(userName, request, now));
    }

    private PlaceOrderResponse Place(string userName, PlaceOrderRequest request, DateTimeOffset now)
    {
        var account = FindAccount(userName, request.AccountId);
        if (account is null)
            return new PlaceOrderResponse { Success = false, ErrorCode = PlaceOrderErrorCode.AccountNotFound };
        var spec = FindSpec(request.ContractId);
        if (spec is null)
            return new PlaceOrderResponse { Success = false, ErrorCode = PlaceOrderErrorCode.ContractNotFound };

        // From here on a refused placement is still created, with status Rejected, and its id returned (spec §4.8).
        if (!account.CanTrade)
            return Reject(account, spec, request, now, PlaceOrderErrorCode.AccountRejected, OrderRules.AccountCannotTrade);
        if (IsExpired(spec, now))
            return Reject(account, spec, request, now, PlaceOrderErrorCode.ContractNotActive, "Contract is not active.");

        var snapshot = _market.GetSnapshot(spec.ContractId, now);
        var trailTicks = 0;
        var error = ValidatePlacement(account, spec, request, snapshot, ref trailTicks);
        if (error is not null)
            return Reject(account, spec, request, now, PlaceOrderErrorCode.OrderRejected, error);

        var order = NewOrder(account, spec, request.Type, request.Side, request.Size, now, request.CustomTag, parentOrderId: null);
        order.LimitPrice = request.Type switch
        {
            OrderType.JoinBid => snapshot.Bid,
            OrderType.JoinAsk => snapshot.Ask,
            _ => request.LimitPrice,
        };
        order.StopPrice = request.StopPrice;
        if (request.Type == OrderType.TrailingStop)
        {
            order.TrailTicks = trailTicks;
            order.TrailBest = snapshot.Last;
            order.StopPrice = TrailingStopLevel(order);
        }
        order.Status = OrderStatus.Open;
        _working.Add(order);
        NotifyOrder(order);
        AttachBrackets(account, spec, order, request, now);
        TryFillOnArrival(order, snapshot, now);
        return new PlaceOrderResponse { Success = true, ErrorCode = PlaceOrderErrorCode.Success, OrderId = order.Id };
    }

    private string? ValidatePlacement(AccountState account, ContractSpec spec, PlaceOrderRequest request, MarketSnapshot snapshot, ref int trailTicks)
    {
        if (request.Size <= 0) return OrderRules.InvalidSize;
        if (!OrderRules.IsPlaceable(request.Type)) return OrderRules.UnsupportedOrderType(request.Type);
        var priceError = OrderRules.CheckPrices(request.Type, request.LimitPrice, request.StopPrice, request.TrailPrice, spec.TickSize);
        if (priceError is not null) return priceError;
        if (request.TrailPrice is { } trailPrice)
        {
            trailTicks = OrderRules.TrailTicks(snapshot.Last, trailPrice, spec.TickSize);
            if (trailTicks == 0) return OrderRules.TrailDistanceNotSet;
            if (trailTicks > OrderRules.MaxTrailTicks) return OrderRules.TrailDistanceTooLarge;
        }
        if (request.CustomTag is { } tag && account.Orders.Exists(o => string.Equals(o.CustomTag, tag, StringComparison.Ordinal)))
            return OrderRules.DuplicateCustomTag;
        return ValidateBrackets(account, request);
    }

    private static string? ValidateBrackets(AccountState account, PlaceOrderRequest request)
    {
        var stopLoss = request.StopLossBracket;
        var takeProfit = request.TakeProfitBracket;
        if (stopLoss is null && takeProfit is null) return null;
        if (account.BracketMode != BracketMode.AutoOco) return OrderRules.PositionBracketsMessage;
        if (stopLoss is not null && stopLoss.Type is not (OrderType.Stop or OrderType.TrailingStop))
            return OrderRules.InvalidBracketType("stop loss", stopLoss.Type);
        if (takeProfit is not null && takeProfit.Type != OrderType.Limit)
            return OrderRules.InvalidBracketType("take profit", takeProfit.Type);
        return OrderRules.CheckBracketTicks(request.Side, stopLoss?.Ticks ?? 0, takeProfit?.Ticks ?? 0, stopLoss is not null, takeProfit is not null);
    }

    private PlaceOrderResponse Reject(AccountState account, ContractSpec spec, PlaceOrderRequest request, DateTimeOffset now, PlaceOrderErrorCode code, string message)
    {
        // A duplicate tag must keep pointing at the original order, so the rejected copy does not carry it.
        var tag = message == OrderRules.DuplicateCustomTag ? null : request.CustomTag;
        var order = NewOrder(account, spec, request.Type, request.Side, request.Size, now, tag, parentOrderId: null);
        order.LimitPrice = request.LimitPrice;
        order.StopPrice = request.StopPrice;
        order.Status = OrderStatus.Rejected;
        NotifyOrder(order);
        return new PlaceOrderResponse { Success = false, ErrorCode = code, ErrorMessage = message, OrderId = order.Id };
    }

    private SimOrder NewOrder(AccountState account, ContractSpec spec, OrderType type, OrderSide side, int size, DateTimeOffset now, string? customTag, long? parentOrderId)
    {
        var order = new SimOrder
        {
            Id = _nextOrderId++,
            AccountId = account.Id,
            ContractId = spec.ContractId,
            SymbolId = spec.SymbolId,
            TickSize = spec.TickSize,
            Created = now,
            Updated = now,
            ActiveFrom = now,
            Type = type,
            Side = side,
            Size = size,
            CustomTag = customTag,
            ParentOrderId = parentOrderId,
        };
        _orders.Add(order.Id, order);
        account.Orders.Add(order);
        return order;
    }

    /// <summary>Creates the Suspended stop-loss/take-profit children; they go live when the entry fills.</summary>
    private void AttachBrackets(AccountState account, ContractSpec spec, SimOrder entry, PlaceOrderRequest request, DateTimeOffset now)
    {
        var exitSide = entry.IsBuy ? OrderSide.Ask : OrderSide.Bid;
        SimOrder? Child(PlaceOrderBracket? bracket)
        {
            if (bracket is null) return null;
            var child = NewOrder(account, spec, bracket.Type, exitSide, entry.Size, now, customTag: null, parentOrderId: entry.Id);
            child.Status = OrderStatus.Suspended;
            return child;
        }
        var stopLoss = Child(request.StopLossBracket);
        var takeProfit = Child(request.TakeProfitBracket);
        if (stopLoss is not null && takeProfit is not null)
        {
            stopLoss.LinkedOrderId = takeProfit.Id;
            takeProfit.LinkedOrderId = stopLoss.Id;
        }
        if (stopLoss is not null)
        {
            entry.StopLossLeg = new BracketLeg(stopLoss.Id, request.StopLossBracket!.Ticks, stopLoss.Type);
            NotifyOrder(stopLoss);
        }
        if (takeProfit is not null)
        {
            entry.TakeProfitLeg = new BracketLeg(takeProfit.Id, request.TakeProfitBracket!.Ticks, takeProfit.Type);
            NotifyOrder(takeProfit);
        }
    }

    private ModifyOrderResponse Modify(string userName, ModifyOrderRequest request, DateTimeOffset now)
    {
        static ModifyOrderResponse Fail(ModifyOrderErrorCode code, string? message = null) =>
            new() { Success = false, ErrorCode = code, ErrorMessage = message };

        var account = FindAccount(userName, request.AccountId);
        if (account is null) return Fail(ModifyOrderErrorCode.AccountNotFound);
        if (!_orders.TryGetValue(request.OrderId, out var order) || order.AccountId != account.Id)
            return Fail(ModifyOrderErrorCode.OrderNotFound);
        if (!account.CanTrade) return Fail(ModifyOrderErrorCode.AccountRejected, OrderRules.AccountCannotTrade);
        var spec = FindSpec(order.ContractId);
        if (spec is null) return Fail(ModifyOrderErrorCode.ContractNotFound);
        if (!order.IsWorking) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.OrderNotWorking);

        var usesLimit = order.Type is OrderType.Limit or OrderType.StopLimit or OrderType.JoinBid or OrderType.JoinAsk;
        var usesStop = order.Type is OrderType.Stop or OrderType.StopLimit;
        if (request.Size is <= 0) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.InvalidSize);
        if (request.LimitPrice is { } limit)
        {
            if (!usesLimit) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.UnexpectedPrice("limitPrice", order.Type));
            if (limit <= 0 || !OrderRules.IsAligned(limit, spec.TickSize)) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.PriceNotAligned);
        }
        if (request.StopPrice is { } stop)
        {
            if (!usesStop) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.UnexpectedPrice("stopPrice", order.Type));
            if (stop <= 0 || !OrderRules.IsAligned(stop, spec.TickSize)) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.PriceNotAligned);
        }
        var snapshot = _market.GetSnapshot(order.ContractId, now);
        var trailTicks = 0;
        if (request.TrailPrice is { } trail)
        {
            if (order.Type != OrderType.TrailingStop) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.UnexpectedPrice("trailPrice", order.Type));
            if (!OrderRules.IsAligned(trail, spec.TickSize)) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.TrailPriceNotAligned);
            // No maximum-distance guard on modify (spec §4.10).
            trailTicks = OrderRules.TrailTicks(snapshot.Last, trail, spec.TickSize);
            if (trailTicks == 0) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.TrailDistanceNotSet);
        }

        if (request.Size is { } size)
        {
            order.Size = size;
            ResizeSuspendedChildren(order, size);
        }
        if (request.LimitPrice is not null) order.LimitPrice = request.LimitPrice;
        if (request.StopPrice is not null) order.StopPrice = request.StopPrice;
        if (request.TrailPrice is not null)
        {
            order.TrailTicks = trailTicks;
            order.TrailBest = snapshot.Last;
            order.StopPrice = TrailingStopLevel(order);
        }
        order.Updated = now;
        NotifyOrder(order);
        TryFillOnArrival(order, snapshot, now);
        return new ModifyOrderResponse { Success = true, ErrorCode = ModifyOrderErrorCode.Success };
    }

    private void ResizeSuspendedChildren(SimOrder entry, int size)
    {
        foreach (var leg in new[] { entry.StopLossLeg, entry.TakeProfitLeg })
        {
            if (leg is not null && _orders[leg.ChildOrderId] is { Status: OrderStatus.Suspended } child)
            {
                child.Size = size;
                NotifyOrder(child);
            }
        }
    }

    private CancelOrderResponse Cancel(string userName, CancelOrderRequest request, DateTimeOffset now)
    {
        static CancelOrderResponse Fail(CancelOrderErrorCode code, string? message = null) =>
            new() { Success = false, ErrorCode = code, ErrorMessage = message };

        var account = FindAccount(userName, request.AccountId);
        if (account is null) return Fail(CancelOrderErrorCode.AccountNotFound);
        if (!_orders.TryGetValue(request.OrderId, out var order) || order.AccountId != account.Id)
            return Fail(CancelOrderErrorCode.OrderNotFound);
        if (!account.CanTrade) return Fail(CancelOrderErrorCode.AccountRejected, OrderRules.AccountCannotTrade);
        // An order that exists but is no longer working (filled, cancelled, rejected) is Rejected (3), not
        // OrderNotFound (2): the id is real, so a reconciling client should not think it was lost.
        if (order.Status is not (OrderStatus.Open or OrderStatus.Suspended))
            return Fail(CancelOrderErrorCode.Rejected, OrderRules.OrderNotWorking);
        CancelOrder(order, now);
        return new CancelOrderResponse { Success = true, ErrorCode = CancelOrderErrorCode.Success };
    }

    /// <summary>Cancels an order and, for a bracket entry, its still-Suspended children.</summary>
    private void CancelOrder(SimOrder order, DateTimeOffset at)
    {
        order.Status = OrderStatus.Cancelled;
        order.Updated = at;
        _working.Remove(order);
        NotifyOrder(order);
        foreach (var leg in new[] { order.StopLossLeg, order.TakeProfitLeg })
        {
            if (leg is not null && _orders[leg.ChildOrderId] is { Status: OrderStatus.Suspended } child)
                CancelOrder(child, at);
        }
    }
}
