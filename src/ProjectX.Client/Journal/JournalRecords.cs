using ProjectX.Client.Gateway;

namespace ProjectX.Client.Journal;

/// <summary>
/// One fill as the journal keeps it: a gateway half-trade (Trade/search). <see cref="TradeId"/> is the gateway's trade id,
/// the key that makes importing the same fills twice change nothing.
/// </summary>
public sealed record JournalFill(
    long TradeId,
    int AccountId,
    string ContractId,
    DateTimeOffset Timestamp,
    OrderSide Side,
    int Size,
    decimal Price,
    decimal Fees,
    decimal? Commissions,
    decimal? ProfitAndLoss,
    long OrderId,
    bool Voided)
{
    /// <summary>What the fill cost: fees plus commissions where the gateway reports them apart.</summary>
    public decimal Cost => Fees + (Commissions ?? 0m);

    public static JournalFill From(HalfTradeModel trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return new(trade.Id, trade.AccountId, trade.ContractId, trade.CreationTimestamp.ToUniversalTime(), trade.Side, trade.Size,
            trade.Price, trade.Fees, trade.Commissions, trade.ProfitAndLoss, trade.OrderId, trade.Voided);
    }
}

/// <summary>What the journal needs of an order: its tag, and the stop of a protective order (for the R multiple).</summary>
public sealed record JournalOrder(
    long OrderId,
    int AccountId,
    string ContractId,
    DateTimeOffset Created,
    OrderType Type,
    OrderSide Side,
    int Size,
    decimal? StopPrice,
    decimal? LimitPrice,
    string? CustomTag,
    long? ParentOrderId,
    OrderStatus Status)
{
    public static JournalOrder From(OrderModel order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id, order.AccountId, order.ContractId, order.CreationTimestamp.ToUniversalTime(), order.Type, order.Side, order.Size,
            order.StopPrice, order.LimitPrice, order.CustomTag, order.ParentOrderId, order.Status);
    }

    /// <summary>Orders whose <see cref="StopPrice"/> is where a position is given up: the loss limit an R multiple is measured by.</summary>
    public bool IsStop => Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop && StopPrice is not null;
}

/// <summary>The contract facts PnL needs: money per tick.</summary>
public sealed record JournalContract(string ContractId, string Name, string SymbolId, decimal TickSize, decimal TickValue)
{
    /// <summary>The root symbol traders use (<c>MNQ</c> for <c>MNQZ6</c>), or the contract name when it does not parse.</summary>
    public string Symbol => Instruments.ContractNames.SymbolOf(Name) ?? Name;

    /// <summary>Money for a price difference on one contract: ticks × tick value (exact in decimal).</summary>
    public decimal MoneyOf(decimal priceDifference) => priceDifference / TickSize * TickValue;

    public static JournalContract From(ContractModel contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new(contract.Id, contract.Name, contract.SymbolId, contract.TickSize, contract.TickValue);
    }
}

/// <summary>
/// The price range a contract traded in while a position was open: the lowest and highest price seen, from live
/// quotes (<see cref="ExcursionSource.Quotes"/>) or from bars afterwards (<see cref="ExcursionSource.Bars"/>).
/// </summary>
public sealed record PriceExcursion(int AccountId, string ContractId, DateTimeOffset From, DateTimeOffset Until, decimal Low, decimal High, ExcursionSource Source);

/// <summary>Where a round trip's MAE and MFE came from.</summary>
public enum ExcursionSource
{
    /// <summary>Not known: no quotes were recorded and no bars were read.</summary>
    None = 0,
    /// <summary>Live quotes recorded while the position was open (exact to the quotes seen).</summary>
    Quotes = 1,
    /// <summary>One-minute bars over the trade's span afterwards (the first and last bar may include prices from just before entry or after exit).</summary>
    Bars = 2,
}

/// <summary>How the journal's PnL compares with the PnL the gateway reported on the round trip's closing fills.</summary>
public enum PnlCheck
{
    /// <summary>Some closing fill carried no profitAndLoss, so there is nothing to compare.</summary>
    NotReported = 0,
    /// <summary>Equal (to the cent the gateway rounds each fill to).</summary>
    Matches = 1,
    /// <summary>Different: the fills, the contract's tick value, or the gateway disagree.</summary>
    Differs = 2,
}
