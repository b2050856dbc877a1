using ProjectX.Client.Gateway;
using ProjectX.Simulation.Market;

namespace ProjectX.Simulation.Exchange;

/// <summary>
/// Order/place, Order/modify, Order/cancel, Position/closeContract and Position/partialCloseContract (spec §4.8–§4.13):
/// every check a request must pass, the orders it creates, and the hand-over to matching. Only touched under the
/// exchange lock.
/// </summary>
internal sealed class OrderEntry(OrderStore orders, Ledger ledger, MatchingEngine matching, FirmRuleEnforcer firmRules, IContractCatalog catalog, IMarketData market, ChangeFeed changes, SimulatorLimits limits, MarketHours hours)
{
    private readonly Dictionary<string, ContractSpec> _specs = new(StringComparer.Ordinal);

    public PlaceOrderResponse Place(string userName, PlaceOrderRequest request, DateTimeOffset now)
    {
        var account = ledger.Find(userName, request.AccountId);
        if (account is null)
            return new PlaceOrderResponse { Success = false, ErrorCode = PlaceOrderErrorCode.AccountNotFound };
        var spec = FindSpec(request.ContractId);
        if (spec is null)
            return new PlaceOrderResponse { Success = false, ErrorCode = PlaceOrderErrorCode.ContractNotFound };

        // From here on a refused placement is still created, with status Rejected, and its id returned (spec §4.8).
        // A firm-rule lock answers before canTrade (which the lock also turned false): it says why.
        if (firmRules.CheckPlacement(account, now) is { } breach)
            return Reject(account, spec, request, now, PlaceOrderErrorCode.AccountViolation, breach);
        if (!account.CanTrade)
            return Reject(account, spec, request, now, PlaceOrderErrorCode.AccountRejected, new(RejectReason.AccountCannotTrade, OrderRules.AccountCannotTrade));
        if (spec.Expiry <= now)
            return Reject(account, spec, request, now, PlaceOrderErrorCode.ContractNotActive, new(RejectReason.ContractNotActive, "Contract is not active."));
        if (!hours.IsOpen(spec.ContractId, now))
            return Reject(account, spec, request, now, PlaceOrderErrorCode.OutsideTradingHours, new(RejectReason.OutsideTradingHours, OrderRules.OutsideTradingHours));

        var snapshot = market.GetSnapshot(spec.ContractId, now);
        var trailTicks = 0;
        if (ValidatePlacement(account, spec, request, snapshot, ref trailTicks) is { } rejection)
            return Reject(account, spec, request, now, rejection.Reason is RejectReason.PositionLimit or RejectReason.FirmRule ? PlaceOrderErrorCode.AccountViolation : PlaceOrderErrorCode.OrderRejected, rejection);

        var order = orders.Create(account, spec, request.Type, request.Side, request.Size, now, request.CustomTag, parentOrderId: null);
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
            order.StopPrice = MatchingEngine.TrailingStopLevel(order);
        }
        orders.Open(order);
        changes.Order(order, ChangeKind.Added);
        AttachBrackets(order, request, now);
        matching.TryFillOnArrival(order, snapshot, now);
        return new PlaceOrderResponse { Success = true, ErrorCode = PlaceOrderErrorCode.Success, OrderId = order.Id };
    }

    public ModifyOrderResponse Modify(string userName, ModifyOrderRequest request, DateTimeOffset now)
    {
        static ModifyOrderResponse Fail(ModifyOrderErrorCode code, string? message = null) =>
            new() { Success = false, ErrorCode = code, ErrorMessage = message };
        static ModifyOrderResponse Refuse(OrderRejection rejection) => Fail(ModifyOrderErrorCode.Rejected, rejection.Message);

        var account = ledger.Find(userName, request.AccountId);
        if (account is null) return Fail(ModifyOrderErrorCode.AccountNotFound);
        if (orders.Find(account, request.OrderId) is not { } order) return Fail(ModifyOrderErrorCode.OrderNotFound);
        if (!account.CanTrade) return Fail(ModifyOrderErrorCode.AccountRejected, FirmRuleEnforcer.LockMessage(account) ?? OrderRules.AccountCannotTrade);
        if (!order.IsWorking) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.OrderNotWorking);
        if (request is { Size: null, LimitPrice: null, StopPrice: null, TrailPrice: null })
            return Fail(ModifyOrderErrorCode.Rejected, OrderRules.NothingToModify);

        var spec = order.Spec;
        var usesLimit = order.Type is OrderType.Limit or OrderType.StopLimit or OrderType.JoinBid or OrderType.JoinAsk;
        var usesStop = order.Type is OrderType.Stop or OrderType.StopLimit;
        if (request.Size is { } newSize && CheckSize(newSize) is { } sizeRejection) return Refuse(sizeRejection);
        if (request.Size > order.Size && order.ParentOrderId is null
            && CheckPositionLimits(account, spec.ContractId, order.Side, request.Size.Value - order.Size) is { } limitRejection)
            return Refuse(limitRejection);
        if (request.LimitPrice is not null && !usesLimit) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.UnexpectedPrice("limitPrice", order.Type));
        if (request.StopPrice is not null && !usesStop) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.UnexpectedPrice("stopPrice", order.Type));
        if (request.TrailPrice is not null && order.Type != OrderType.TrailingStop) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.UnexpectedPrice("trailPrice", order.Type));
        if ((OrderRules.CheckPrice("limitPrice", request.LimitPrice, spec.TickSize, limits.MaxPrice)
            ?? OrderRules.CheckPrice("stopPrice", request.StopPrice, spec.TickSize, limits.MaxPrice)
            ?? OrderRules.CheckPrice("trailPrice", request.TrailPrice, spec.TickSize, limits.MaxPrice)) is { } priceRejection)
            return Refuse(priceRejection);
        var snapshot = market.GetSnapshot(order.ContractId, now);
        var trailTicks = 0;
        if (request.TrailPrice is { } trail)
        {
            // No maximum-distance guard on modify (spec §4.10).
            trailTicks = OrderRules.TrailTicks(snapshot.Last, trail, spec.TickSize);
            if (trailTicks == 0) return Fail(ModifyOrderErrorCode.Rejected, OrderRules.TrailDistanceNotSet);
        }

        if (request.Size is { } size)
        {
            order.Size = size;
            ResizeSuspendedLegs(order, size);
        }
        if (request.LimitPrice is not null) order.LimitPrice = request.LimitPrice;
        if (request.StopPrice is not null) order.StopPrice = request.StopPrice;
        if (request.TrailPrice is not null)
        {
            order.TrailTicks = trailTicks;
            order.TrailBest = snapshot.Last;
            order.StopPrice = MatchingEngine.TrailingStopLevel(order);
        }
        order.Updated = now;
        changes.Order(order);
        matching.TryFillOnArrival(order, snapshot, now);
        return new ModifyOrderResponse { Success = true, ErrorCode = ModifyOrderErrorCode.Success };
    }

    public CancelOrderResponse Cancel(string userName, CancelOrderRequest request, DateTimeOffset now)
    {
        static CancelOrderResponse Fail(CancelOrderErrorCode code, string? message = null) =>
            new() { Success = false, ErrorCode = code, ErrorMessage = message };

        var account = ledger.Find(userName, request.AccountId);
        if (account is null) return Fail(CancelOrderErrorCode.AccountNotFound);
        if (orders.Find(account, request.OrderId) is not { } order) return Fail(CancelOrderErrorCode.OrderNotFound);
        if (!account.CanTrade) return Fail(CancelOrderErrorCode.AccountRejected, FirmRuleEnforcer.LockMessage(account) ?? OrderRules.AccountCannotTrade);
        // An order that exists but is no longer working (filled, cancelled, rejected) is Rejected (3), not
        // OrderNotFound (2): the id is real, so a reconciling client should not think it was lost.
        if (!order.IsLive) return Fail(CancelOrderErrorCode.Rejected, OrderRules.OrderNotWorking);
        matching.Cancel(order, now);
        return new CancelOrderResponse { Success = true, ErrorCode = CancelOrderErrorCode.Success };
    }

    public ClosePositionResponse Close(string userName, CloseContractPositionRequest request, DateTimeOffset now)
    {
        var refusal = CheckClose(userName, request.AccountId, request.ContractId, now, out var account, out var spec, out var held);
        if (refusal is not null)
        {
            return new ClosePositionResponse
            {
                Success = false,
                ErrorMessage = refusal == CloseRefusal.AccountRejected ? FirmRuleEnforcer.LockMessage(account!) ?? OrderRules.AccountCannotTrade : null,
                ErrorCode = refusal switch
                {
                    CloseRefusal.AccountNotFound => ClosePositionErrorCode.AccountNotFound,
                    CloseRefusal.ContractNotFound => ClosePositionErrorCode.ContractNotFound,
                    CloseRefusal.AccountRejected => ClosePositionErrorCode.AccountRejected,
                    CloseRefusal.PositionNotFound => ClosePositionErrorCode.PositionNotFound,
                    CloseRefusal.MarketClosed => ClosePositionErrorCode.OrderRejected,
                    _ => ClosePositionErrorCode.ContractNotActive,
                },
            };
        }
        matching.CloseAtMarket(account!, spec!, held, Math.Abs(held), now);
        return new ClosePositionResponse { Success = true, ErrorCode = ClosePositionErrorCode.Success };
    }

    public PartialClosePositionResponse PartialClose(string userName, PartialCloseContractPositionRequest request, DateTimeOffset now)
    {
        var refusal = CheckClose(userName, request.AccountId, request.ContractId, now, out var account, out var spec, out var held);
        if (refusal is null && (request.Size <= 0 || request.Size > Math.Abs(held)))
            return new PartialClosePositionResponse { Success = false, ErrorCode = PartialClosePositionErrorCode.InvalidCloseSize };
        if (refusal is not null)
        {
            // The same refusals as Position/closeContract, with this operation's (shifted) codes.
            return new PartialClosePositionResponse
            {
                Success = false,
                ErrorMessage = refusal == CloseRefusal.AccountRejected ? FirmRuleEnforcer.LockMessage(account!) ?? OrderRules.AccountCannotTrade : null,
                ErrorCode = refusal switch
                {
                    CloseRefusal.AccountNotFound => PartialClosePositionErrorCode.AccountNotFound,
                    CloseRefusal.ContractNotFound => PartialClosePositionErrorCode.ContractNotFound,
                    CloseRefusal.AccountRejected => PartialClosePositionErrorCode.AccountRejected,
                    CloseRefusal.PositionNotFound => PartialClosePositionErrorCode.PositionNotFound,
                    CloseRefusal.MarketClosed => PartialClosePositionErrorCode.OrderRejected,
                    _ => PartialClosePositionErrorCode.ContractNotActive,
                },
            };
        }
        matching.CloseAtMarket(account!, spec!, held, request.Size, now);
        return new PartialClosePositionResponse { Success = true, ErrorCode = PartialClosePositionErrorCode.Success };
    }

    // MarketClosed answers OrderRejected with no message, as the spec says the gateway does for a closed or halted market (§4.13).
    private enum CloseRefusal { AccountNotFound, ContractNotFound, AccountRejected, PositionNotFound, ContractNotActive, MarketClosed }

    /// <summary>What Position/closeContract and Position/partialCloseContract check, in the gateway's order; null when a close may go ahead.</summary>
    private CloseRefusal? CheckClose(string userName, int accountId, string contractId, DateTimeOffset now, out AccountState? account, out ContractSpec? spec, out int held)
    {
        held = 0;
        spec = null;
        account = ledger.Find(userName, accountId);
        if (account is null) return CloseRefusal.AccountNotFound;
        spec = FindSpec(contractId);
        if (spec is null) return CloseRefusal.ContractNotFound;
        if (!account.CanTrade) return CloseRefusal.AccountRejected;
        held = account.SignedSize(spec.ContractId);
        if (held == 0) return CloseRefusal.PositionNotFound;
        if (spec.Expiry <= now) return CloseRefusal.ContractNotActive;
        return hours.IsOpen(spec.ContractId, now) ? null : CloseRefusal.MarketClosed;
    }

    /// <summary>Checks run in this order: size, type, side, prices, trail, customTag, brackets, working orders, position limits.</summary>
    private OrderRejection? ValidatePlacement(AccountState account, ContractSpec spec, PlaceOrderRequest request, MarketSnapshot snapshot, ref int trailTicks)
    {
        if (CheckSize(request.Size) is { } sizeRejection) return sizeRejection;
        if (!OrderRules.IsPlaceable(request.Type)) return OrderRules.Reject(RejectReason.UnsupportedOrderType, OrderRules.UnsupportedOrderType(request.Type));
        if (!OrderRules.IsSide(request.Side)) return OrderRules.Reject(RejectReason.InvalidSide, OrderRules.InvalidSide(request.Side));
        if (OrderRules.CheckPrices(request.Type, request.LimitPrice, request.StopPrice, request.TrailPrice, spec.TickSize, limits.MaxPrice) is { } priceRejection)
            return priceRejection;
        if (request.TrailPrice is { } trailPrice)
        {
            trailTicks = OrderRules.TrailTicks(snapshot.Last, trailPrice, spec.TickSize);
            if (trailTicks == 0) return OrderRules.Reject(RejectReason.TrailDistanceNotSet, OrderRules.TrailDistanceNotSet);
            if (trailTicks > OrderRules.MaxTrailTicks) return OrderRules.Reject(RejectReason.TrailDistanceTooLarge, OrderRules.TrailDistanceTooLarge);
        }
        if (request.CustomTag is { } tag && orders.HasTag(account.Id, tag))
            return OrderRules.Reject(RejectReason.DuplicateCustomTag, OrderRules.DuplicateCustomTag);
        if (ValidateBrackets(account, spec, request, snapshot) is { } bracketRejection) return bracketRejection;
        var legs = (request.StopLossBracket is null ? 0 : 1) + (request.TakeProfitBracket is null ? 0 : 1);
        if (orders.WorkingCount(account.Id) + 1 + legs > limits.MaxWorkingOrdersPerAccount)
            return OrderRules.Reject(RejectReason.TooManyWorkingOrders, OrderRules.TooManyWorkingOrders(limits.MaxWorkingOrdersPerAccount));
        return CheckPositionLimits(account, spec.ContractId, request.Side, request.Size);
    }

    private OrderRejection? CheckSize(int size) =>
        size <= 0 ? OrderRules.Reject(RejectReason.InvalidSize, OrderRules.InvalidSize)
        : size > limits.MaxOrderSize ? OrderRules.Reject(RejectReason.InvalidSize, OrderRules.SizeTooLarge(limits.MaxOrderSize))
        : null;

    private OrderRejection? ValidateBrackets(AccountState account, ContractSpec spec, PlaceOrderRequest request, MarketSnapshot snapshot)
    {
        var stopLoss = request.StopLossBracket;
        var takeProfit = request.TakeProfitBracket;
        if (stopLoss is null && takeProfit is null) return null;
        if (account.BracketMode != BracketMode.AutoOco) return OrderRules.Reject(RejectReason.PositionBrackets, OrderRules.PositionBracketsMessage);
        if (stopLoss is not null && stopLoss.Type is not (OrderType.Stop or OrderType.TrailingStop))
            return OrderRules.Reject(RejectReason.InvalidBracketType, OrderRules.InvalidBracketType("stop loss", stopLoss.Type));
        if (takeProfit is not null && takeProfit.Type != OrderType.Limit)
            return OrderRules.Reject(RejectReason.InvalidBracketType, OrderRules.InvalidBracketType("take profit", takeProfit.Type));
        if (OrderRules.CheckBracketTicks(request.Side, stopLoss?.Ticks ?? 0, takeProfit?.Ticks ?? 0, stopLoss is not null, takeProfit is not null, limits.MaxBracketTicks) is { } ticksRejection)
            return ticksRejection;
        // Where the entry is expected to fill: its own price, or the touch for the types that take it.
        var reference = request.LimitPrice ?? request.StopPrice ?? (request.Side == OrderSide.Bid ? snapshot.Ask : snapshot.Bid);
        foreach (var (leg, bracket) in new[] { ("stop loss", stopLoss), ("take profit", takeProfit) })
        {
            if (bracket is not null && reference + (bracket.Ticks * spec.TickSize) <= 0)
                return OrderRules.Reject(RejectReason.InvalidBracketTicks, $"Invalid {leg} ticks ({bracket.Ticks}). The leg would be at or below zero.");
        }
        return null;
    }

    /// <summary>
    /// The worst case if every working entry order of the account filled, plus the new one: no contract may then
    /// exceed <see cref="SimulatorLimits.MaxPositionPerContract"/> and the account no more than
    /// <see cref="SimulatorLimits.MaxPositionPerAccount"/>. An order that does not make the worst case worse (a
    /// closing order, say) always passes.
    /// </summary>
    private OrderRejection? CheckPositionLimits(AccountState account, string contractId, OrderSide side, int size)
    {
        var exposures = new Dictionary<string, (long Held, long Buys, long Sells)>(StringComparer.Ordinal);
        foreach (var (contract, position) in account.Positions)
        {
            if (position.SignedSize != 0) exposures[contract] = (position.SignedSize, 0, 0);
        }
        foreach (var order in orders.Working)
        {
            if (order.AccountId != account.Id || order.ParentOrderId is not null) continue;
            var (held, buys, sells) = exposures.GetValueOrDefault(order.ContractId);
            exposures[order.ContractId] = order.IsBuy ? (held, buys + order.Size, sells) : (held, buys, sells + order.Size);
        }
        static long Worst((long Held, long Buys, long Sells) e) => Math.Max(Math.Abs(e.Held), Math.Max(e.Held + e.Buys, e.Sells - e.Held));
        var before = exposures.GetValueOrDefault(contractId);
        var after = side == OrderSide.Bid ? before with { Buys = before.Buys + size } : before with { Sells = before.Sells + size };
        if (Worst(after) <= Worst(before)) return null;
        if (Worst(after) > limits.MaxPositionPerContract)
            return OrderRules.Reject(RejectReason.PositionLimit,
                $"The position in {contractId} could reach {Worst(after)} contracts; the limit is {limits.MaxPositionPerContract}.");
        var accountTotal = exposures.Where(e => e.Key != contractId).Sum(e => Worst(e.Value)) + Worst(after);
        if (accountTotal > limits.MaxPositionPerAccount)
            return OrderRules.Reject(RejectReason.PositionLimit,
                $"The account's positions could reach {accountTotal} contracts; the limit is {limits.MaxPositionPerAccount}.");
        if (account.Rules?.Rules.MaxContracts is { } firmMax && accountTotal > firmMax)
            return OrderRules.Reject(RejectReason.PositionLimit, FirmRuleMessages.MaxContracts(accountTotal, firmMax));
        return null;
    }

    private PlaceOrderResponse Reject(AccountState account, ContractSpec spec, PlaceOrderRequest request, DateTimeOffset now, PlaceOrderErrorCode code, OrderRejection rejection)
    {
        // A duplicate tag must keep pointing at the original order, so the rejected copy does not carry it.
        var tag = rejection.Reason == RejectReason.DuplicateCustomTag ? null : request.CustomTag;
        var order = orders.Create(account, spec, request.Type, request.Side, request.Size, now, tag, parentOrderId: null);
        order.LimitPrice = request.LimitPrice;
        order.StopPrice = request.StopPrice;
        orders.Finish(order, OrderStatus.Rejected, now);
        changes.Order(order, ChangeKind.Added);
        return new PlaceOrderResponse { Success = false, ErrorCode = code, ErrorMessage = rejection.Message, OrderId = order.Id };
    }

    /// <summary>Creates the Suspended stop-loss/take-profit legs; they go live when the entry fills.</summary>
    private void AttachBrackets(SimOrder entry, PlaceOrderRequest request, DateTimeOffset now)
    {
        var exitSide = entry.IsBuy ? OrderSide.Ask : OrderSide.Bid;
        SimOrder? Leg(PlaceOrderBracket? bracket)
        {
            if (bracket is null) return null;
            var leg = orders.Create(entry.Account, entry.Spec, bracket.Type, exitSide, entry.Size, now, customTag: null, parentOrderId: entry.Id);
            orders.Suspend(leg);
            return leg;
        }
        var stopLoss = Leg(request.StopLossBracket);
        var takeProfit = Leg(request.TakeProfitBracket);
        if (stopLoss is not null && takeProfit is not null)
        {
            stopLoss.LinkedOrderId = takeProfit.Id;
            takeProfit.LinkedOrderId = stopLoss.Id;
        }
        if (stopLoss is not null)
        {
            entry.StopLossLeg = new BracketLeg(stopLoss.Id, request.StopLossBracket!.Ticks, stopLoss.Type);
            changes.Order(stopLoss, ChangeKind.Added);
        }
        if (takeProfit is not null)
        {
            entry.TakeProfitLeg = new BracketLeg(takeProfit.Id, request.TakeProfitBracket!.Ticks, takeProfit.Type);
            changes.Order(takeProfit, ChangeKind.Added);
        }
    }

    private void ResizeSuspendedLegs(SimOrder entry, int size)
    {
        foreach (var leg in entry.Legs())
        {
            if (orders.Get(leg.ChildOrderId) is { Status: OrderStatus.Suspended } child)
            {
                child.Size = size;
                changes.Order(child);
            }
        }
    }

    public ContractSpec? FindSpec(string? contractId)
    {
        if (string.IsNullOrEmpty(contractId)) return null;
        if (_specs.TryGetValue(contractId, out var spec)) return spec;
        spec = catalog.GetSpec(contractId);
        if (spec is not null) _specs[contractId] = spec;
        return spec;
    }
}
