using System.Globalization;
using ProjectX.Client.Gateway;
using ProjectX.Client.Instruments;

namespace ProjectX.Client;

public sealed partial class ProjectXClient
{
    /// <summary>
    /// Validates the ticket (size, prices on the tick, brackets), then sends Order/place exactly once with a unique
    /// customTag. Throws <see cref="ProjectXValidationException"/> before sending, <see cref="ProjectXOrderRejectedException"/>
    /// when refused, <see cref="ProjectXAmbiguousOutcomeException"/> (with the tag) when the response was lost.
    /// Cancelling the token while the request is in flight throws <see cref="OperationCanceledException"/> and leaves
    /// the outcome unknown: set <see cref="OrderTicket.CustomTag"/> yourself if you need to reconcile after cancelling.
    /// </summary>
    public async Task<PlacedOrder> PlaceOrderAsync(OrderTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ValidateTicketShape(ticket);
        var accountId = ResolveAccountId(ticket.AccountId);
        var contract = ticket.Contract ?? await GetInstrumentAsync(
            ticket.Instrument ?? throw new ProjectXValidationException("Name the instrument (Instrument or Contract) to trade.", nameof(ticket.Instrument)),
            cancellationToken).ConfigureAwait(false);
        var tag = string.IsNullOrEmpty(ticket.CustomTag) ? CustomTags.New() : ticket.CustomTag;
        var request = new PlaceOrderRequest
        {
            AccountId = accountId,
            ContractId = contract.Id,
            Type = ticket.Type,
            Side = ticket.Side,
            Size = ticket.Size,
            LimitPrice = Align(ticket.LimitPrice, contract, ticket.Rounding, nameof(ticket.LimitPrice)),
            StopPrice = Align(ticket.StopPrice, contract, ticket.Rounding, nameof(ticket.StopPrice)),
            TrailPrice = Align(ticket.TrailPrice, contract, ticket.Rounding, nameof(ticket.TrailPrice)),
            CustomTag = tag,
            StopLossBracket = ticket.StopLossTicks is { } sl
                ? new PlaceOrderBracket { Ticks = ticket.Side == OrderSide.Bid ? -sl : sl, Type = ticket.StopLossType } : null,
            TakeProfitBracket = ticket.TakeProfitTicks is { } tp
                ? new PlaceOrderBracket { Ticks = ticket.Side == OrderSide.Bid ? tp : -tp, Type = ticket.TakeProfitType } : null,
        };
        var response = await Gateway.PlaceOrderAsync(request, cancellationToken).ConfigureAwait(false);
        return response.OrderId is { } orderId
            ? new PlacedOrder(orderId, tag, accountId, contract.Id)
            : throw new ProjectXAmbiguousOutcomeException(
                $"Order/place reported success without an order id. Reconcile with ReconcileOrderAsync(\"{tag}\") before placing again.", tag)
            { Operation = GatewayOperation.PlaceOrder.Name };
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
        if (trailTicks <= 0)
            throw new ProjectXValidationException($"trailTicks must be at least 1 (got {trailTicks}).", nameof(trailTicks));
        var contract = await GetInstrumentAsync(instrument, cancellationToken).ConfigureAwait(false);
        var reference = Align(referencePrice, contract, PriceRounding.None, nameof(referencePrice))!.Value;
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

    /// <summary>Order/modify, sent once. Prices are checked against the order's tick size first (one Order/searchById read).</summary>
    public async Task ModifyOrderAsync(OrderModification modification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modification);
        if (modification.Size is <= 0)
            throw new ProjectXValidationException($"Size must be at least 1 (got {modification.Size}); cancel the order instead of sizing it to zero.", nameof(modification.Size));
        if (modification.Size is null && modification.LimitPrice is null && modification.StopPrice is null && modification.TrailPrice is null)
            throw new ProjectXValidationException("Nothing to modify: give a new size, limit, stop or trail price.", nameof(modification));
        var accountId = ResolveAccountId(modification.AccountId);
        decimal? limit = modification.LimitPrice, stop = modification.StopPrice, trail = modification.TrailPrice;
        if (limit is not null || stop is not null || trail is not null)
        {
            var order = await GetOrderAsync(modification.OrderId, accountId, cancellationToken).ConfigureAwait(false);
            var contract = await GetInstrumentAsync(order.ContractId, cancellationToken).ConfigureAwait(false);
            limit = Align(limit, contract, modification.Rounding, nameof(modification.LimitPrice));
            stop = Align(stop, contract, modification.Rounding, nameof(modification.StopPrice));
            trail = Align(trail, contract, modification.Rounding, nameof(modification.TrailPrice));
        }
        await Gateway.ModifyOrderAsync(new ModifyOrderRequest
        {
            AccountId = accountId,
            OrderId = modification.OrderId,
            Size = modification.Size,
            LimitPrice = limit,
            StopPrice = stop,
            TrailPrice = trail,
        }, cancellationToken).ConfigureAwait(false);
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
        if (size <= 0)
            throw new ProjectXValidationException($"Size must be at least 1 (got {size}).", nameof(size));
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

    private static void ValidateTicketShape(OrderTicket ticket)
    {
        if (ticket.Size <= 0)
            throw new ProjectXValidationException($"Size must be at least 1 (got {ticket.Size}). Nothing was sent.", nameof(ticket.Size));
        if (ticket.CustomTag is { Length: > CustomTags.MaxLength })
            throw new ProjectXValidationException($"CustomTag is longer than {CustomTags.MaxLength} characters. Nothing was sent.", nameof(ticket.CustomTag));
        if (ticket.Side is not (OrderSide.Bid or OrderSide.Ask))
            throw new ProjectXValidationException($"Side must be Bid (buy) or Ask (sell) (got {ticket.Side}). Nothing was sent.", nameof(ticket.Side));
        switch (ticket.Type)
        {
            case OrderType.Limit when ticket.LimitPrice is null:
                throw new ProjectXValidationException("A limit order needs LimitPrice. Nothing was sent.", nameof(ticket.LimitPrice));
            case OrderType.Stop when ticket.StopPrice is null:
                throw new ProjectXValidationException("A stop order needs StopPrice. Nothing was sent.", nameof(ticket.StopPrice));
            case OrderType.StopLimit when ticket.StopPrice is null || ticket.LimitPrice is null:
                throw new ProjectXValidationException("A stop-limit order needs StopPrice and LimitPrice. Nothing was sent.", nameof(ticket.StopPrice));
            case OrderType.TrailingStop when ticket.TrailPrice is null:
                throw new ProjectXValidationException("A trailing stop needs TrailPrice, the absolute level to trail from (see PlaceTrailingStopByTicksAsync). Nothing was sent.", nameof(ticket.TrailPrice));
            case OrderType.Unknown:
                throw new ProjectXValidationException("Choose an order type. Nothing was sent.", nameof(ticket.Type));
        }
        if (ticket.StopLossTicks is <= 0)
            throw new ProjectXValidationException($"StopLossTicks is a distance and must be at least 1 (got {ticket.StopLossTicks}); the client signs it for the side. Nothing was sent.", nameof(ticket.StopLossTicks));
        if (ticket.TakeProfitTicks is <= 0)
            throw new ProjectXValidationException($"TakeProfitTicks is a distance and must be at least 1 (got {ticket.TakeProfitTicks}); the client signs it for the side. Nothing was sent.", nameof(ticket.TakeProfitTicks));
    }

    private static decimal? Align(decimal? price, ContractModel contract, PriceRounding rounding, string parameter)
    {
        if (price is not { } p)
            return null;
        if (p <= 0)
            throw new ProjectXValidationException($"{parameter} must be positive (got {p.ToString(CultureInfo.InvariantCulture)}). Nothing was sent.", parameter);
        if (TickMath.IsAligned(p, contract.TickSize))
            return p;
        if (rounding == PriceRounding.None)
            throw new ProjectXValidationException(
                $"{parameter} {p.ToString(CultureInfo.InvariantCulture)} is not on {contract.Name}'s tick of {contract.TickSize.ToString(CultureInfo.InvariantCulture)}. Use a multiple of the tick, or set Rounding (Nearest, Up, Down). Nothing was sent.",
                parameter);
        return TickMath.Round(p, contract.TickSize, rounding);
    }
}
