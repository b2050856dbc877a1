using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Live;

public sealed partial class ProtectionManager
{
    /// <summary>
    /// The entry without native brackets, tagged so its fill (and a restart) finds its plan. The plan exists before the
    /// entry is sent, so a fill can never arrive ahead of it.
    /// </summary>
    private async Task<ProtectedPlacement> SubmitManagedEntryAsync(PreparedOrder order, CancellationToken cancellationToken)
    {
        var direction = order.IsBuy ? PositionType.Long : PositionType.Short;
        var created = false;
        if (!_plans.TryGetValue(order.Contract.Id, out var plan))
        {
            plan = new ProtectionPlan(order.Contract.Id, ProtectionTags.NewGroup()) { Direction = direction };
            created = true;
        }
        else if (plan.Direction is { } current && current != direction)
        {
            throw new ProjectXValidationException(ValidationReason.InvalidSide,
                $"The {current} position in {order.Contract.Name} is protected; a protected {(order.IsBuy ? "buy" : "sell")} entry would trade against its legs. Close the position first. Nothing was sent.",
                nameof(order.Side));
        }
        if (plan.StopOrderId is null && plan.TargetOrderId is null)
        {
            // A plan without legs yet takes the new distances; one with legs keeps its levels (the legs grow with the position).
            plan.StopTicks = order.StopLossTicks;
            plan.TargetTicks = order.TakeProfitTicks;
        }

        var entry = new PreparedOrder(order.AccountId, order.Contract, order.Type, order.Side, order.Size,
            order.LimitPrice, order.StopPrice, order.TrailPrice, ProtectionTags.Entry(plan.Group, order.StopLossTicks, order.TakeProfitTicks),
            null, order.StopLossType, null, order.TakeProfitType);
        _plans[plan.ContractId] = plan;
        Volatile.Write(ref _active, 1);
        var placement = await Client.SubmitOrderAsync(entry, readBack: true, cancellationToken).ConfigureAwait(false);
        if (!placement.IsPlaced && placement.Outcome != PlacementOutcome.Unknown && created)
            _plans.Remove(plan.ContractId); // provably no entry: nothing to protect
        Publish();
        Kick(); // a market entry has filled by now: place its legs without waiting for the hub
        // The caller sees what was asked for (distances included), sent as the managed entry.
        return new ProtectedPlacement(placement with { Order = WithBrackets(entry, order) }, BracketHandling.ClientManaged);
    }

    private static PreparedOrder WithBrackets(PreparedOrder sent, PreparedOrder asked) =>
        new(sent.AccountId, sent.Contract, sent.Type, sent.Side, sent.Size, sent.LimitPrice, sent.StopPrice, sent.TrailPrice, sent.CustomTag,
            asked.StopLossTicks, asked.StopLossType, asked.TakeProfitTicks, asked.TakeProfitType);

    private async Task<PositionProtection> ProtectOnWorkerAsync(ProtectionRequest request, CancellationToken cancellationToken)
    {
        var contract = await Client.GetInstrumentAsync(request.Instrument, cancellationToken).ConfigureAwait(false);
        var positions = await Client.GetPositionsAsync(AccountId, cancellationToken).ConfigureAwait(false);
        var position = positions.FirstOrDefault(p => p.Size > 0 && string.Equals(p.ContractId, contract.Id, StringComparison.OrdinalIgnoreCase))
            ?? throw new ProjectXNotFoundException($"There is no open {contract.Name} position on account {AccountId} to protect. Nothing was sent.", "Position", contract.Id);
        var working = await Client.GetWorkingOrdersAsync(AccountId, cancellationToken).ConfigureAwait(false);
        if (working.Any(o => o.ParentOrderId is not null && string.Equals(o.ContractId, contract.Id, StringComparison.OrdinalIgnoreCase)))
            throw new ProjectXValidationException(ValidationReason.InvalidArgument,
                $"The {contract.Name} position has the gateway's own bracket legs (Auto OCO); a second pair could exit it twice. Move those legs with Set-PxOrder (ModifyOrderAsync) instead. Nothing was sent.",
                nameof(request.Instrument));
        var stop = TicketRules.Align(request.StopPrice, contract, request.Rounding, nameof(request.StopPrice))
            ?? FromTicks(request.StopTicks, ProtectionRole.StopLoss, position, contract);
        var target = TicketRules.Align(request.TargetPrice, contract, request.Rounding, nameof(request.TargetPrice))
            ?? FromTicks(request.TargetTicks, ProtectionRole.TakeProfit, position, contract);

        if (!_plans.TryGetValue(contract.Id, out var plan) || plan.Direction != position.Type || plan.Abandoned)
            plan = new ProtectionPlan(contract.Id, ProtectionTags.NewGroup()) { Direction = position.Type };
        var isLong = position.Type == PositionType.Long;
        if ((stop ?? plan.StopPrice) is { } s && (target ?? plan.TargetPrice) is { } t && (isLong ? s >= t : s <= t))
            throw new ProjectXValidationException(ValidationReason.InvalidPrice, string.Create(CultureInfo.InvariantCulture,
                $"For a {position.Type} position the stop ({TickMath.Normalize(s)}) must be {(isLong ? "below" : "above")} the target ({TickMath.Normalize(t)}). Nothing was sent."),
                stop is null ? nameof(request.TargetPrice) : nameof(request.StopPrice));

        if (stop is { } newStop)
        {
            plan.StopPrice ??= newStop;
            plan.StopMove = newStop;
        }
        if (target is { } newTarget)
        {
            plan.TargetPrice ??= newTarget;
            plan.TargetMove = newTarget;
        }
        _plans[contract.Id] = plan;
        Volatile.Write(ref _active, 1);
        await PassAsync(cancellationToken).ConfigureAwait(false);
        return _plans.TryGetValue(contract.Id, out var now)
            ? now.Snapshot()
            : throw new ProjectXException($"The {contract.Name} position could not be protected; see the manager's events. It may have been closed.");
    }

    /// <summary>The rules that need no gateway: something to do, one way per leg, distances of at least one tick.</summary>
    private static void CheckShape(ProtectionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Instrument))
            throw new ProjectXValidationException(ValidationReason.MissingInstrument, "Name the instrument of the position to protect. Nothing was sent.", nameof(request.Instrument));
        if (request.StopPrice is null && request.StopTicks is null && request.TargetPrice is null && request.TargetTicks is null)
            throw new ProjectXValidationException(ValidationReason.NothingToModify, "Give a stop (price or ticks) or a target (price or ticks). Nothing was sent.", nameof(request.StopPrice));
        if (request.StopPrice is not null && request.StopTicks is not null)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "Give the stop as a price or as ticks, not both. Nothing was sent.", nameof(request.StopTicks));
        if (request.TargetPrice is not null && request.TargetTicks is not null)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, "Give the target as a price or as ticks, not both. Nothing was sent.", nameof(request.TargetTicks));
        TicketRules.CheckTicks(request.StopTicks, "stop", nameof(request.StopTicks));
        TicketRules.CheckTicks(request.TargetTicks, "target", nameof(request.TargetTicks));
    }
}
