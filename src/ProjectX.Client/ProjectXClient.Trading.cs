using System.Globalization;
using ProjectX.Client.Gateway;
using ProjectX.Client.Instruments;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>
    /// Checks the ticket against every client-side rule, resolves its account and contract, puts its prices on the tick
    /// (or refuses them) and gives it a unique customTag. Sends nothing (it may read the contract).
    /// <see cref="ProjectXValidationException"/> (with a <see cref="ValidationReason"/>) when a rule fails.
    /// </summary>
    public async Task<PreparedOrder> PrepareOrderAsync(OrderTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        TicketRules.CheckShape(ticket);
        var accountId = ResolveAccountId(ticket.AccountId);
        var contract = ticket.Contract ?? await GetInstrumentAsync(
            ticket.Instrument ?? throw new ProjectXValidationException(ValidationReason.MissingInstrument, "Name the instrument (a symbol, contract name or contract id) to trade. Nothing was sent.", nameof(ticket.Instrument)),
            cancellationToken).ConfigureAwait(false);
        return new PreparedOrder(
            accountId,
            contract,
            ticket.Type,
            ticket.Side,
            ticket.Size,
            TicketRules.Align(ticket.LimitPrice, contract, ticket.Rounding, nameof(ticket.LimitPrice)),
            TicketRules.Align(ticket.StopPrice, contract, ticket.Rounding, nameof(ticket.StopPrice)),
            TicketRules.Align(ticket.TrailPrice, contract, ticket.Rounding, nameof(ticket.TrailPrice)),
            string.IsNullOrEmpty(ticket.CustomTag) ? CustomTags.New() : ticket.CustomTag,
            ticket.StopLossTicks, ticket.StopLossType, ticket.TakeProfitTicks, ticket.TakeProfitType);
    }

    /// <summary>
    /// Prepares the ticket (<see cref="PrepareOrderAsync"/>), then sends Order/place exactly once. Throws
    /// <see cref="ProjectXValidationException"/> before sending, <see cref="Risk.ProjectXRiskRuleException"/> when an attached risk guard refuses it (nothing sent), <see cref="ProjectXOrderRejectedException"/> when refused,
    /// <see cref="ProjectXAmbiguousOutcomeException"/> (with the tag) when the response was lost. To have a lost response
    /// reconciled for you, use <see cref="SubmitOrderAsync(OrderTicket, bool, CancellationToken)"/>.
    /// Cancelling the token while the request is in flight throws <see cref="OperationCanceledException"/> and leaves
    /// the outcome unknown: set <see cref="OrderTicket.CustomTag"/> yourself if you need to reconcile after cancelling.
    /// </summary>
    public async Task<PlacedOrder> PlaceOrderAsync(OrderTicket ticket, CancellationToken cancellationToken = default) =>
        await PlaceOrderAsync(await PrepareOrderAsync(ticket, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="PlaceOrderAsync(OrderTicket, CancellationToken)"/>
    public async Task<PlacedOrder> PlaceOrderAsync(PreparedOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        await CheckRiskAsync(order, cancellationToken).ConfigureAwait(false);
        return await SendOrderAsync(order, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Order/place, once, after every check (the risk guard's included).</summary>
    private async Task<PlacedOrder> SendOrderAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        var response = await Gateway.PlaceOrderAsync(order.ToRequest(), cancellationToken).ConfigureAwait(false);
        return response.OrderId is { } orderId
            ? new PlacedOrder(orderId, order.CustomTag, order.AccountId, order.Contract.Id)
            : throw new ProjectXAmbiguousOutcomeException(
                $"Order/place reported success without an order id. Look the order up by its tag '{order.CustomTag}' before placing it again.", order.CustomTag)
            { Operation = GatewayOperation.PlaceOrder.Name };
    }

    /// <inheritdoc cref="SubmitOrderAsync(PreparedOrder, bool, CancellationToken)"/>
    public async Task<OrderPlacement> SubmitOrderAsync(OrderTicket ticket, bool readBack = false, CancellationToken cancellationToken = default) =>
        await SubmitOrderAsync(await PrepareOrderAsync(ticket, cancellationToken).ConfigureAwait(false), readBack, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sends Order/place exactly once and reports what became of it, reconciling a lost response by the order's tag
    /// (reads only, which are safe to repeat). Never throws for what the gateway did: the <see cref="OrderPlacement.Outcome"/>
    /// says placed, reconciled, rejected, not sent, or unknown, and <see cref="OrderPlacement.Error"/> says why.
    /// With <paramref name="readBack"/>, a placed order is read back (Order/searchById) into <see cref="OrderPlacement.State"/>.
    /// Cancelling the token still throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<OrderPlacement> SubmitOrderAsync(PreparedOrder order, bool readBack = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        // A risk refusal is thrown, not reported as an outcome: nothing was sent, and the caller must hear why.
        await CheckRiskAsync(order, cancellationToken).ConfigureAwait(false);
        PlacedOrder placed;
        try
        {
            placed = await SendOrderAsync(order, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXAmbiguousOutcomeException lost)
        {
            return await ReconcilePlacementAsync(order, lost, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXOrderRejectedException rejected)
        {
            return new OrderPlacement(order, PlacementOutcome.Rejected, rejected.OrderId, null, rejected);
        }
        catch (ProjectXException notSent) when (notSent.NotExecuted)
        {
            return new OrderPlacement(order, PlacementOutcome.NotSent, null, null, notSent);
        }
        catch (ProjectXException refused)
        {
            return new OrderPlacement(order, PlacementOutcome.Rejected, null, null, refused);
        }

        if (!readBack)
            return new OrderPlacement(order, PlacementOutcome.Placed, placed.OrderId, null, null);
        try
        {
            var state = await GetOrderAsync(placed.OrderId, order.AccountId, cancellationToken).ConfigureAwait(false);
            return new OrderPlacement(order, PlacementOutcome.Placed, placed.OrderId, state, null);
        }
        catch (ProjectXException readFailed)
        {
            return new OrderPlacement(order, PlacementOutcome.Placed, placed.OrderId, null, null) { ReadBackError = readFailed };
        }
    }

    private async Task<OrderPlacement> ReconcilePlacementAsync(PreparedOrder order, ProjectXAmbiguousOutcomeException lost, CancellationToken cancellationToken)
    {
        OrderModel? found;
        try
        {
            found = await ReconcileOrderAsync(order.CustomTag, order.AccountId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException lookupFailed)
        {
            return new OrderPlacement(order, PlacementOutcome.Unknown, null, null, new ProjectXAmbiguousOutcomeException(
                $"The gateway did not confirm the order tagged '{order.CustomTag}', and looking it up failed too ({lookupFailed.Message}). The order MAY EXIST on account {order.AccountId}: look it up by its tag before placing it again.",
                order.CustomTag, lookupFailed) { Operation = GatewayOperation.PlaceOrder.Name });
        }
        if (found is null)
            return new OrderPlacement(order, PlacementOutcome.Unknown, null, null, new ProjectXAmbiguousOutcomeException(
                $"The gateway did not confirm the order tagged '{order.CustomTag}', and no order with that tag exists on account {order.AccountId} yet. Its outcome is unknown (a delayed request can still arrive): look it up by its tag before placing it again.",
                order.CustomTag, lost) { Operation = GatewayOperation.PlaceOrder.Name });
        if (found.Status == OrderStatus.Rejected)
            return new OrderPlacement(order, PlacementOutcome.Rejected, found.Id, found, new ProjectXOrderRejectedException(
                $"The gateway rejected order {found.Id} (tag '{order.CustomTag}'); its answer was lost and the rejection was found by the tag.", found.Id, order.CustomTag)
            { Operation = GatewayOperation.PlaceOrder.Name });
        return new OrderPlacement(order, PlacementOutcome.Reconciled, found.Id, found, lost);
    }

    public Task<PlacedOrder> PlaceMarketOrderAsync(string instrument, OrderSide side, int size, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.Market, Side = side, Size = size }, cancellationToken);

    public Task<PlacedOrder> PlaceLimitOrderAsync(string instrument, OrderSide side, int size, decimal limitPrice, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.Limit, Side = side, Size = size, LimitPrice = limitPrice }, cancellationToken);

    public Task<PlacedOrder> PlaceStopOrderAsync(string instrument, OrderSide side, int size, decimal stopPrice, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.Stop, Side = side, Size = size, StopPrice = stopPrice }, cancellationToken);

    public Task<PlacedOrder> PlaceStopLimitOrderAsync(string instrument, OrderSide side, int size, decimal stopPrice, decimal limitPrice, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.StopLimit, Side = side, Size = size, StopPrice = stopPrice, LimitPrice = limitPrice }, cancellationToken);

    /// <summary>
    /// Trailing stop from an absolute trail level (spec §4.8: the gateway trails by |last − trailPrice| in ticks).
    /// There is no REST quote, so the client cannot derive the level; see <see cref="PlaceTrailingStopByTicksAsync"/>.
    /// </summary>
    public Task<PlacedOrder> PlaceTrailingStopOrderAsync(string instrument, OrderSide side, int size, decimal trailPrice, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.TrailingStop, Side = side, Size = size, TrailPrice = trailPrice }, cancellationToken);

    /// <summary>
    /// Trailing stop <paramref name="trailTicks"/> away from <paramref name="referencePrice"/> (the last price you
    /// saw, e.g. from the market hub): a sell stop trails below it, a buy stop above it.
    /// </summary>
    public async Task<PlacedOrder> PlaceTrailingStopByTicksAsync(string instrument, OrderSide side, int size, int trailTicks, decimal referencePrice, CancellationToken cancellationToken = default)
    {
        TicketRules.CheckTicks(trailTicks, "trail", nameof(trailTicks));
        var contract = await GetInstrumentAsync(instrument, cancellationToken).ConfigureAwait(false);
        var reference = TicketRules.Align(referencePrice, contract, PriceRounding.None, nameof(referencePrice))!.Value;
        var distance = trailTicks * contract.TickSize;
        var level = side == OrderSide.Ask ? reference - distance : reference + distance;
        return await PlaceOrderAsync(new OrderTicket { Contract = contract, Type = OrderType.TrailingStop, Side = side, Size = size, TrailPrice = level }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A limit order that joins the best bid.</summary>
    public Task<PlacedOrder> PlaceJoinBidOrderAsync(string instrument, OrderSide side, int size, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.JoinBid, Side = side, Size = size }, cancellationToken);

    /// <summary>A limit order that joins the best ask.</summary>
    public Task<PlacedOrder> PlaceJoinAskOrderAsync(string instrument, OrderSide side, int size, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket { Instrument = instrument, Type = OrderType.JoinAsk, Side = side, Size = size }, cancellationToken);

    /// <summary>
    /// An entry with native stop-loss and take-profit legs, as positive tick distances (the client signs them
    /// for the side). The account must be in Auto OCO Brackets mode. A Limit entry at <paramref name="limitPrice"/>, else Market.
    /// </summary>
    public Task<PlacedOrder> PlaceBracketOrderAsync(string instrument, OrderSide side, int size, int stopLossTicks, int takeProfitTicks, decimal? limitPrice = null, CancellationToken cancellationToken = default) =>
        PlaceOrderAsync(new OrderTicket
        {
            Instrument = instrument,
            Type = limitPrice is null ? OrderType.Market : OrderType.Limit,
            Side = side,
            Size = size,
            LimitPrice = limitPrice,
            StopLossTicks = stopLossTicks,
            TakeProfitTicks = takeProfitTicks,
        }, cancellationToken);

    /// <summary>Order/modify, sent once; null arguments are left unchanged. Prices must be on the tick.</summary>
    public Task ModifyOrderAsync(long orderId, int? size = null, decimal? limitPrice = null, decimal? stopPrice = null, decimal? trailPrice = null, int? accountId = null, CancellationToken cancellationToken = default) =>
        ModifyOrderAsync(new OrderModification
        {
            OrderId = orderId, AccountId = accountId, Size = size, LimitPrice = limitPrice, StopPrice = stopPrice, TrailPrice = trailPrice,
        }, cancellationToken);

    /// <summary>
    /// Checks a modification against the client-side rules and reads the order (Order/searchById) and, when a price
    /// changes, its contract, putting new prices on the tick (or refusing them). Sends nothing.
    /// </summary>
    public async Task<PreparedModification> PrepareModificationAsync(OrderModification modification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modification);
        TicketRules.CheckModification(modification);
        var order = await GetOrderAsync(modification.OrderId, ResolveAccountId(modification.AccountId), cancellationToken).ConfigureAwait(false);
        var pricesChange = modification.LimitPrice is not null || modification.StopPrice is not null || modification.TrailPrice is not null;
        ContractModel? contract;
        try
        {
            contract = await GetInstrumentAsync(order.ContractId, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXNotFoundException) when (!pricesChange)
        {
            contract = null; // a size change needs no tick size
        }
        return new PreparedModification(order, contract, modification.Size,
            contract is null ? null : TicketRules.Align(modification.LimitPrice, contract, modification.Rounding, nameof(modification.LimitPrice)),
            contract is null ? null : TicketRules.Align(modification.StopPrice, contract, modification.Rounding, nameof(modification.StopPrice)),
            contract is null ? null : TicketRules.Align(modification.TrailPrice, contract, modification.Rounding, nameof(modification.TrailPrice)));
    }

    /// <summary>Order/modify, sent once, after <see cref="PrepareModificationAsync"/> (one Order/searchById read).</summary>
    public async Task ModifyOrderAsync(OrderModification modification, CancellationToken cancellationToken = default) =>
        await ModifyOrderAsync(await PrepareModificationAsync(modification, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Order/modify, sent once.</summary>
    public async Task ModifyOrderAsync(PreparedModification modification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modification);
        await CheckRiskAsync(modification, cancellationToken).ConfigureAwait(false);
        await Gateway.ModifyOrderAsync(modification.ToRequest(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Order/cancel, sent once.</summary>
    public async Task CancelOrderAsync(long orderId, int? accountId = null, CancellationToken cancellationToken = default) =>
        await Gateway.CancelOrderAsync(new CancelOrderRequest { AccountId = ResolveAccountId(accountId), OrderId = orderId }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Cancels every open order (optionally of one instrument), one request each, and carries on past failures:
    /// the result says what happened to each one (see <see cref="CancelIfWorkingAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<CancelResult>> CancelAllOrdersAsync(int? accountId = null, string? instrument = null, CancellationToken cancellationToken = default)
    {
        var account = ResolveAccountId(accountId);
        string? contractId = instrument is null ? null : (await GetInstrumentAsync(instrument, cancellationToken).ConfigureAwait(false)).Id;
        var open = await GetOpenOrdersAsync(account, cancellationToken).ConfigureAwait(false);
        var results = new List<CancelResult>();
        foreach (var order in open.Where(o => contractId is null || string.Equals(o.ContractId, contractId, StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                results.Add(await CancelIfWorkingAsync(order, cancellationToken).ConfigureAwait(false));
            }
            catch (ProjectXException error) when (error is not ProjectXAuthenticationException)
            {
                results.Add(new CancelResult(order.Id, order.ContractId, CancelOutcome.Failed, error));
            }
        }
        return results;
    }

    /// <summary>
    /// Order/cancel, sent once, for an order that may end on its own at any moment (an OCO leg, an order in a sweep).
    /// A rejected cancel is read back: an order that has meanwhile ended without a fill is
    /// <see cref="CancelOutcome.AlreadyEnded"/>, one that filled is <see cref="CancelOutcome.Filled"/>.
    /// Anything else (ambiguous outcome, rate limit, not found) is thrown as by <see cref="CancelOrderAsync"/>.
    /// </summary>
    public async Task<CancelResult> CancelIfWorkingAsync(OrderModel order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        try
        {
            await CancelOrderAsync(order.Id, order.AccountId, cancellationToken).ConfigureAwait(false);
            return new CancelResult(order.Id, order.ContractId, CancelOutcome.Cancelled, null);
        }
        catch (ProjectXOrderRejectedException rejected)
        {
            // The read is safe to retry; the cancel itself is never sent again.
            var now = await GetOrderAsync(order.Id, order.AccountId, cancellationToken).ConfigureAwait(false);
            var outcome = now.Status switch
            {
                OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.Rejected => CancelOutcome.AlreadyEnded,
                OrderStatus.Filled => CancelOutcome.Filled,
                _ => CancelOutcome.Failed,
            };
            return new CancelResult(order.Id, order.ContractId, outcome, outcome == CancelOutcome.AlreadyEnded ? null : rejected);
        }
    }

    /// <summary>Position/closeContract: a market order for the whole position. Sent once.</summary>
    public async Task ClosePositionAsync(string instrument, int? accountId = null, CancellationToken cancellationToken = default)
    {
        var account = ResolveAccountId(accountId);
        var contractId = await ResolveContractIdAsync(instrument, cancellationToken).ConfigureAwait(false);
        await Gateway.ClosePositionAsync(new CloseContractPositionRequest { AccountId = account, ContractId = contractId }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Position/partialCloseContract: closes <paramref name="size"/> contracts of the position. Sent once.</summary>
    public async Task PartialClosePositionAsync(string instrument, int size, int? accountId = null, CancellationToken cancellationToken = default)
    {
        TicketRules.CheckSize(size, "close", parameter: nameof(size));
        var account = ResolveAccountId(accountId);
        var contractId = await ResolveContractIdAsync(instrument, cancellationToken).ConfigureAwait(false);
        await Gateway.PartialClosePositionAsync(new PartialCloseContractPositionRequest { AccountId = account, ContractId = contractId, Size = size }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Contract ids pass through untouched (a position may be in an expired month); symbols are resolved.</summary>
    private async Task<string> ResolveContractIdAsync(string instrument, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        return ContractResolver.IsContractId(instrument)
            ? instrument.Trim()
            : (await GetInstrumentAsync(instrument, cancellationToken).ConfigureAwait(false)).Id;
    }
}
