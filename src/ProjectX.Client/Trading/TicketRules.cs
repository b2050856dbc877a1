using System.Globalization;
using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>
/// The client's order rules, in one place: what a ticket or a modification must satisfy before anything is sent.
/// Messages name the value in plain words (a C# caller and a cmdlet user read the same text); the
/// <see cref="ValidationReason"/> carries the rule for code.
/// </summary>
internal static class TicketRules
{
    public static void CheckShape(OrderTicket ticket)
    {
        CheckSize(ticket.Size, "order");
        if (ticket.CustomTag is { Length: > CustomTags.MaxLength })
            throw Invalid(ValidationReason.InvalidTag, $"The tag is longer than {CustomTags.MaxLength} characters.", nameof(ticket.CustomTag));
        if (ticket.Side is not (OrderSide.Bid or OrderSide.Ask))
            throw Invalid(ValidationReason.InvalidSide, $"The side must be Bid (buy) or Ask (sell), not {ticket.Side}.", nameof(ticket.Side));
        switch (ticket.Type)
        {
            case OrderType.Limit when ticket.LimitPrice is null:
                throw Invalid(ValidationReason.MissingPrice, "A limit order needs a limit price.", nameof(ticket.LimitPrice));
            case OrderType.Stop when ticket.StopPrice is null:
                throw Invalid(ValidationReason.MissingPrice, "A stop order needs a stop price.", nameof(ticket.StopPrice));
            case OrderType.StopLimit when ticket.StopPrice is null || ticket.LimitPrice is null:
                throw Invalid(ValidationReason.MissingPrice, "A stop-limit order needs a stop price and a limit price.", ticket.StopPrice is null ? nameof(ticket.StopPrice) : nameof(ticket.LimitPrice));
            case OrderType.TrailingStop when ticket.TrailPrice is null:
                throw Invalid(ValidationReason.MissingPrice, "A trailing stop needs a trail price: the absolute level the trail starts from.", nameof(ticket.TrailPrice));
            case not (OrderType.Limit or OrderType.Market or OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop or OrderType.JoinBid or OrderType.JoinAsk):
                throw Invalid(ValidationReason.InvalidOrderType, $"Choose an order type (Market, Limit, Stop, StopLimit, TrailingStop, JoinBid or JoinAsk), not {ticket.Type}.", nameof(ticket.Type));
        }
        CheckTicks(ticket.StopLossTicks, "stop-loss", nameof(ticket.StopLossTicks));
        CheckTicks(ticket.TakeProfitTicks, "take-profit", nameof(ticket.TakeProfitTicks));
    }

    public static void CheckModification(OrderModification modification)
    {
        if (modification.Size is { } size)
            CheckSize(size, "order", "cancel the order instead of sizing it to zero");
        if (modification.Size is null && modification.LimitPrice is null && modification.StopPrice is null && modification.TrailPrice is null)
            throw Invalid(ValidationReason.NothingToModify, "Nothing to modify: give a new size, limit price, stop price or trail price.", nameof(modification));
    }

    /// <summary>At least one contract.</summary>
    public static void CheckSize(int size, string what, string? instead = null, string parameter = "Size")
    {
        if (size <= 0)
            throw Invalid(ValidationReason.InvalidSize, $"The {what} size must be at least 1 (got {size}){(instead is null ? "" : "; " + instead)}.", parameter);
    }

    public static void CheckTicks(int? ticks, string what, string parameter)
    {
        if (ticks is <= 0)
            throw Invalid(ValidationReason.InvalidTicks, $"The {what} distance is a number of ticks, at least 1 (got {ticks}); it is signed for the side for you.", parameter);
    }

    /// <summary>The price on the contract's tick: unchanged when it is, rounded as asked, or refused.</summary>
    public static decimal? Align(decimal? price, ContractModel contract, PriceRounding rounding, string parameter)
    {
        if (price is not { } p)
            return null;
        var words = Words(parameter);
        if (p <= 0)
            throw Invalid(ValidationReason.InvalidPrice, $"The {words} must be positive (got {OrderDescription.Price(p)}).", parameter);
        if (TickMath.IsAligned(p, contract.TickSize))
            return p;
        if (rounding == PriceRounding.None)
            throw Invalid(ValidationReason.PriceNotOnTick,
                $"The {words} {OrderDescription.Price(p)} is not on {contract.Name}'s tick of {OrderDescription.Price(contract.TickSize)}. Use a multiple of the tick, or round it (Nearest, Up or Down).",
                parameter);
        return TickMath.Round(p, contract.TickSize, rounding);
    }

    private static ProjectXValidationException Invalid(ValidationReason reason, string message, string parameter) =>
        new(reason, message + " Nothing was sent.", parameter);

    // LimitPrice → "limit price".
    private static string Words(string parameter) =>
        string.Concat(parameter.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString(CultureInfo.InvariantCulture)));
}
