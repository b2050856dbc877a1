using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Live;

public sealed partial class ProtectionManager
{
    /// <summary>How far back a restart looks for an entry that filled while no engine ran.</summary>
    private static readonly TimeSpan AdoptLookback = TimeSpan.FromDays(1);
    /// <summary>An entry counts as the one that opened a position when it filled no earlier than this before the position's creation.</summary>
    private static readonly TimeSpan OpeningTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One check: reads the account's working orders and open positions, adopts tagged orders it does not manage yet,
    /// and makes each plan's legs match its position. False when something must be tried again.
    /// </summary>
    private async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        var working = await Client.GetWorkingOrdersAsync(AccountId, cancellationToken).ConfigureAwait(false);
        var positions = await Client.GetPositionsAsync(AccountId, cancellationToken).ConfigureAwait(false);
        Adopt(working);
        if (_deepAdopt)
        {
            var recent = await Client.SearchOrdersAsync(_time.GetUtcNow() - AdoptLookback, null, AccountId, cancellationToken).ConfigureAwait(false);
            AdoptFilledEntries(recent, positions);
            _deepAdopt = false;
        }

        var settled = true;
        foreach (var plan in _plans.Values.ToList())
        {
            try
            {
                settled &= await ReconcileAsync(plan, working, positions, cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectXException error) when (error is not ProjectXAuthenticationException)
            {
                Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, null, null, $"Checking the protection failed and will run again: {error.Message}", error));
                settled = false;
            }
        }
        if (_plans.Count == 0)
            Volatile.Write(ref _active, 0);
        Publish();
        return settled;
    }

    /// <summary>Working orders with this client's OCO tags are managed, whichever process placed them.</summary>
    private void Adopt(IReadOnlyList<OrderModel> working)
    {
        foreach (var order in working)
        {
            if (ProtectionTags.TryParse(order.CustomTag) is not { } tag || _plans.ContainsKey(order.ContractId))
                continue;
            var plan = new ProtectionPlan(order.ContractId, tag.Group)
            {
                // An entry buys to go long; a leg sells to protect a long.
                Direction = (tag.Role == ProtectionRole.Entry) == (order.Side == OrderSide.Bid) ? PositionType.Long : PositionType.Short,
                StopTicks = tag.StopLossTicks,
                TargetTicks = tag.TakeProfitTicks,
            };
            _plans[order.ContractId] = plan;
            Raise(new ProtectionEvent(ProtectionEventKind.Adopted, order.ContractId, tag.Role == ProtectionRole.Entry ? null : tag.Role, order.Id,
                $"Found {order.CustomTag} ({order.Type} {order.Side} {order.Size}) on the gateway; managing it again."));
        }
    }

    /// <summary>After a restart: an open position opened by one of our entries while no engine ran gets its legs.</summary>
    private void AdoptFilledEntries(IReadOnlyList<OrderModel> recent, IReadOnlyList<PositionModel> positions)
    {
        foreach (var position in positions.Where(p => p.Size > 0 && !_plans.ContainsKey(p.ContractId)))
        {
            var entry = recent
                .Where(o => o.Status == OrderStatus.Filled && string.Equals(o.ContractId, position.ContractId, StringComparison.OrdinalIgnoreCase))
                .Where(o => (o.UpdateTimestamp ?? o.CreationTimestamp) >= position.CreationTimestamp - OpeningTolerance)
                .Select(o => (Order: o, Tag: ProtectionTags.TryParse(o.CustomTag)))
                .Where(t => t.Tag is { Role: ProtectionRole.Entry } && (t.Order.Side == OrderSide.Bid) == (position.Type == PositionType.Long))
                .OrderByDescending(t => t.Order.Id)
                .FirstOrDefault();
            if (entry.Tag is not { } tag)
                continue;
            _plans[position.ContractId] = new ProtectionPlan(position.ContractId, tag.Group)
            {
                Direction = position.Type,
                StopTicks = tag.StopLossTicks,
                TargetTicks = tag.TakeProfitTicks,
            };
            Raise(new ProtectionEvent(ProtectionEventKind.Adopted, position.ContractId, null, entry.Order.Id,
                $"Entry {entry.Order.CustomTag} filled while no engine ran; placing its legs."));
        }
    }

    private async Task<bool> ReconcileAsync(ProtectionPlan plan, IReadOnlyList<OrderModel> working, IReadOnlyList<PositionModel> positions, CancellationToken cancellationToken)
    {
        var mine = working
            .Where(o => string.Equals(o.ContractId, plan.ContractId, StringComparison.OrdinalIgnoreCase))
            .Select(o => (Order: o, Tag: ProtectionTags.TryParse(o.CustomTag)))
            .Where(t => t.Tag is not null)
            .ToList();
        var legs = mine.Where(t => t.Tag!.Role != ProtectionRole.Entry).Select(t => (t.Order, t.Tag!.Role)).ToList();
        plan.EntryWorking = mine.Any(t => t.Tag!.Role == ProtectionRole.Entry);
        var position = positions.FirstOrDefault(p => p.Size > 0 && string.Equals(p.ContractId, plan.ContractId, StringComparison.OrdinalIgnoreCase));

        if (position is null)
        {
            // Flat: a resting leg would open a new position. A working entry keeps the plan for its fill.
            plan.PositionSize = 0;
            var cancelled = await CancelLegsAsync(plan, legs.Select(l => l.Order), "the position is closed", cancellationToken).ConfigureAwait(false);
            if (!plan.EntryWorking && cancelled)
                Retire(plan, "The position is closed; nothing is left to protect.");
            return cancelled;
        }

        plan.PositionSize = position.Size;
        plan.Direction ??= position.Type;
        if (position.Type != plan.Direction)
            return await OnReversedAsync(plan, position, legs.Select(l => l.Order), cancellationToken).ConfigureAwait(false);
        if (plan.Abandoned)
            return true; // it was flattened; the next pass sees it flat and cleans up

        // Native bracket legs already guard this position: a second pair could exit it twice.
        if (working.Any(o => o.ParentOrderId is not null && string.Equals(o.ContractId, plan.ContractId, StringComparison.OrdinalIgnoreCase)))
        {
            await CancelLegsAsync(plan, legs.Select(l => l.Order), "the gateway's own bracket legs guard the position", cancellationToken).ConfigureAwait(false);
            Retire(plan, "The position has native bracket legs; the gateway runs its OCO.");
            return true;
        }

        var exitSide = position.Type == PositionType.Long ? OrderSide.Ask : OrderSide.Bid;
        var settled = await CancelLegsAsync(plan, legs.Where(l => l.Order.Side != exitSide).Select(l => l.Order), "it is on the wrong side of the position", cancellationToken).ConfigureAwait(false);
        var contract = _live.TryGetContract(plan.ContractId) ?? await Client.GetInstrumentAsync(plan.ContractId, cancellationToken).ConfigureAwait(false);
        foreach (var role in new[] { ProtectionRole.StopLoss, ProtectionRole.TakeProfit })
        {
            if (plan.Abandoned || !_plans.ContainsKey(plan.ContractId))
                break;
            var ofRole = legs.Where(l => l.Role == role && l.Order.Side == exitSide).Select(l => l.Order).ToList();
            settled &= await EnsureLegAsync(plan, role, ofRole, position, contract, exitSide, cancellationToken).ConfigureAwait(false);
        }
        return settled;
    }

    /// <summary>Makes one leg match the position: keeps one working leg (moved and resized as needed), or places it.</summary>
    private async Task<bool> EnsureLegAsync(ProtectionPlan plan, ProtectionRole role, List<OrderModel> legs, PositionModel position, ContractModel contract, OrderSide exitSide, CancellationToken cancellationToken)
    {
        var keep = legs.FirstOrDefault(l => l.Id == plan.OrderId(role)) ?? legs.OrderBy(l => l.Id).FirstOrDefault();
        var settled = await CancelLegsAsync(plan, legs.Where(l => l != keep), "it duplicates another leg", cancellationToken).ConfigureAwait(false);
        if (keep is not null)
        {
            plan.SetLeg(role, keep.Id, LevelOf(keep));
            return settled & await AdjustLegAsync(plan, role, keep, position, cancellationToken).ConfigureAwait(false);
        }

        // No working leg. If ours just filled, a fresh read decides (the position may be closing right now).
        if (plan.OrderId(role) is { } lastId)
        {
            var last = await Client.GetOrderAsync(lastId, AccountId, cancellationToken).ConfigureAwait(false);
            if (last.Status == OrderStatus.Filled)
            {
                plan.SetLeg(role, null, null);
                Kick();
                return settled;
            }
            plan.SetLeg(role, null, null); // cancelled by someone else, or expired: it is placed again
        }

        var level = plan.Move(role) ?? plan.Price(role) ?? FromTicks(plan.Ticks(role), role, position, contract);
        if (level is not { } price)
            return settled;
        plan.ClearMove(role);
        return settled & await PlaceLegAsync(plan, role, price, position, contract, exitSide, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> AdjustLegAsync(ProtectionPlan plan, ProtectionRole role, OrderModel leg, PositionModel position, CancellationToken cancellationToken)
    {
        var to = plan.Move(role);
        // A partly filled leg's size counts what it filled; its working part must equal the position.
        var size = leg.Size - leg.FillVolume == position.Size ? (int?)null : leg.FillVolume + position.Size;
        if (to == LevelOf(leg))
        {
            plan.ClearMove(role);
            to = null;
        }
        if (to is null && size is null)
            return true;
        try
        {
            await Client.ModifyOrderAsync(new OrderModification
            {
                OrderId = leg.Id,
                AccountId = AccountId,
                Size = size,
                StopPrice = role == ProtectionRole.StopLoss ? to : null,
                LimitPrice = role == ProtectionRole.TakeProfit ? to : null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ProjectXException error) when (error is not ProjectXAuthenticationException)
        {
            // Sent once; the next check reads the leg again and decides whether a change is still needed.
            Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, role, leg.Id, $"Could not change the {Words(role)} leg {leg.Id}: {error.Message}", error));
            return false;
        }
        if (to is { } moved)
        {
            plan.SetLeg(role, leg.Id, moved);
            plan.ClearMove(role);
            Raise(new ProtectionEvent(ProtectionEventKind.LegMoved, plan.ContractId, role, leg.Id, string.Create(CultureInfo.InvariantCulture, $"The {Words(role)} moved to {TickMath.Normalize(moved)}.")));
        }
        if (size is not null)
            Raise(new ProtectionEvent(ProtectionEventKind.LegResized, plan.ContractId, role, leg.Id, string.Create(CultureInfo.InvariantCulture, $"The {Words(role)} now covers {position.Size} contracts.")));
        return true;
    }

    private async Task<bool> PlaceLegAsync(ProtectionPlan plan, ProtectionRole role, decimal price, PositionModel position, ContractModel contract, OrderSide exitSide, CancellationToken cancellationToken)
    {
        var leg = new PreparedOrder(AccountId, contract,
            role == ProtectionRole.StopLoss ? OrderType.Stop : OrderType.Limit,
            exitSide, position.Size,
            limitPrice: role == ProtectionRole.TakeProfit ? price : null,
            stopPrice: role == ProtectionRole.StopLoss ? price : null,
            trailPrice: null, ProtectionTags.Leg(role, plan.Group), null, OrderType.Stop, null, OrderType.Limit);
        var placement = await Client.SubmitOrderAsync(leg, readBack: false, cancellationToken).ConfigureAwait(false);
        switch (placement.Outcome)
        {
            case PlacementOutcome.Placed or PlacementOutcome.Reconciled:
                plan.SetLeg(role, placement.OrderId, price);
                Raise(new ProtectionEvent(ProtectionEventKind.LegPlaced, plan.ContractId, role, placement.OrderId, $"Placed the {Words(role)}: {leg.Description} (tag {leg.CustomTag})."));
                return true;
            case PlacementOutcome.NotSent:
                // Provably not executed: placing it on the next check cannot duplicate it.
                Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, role, null, $"The {Words(role)} was not sent ({placement.Error!.Message}); trying again shortly.", placement.Error));
                return false;
            case PlacementOutcome.Rejected when role == ProtectionRole.TakeProfit:
                // Still guarded by the stop; a refused target is not sent again on every check.
                plan.Drop(role);
                Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, role, placement.OrderId, $"The gateway refused the take profit ({placement.Error!.Message}); the position keeps its stop only.", placement.Error));
                return true;
            default:
                // A refused stop, or one whose fate is unknown (re-sending could double it): the position cannot be
                // shown to be protected, so it is closed.
                Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, role, placement.OrderId,
                    $"The stop loss could not be placed ({placement.Outcome}: {placement.Error?.Message}); closing the position rather than leaving it unprotected.", placement.Error));
                await FlattenAsync(plan, "its stop loss could not be placed", cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>
    /// The position is on the other side from the one the plan protects. If both legs filled (the OCO race was lost:
    /// the second leg filled before its cancel arrived), the new position is that second exit: it is closed at once.
    /// Any other reversal came from another order; the old legs are cancelled and the plan ends.
    /// </summary>
    private async Task<bool> OnReversedAsync(ProtectionPlan plan, PositionModel position, IEnumerable<OrderModel> legs, CancellationToken cancellationToken)
    {
        var settled = await CancelLegsAsync(plan, legs, "the position reversed", cancellationToken).ConfigureAwait(false);
        var bothFilled = plan.StopOrderId is { } stopId && plan.TargetOrderId is { } targetId
            && (await Client.GetOrderAsync(stopId, AccountId, cancellationToken).ConfigureAwait(false)).Status == OrderStatus.Filled
            && (await Client.GetOrderAsync(targetId, AccountId, cancellationToken).ConfigureAwait(false)).Status == OrderStatus.Filled;
        if (bothFilled)
        {
            Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, null, null,
                string.Create(CultureInfo.InvariantCulture, $"Both legs filled before the second could be cancelled: a {position.Type} position of {position.Size} was opened by the second exit.")));
            await FlattenAsync(plan, "both legs filled (a double exit)", cancellationToken).ConfigureAwait(false);
        }
        Retire(plan, bothFilled ? "The double exit was closed." : "Another order reversed the position; its protection ended.");
        return settled;
    }

    /// <summary>A leg filled (seen on the hub): its siblings are cancelled before anything else is read.</summary>
    private async Task<bool> CancelSiblingsAsync(OrderModel filled, CancellationToken cancellationToken)
    {
        var role = ProtectionTags.TryParse(filled.CustomTag)!.Role;
        Raise(new ProtectionEvent(ProtectionEventKind.LegFilled, filled.ContractId, role, filled.Id,
            string.Create(CultureInfo.InvariantCulture, $"The {Words(role)} filled: {filled.Size} at {TickMath.Normalize(filled.FilledPrice ?? 0)}.")));
        var siblings = _live.Orders.Working()
            .Where(o => o.Id != filled.Id && string.Equals(o.ContractId, filled.ContractId, StringComparison.OrdinalIgnoreCase))
            .Where(o => ProtectionTags.TryParse(o.CustomTag) is { Role: not ProtectionRole.Entry } tag && tag.Role != role);
        _plans.TryGetValue(filled.ContractId, out var plan);
        return await CancelLegsAsync(plan, siblings, $"its sibling {filled.Id} filled", cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> CancelLegsAsync(ProtectionPlan? plan, IEnumerable<OrderModel> legs, string why, CancellationToken cancellationToken)
    {
        var settled = true;
        foreach (var leg in legs.ToList())
        {
            var role = ProtectionTags.TryParse(leg.CustomTag)?.Role;
            CancelResult result;
            try
            {
                result = await Client.CancelIfWorkingAsync(leg, cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectXException error) when (error is not ProjectXAuthenticationException)
            {
                result = new CancelResult(leg.Id, leg.ContractId, CancelOutcome.Failed, error);
            }
            switch (result.Outcome)
            {
                case CancelOutcome.Cancelled:
                    Raise(new ProtectionEvent(ProtectionEventKind.LegCancelled, leg.ContractId, role, leg.Id, $"Cancelled leg {leg.Id} ({leg.CustomTag}): {why}."));
                    break;
                case CancelOutcome.AlreadyEnded:
                    break;
                case CancelOutcome.Filled:
                    // It filled first: the position changed, which the next check sees (and closes a double exit).
                    Raise(new ProtectionEvent(ProtectionEventKind.LegFilled, leg.ContractId, role, leg.Id, $"Leg {leg.Id} filled before its cancel arrived."));
                    settled = false;
                    break;
                default:
                    Raise(new ProtectionEvent(ProtectionEventKind.Failed, leg.ContractId, role, leg.Id, $"Could not cancel leg {leg.Id} ({why}): {result.Error?.Message}", result.Error));
                    settled = false;
                    break;
            }
            if (plan is not null && role is { } r && plan.OrderId(r) == leg.Id && result.Outcome != CancelOutcome.Filled)
                plan.SetLeg(r, null, null);
        }
        return settled;
    }

    /// <summary>Closes the position at market (Position/closeContract, sent once) and stops placing legs for it.</summary>
    private async Task FlattenAsync(ProtectionPlan plan, string why, CancellationToken cancellationToken)
    {
        plan.Abandoned = true;
        try
        {
            await Client.ClosePositionAsync(plan.ContractId, AccountId, cancellationToken).ConfigureAwait(false);
            Raise(new ProtectionEvent(ProtectionEventKind.Flattened, plan.ContractId, null, null, $"Closed the position at market: {why}."));
        }
        catch (ProjectXException error) when (error is not ProjectXAuthenticationException)
        {
            Raise(new ProtectionEvent(ProtectionEventKind.Failed, plan.ContractId, null, null, $"Could not close the position ({why}): {error.Message}. Close it yourself.", error));
        }
        Kick();
    }

    private void Retire(ProtectionPlan plan, string message)
    {
        if (_plans.Remove(plan.ContractId))
            Raise(new ProtectionEvent(ProtectionEventKind.Completed, plan.ContractId, null, null, message));
    }

    /// <summary>
    /// A leg's level from a distance in ticks off the position's average price, on the tick and rounded toward the
    /// entry (a stop never further than asked, a target never further either).
    /// </summary>
    private static decimal? FromTicks(int? ticks, ProtectionRole role, PositionModel position, ContractModel contract)
    {
        if (ticks is not { } t || contract.TickSize <= 0)
            return null;
        var distance = t * contract.TickSize;
        var isLong = position.Type == PositionType.Long;
        // Long: stop below, target above; short: the reverse.
        var below = (role == ProtectionRole.StopLoss) == isLong;
        var level = below ? position.AveragePrice - distance : position.AveragePrice + distance;
        var rounded = TickMath.Round(level, contract.TickSize, below ? PriceRounding.Up : PriceRounding.Down);
        return Math.Max(contract.TickSize, rounded);
    }

    private static decimal? LevelOf(OrderModel leg) => leg.Type == OrderType.Limit ? leg.LimitPrice : leg.StopPrice;

    private static string Words(ProtectionRole role) => role == ProtectionRole.StopLoss ? "stop loss" : "take profit";
}
