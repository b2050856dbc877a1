using ProjectX.Client.Gateway;

namespace ProjectX.Client.Journal;

/// <summary>
/// One trade from flat to flat in one contract of one account (a reversal closes one round trip and opens the next).
/// Prices are size-weighted averages of the entry and exit fills; money is in the account's currency, from the contract's
/// tick size and tick value. <see cref="Id"/> is the gateway trade id of the first entry fill.
/// </summary>
public sealed record RoundTrip
{
    public required long Id { get; init; }
    public required int AccountId { get; init; }
    public required string ContractId { get; init; }
    /// <summary>The contract name (<c>MNQZ6</c>).</summary>
    public required string Contract { get; init; }
    /// <summary>The root symbol (<c>MNQ</c>).</summary>
    public required string Symbol { get; init; }
    public required PositionType Direction { get; init; }
    /// <summary>Contracts bought (long) or sold (short) to open, scale-ins included; the same number closed it.</summary>
    public required int Size { get; init; }
    /// <summary>The largest position held during the trade.</summary>
    public required int MaxPosition { get; init; }
    public required DateTimeOffset EntryTime { get; init; }
    public required DateTimeOffset ExitTime { get; init; }
    public required decimal EntryPrice { get; init; }
    public required decimal ExitPrice { get; init; }
    /// <summary>Realized PnL before costs: each exit fill matched FIFO against the open lots.</summary>
    public required decimal GrossPnl { get; init; }
    /// <summary>Fees and commissions of the trade's fills (a reversal fill's cost is shared by size between the two trades).</summary>
    public required decimal Fees { get; init; }
    public decimal NetPnl => GrossPnl - Fees;
    public TimeSpan Duration => ExitTime - EntryTime;
    /// <summary>The CME trading day the trade closed on (TradingCalendar.TradingDayOf the exit), not the UTC date.</summary>
    public required DateOnly TradingDay { get; init; }
    /// <summary>Maximum adverse excursion in money (≥ 0): how far the trade went against the entry price at worst.</summary>
    public decimal? Mae { get; init; }
    /// <summary>Maximum favourable excursion in money (≥ 0).</summary>
    public decimal? Mfe { get; init; }
    public ExcursionSource ExcursionSource { get; init; }
    /// <summary>The stop price of the protective order placed with the entry (a bracket's stop leg or a separate stop), when known.</summary>
    public decimal? InitialStop { get; init; }
    /// <summary>Net PnL divided by the initial risk (|entry − stop| in money × size), when the stop is known.</summary>
    public decimal? RMultiple { get; init; }
    /// <summary>The customTag of the order that opened the trade.</summary>
    public string? EntryTag { get; init; }
    /// <summary>The customTag of the order that closed it (bracket legs carry none).</summary>
    public string? ExitTag { get; init; }
    /// <summary>The strategy label statistics group by: <see cref="TradeTags.Label"/> of the entry tag.</summary>
    public string? Tag { get; init; }
    public required long EntryOrderId { get; init; }
    /// <summary>The sum of the gateway's profitAndLoss on the closing fills, when every one carried it (see <see cref="PnlCheck"/>).</summary>
    public decimal? GatewayPnl { get; init; }
    public PnlCheck PnlCheck { get; init; }
    public required IReadOnlyList<RoundTripFill> Fills { get; init; }
}

/// <summary>
/// A fill's part in a round trip: <see cref="Quantity"/> of it opened (entry) or closed (exit) the trade. On an exit,
/// <see cref="RealizedPnl"/> is the FIFO PnL of the lots it closed, <see cref="AverageCostPnl"/> the same exit priced
/// against the average entry of the open lots (the gateway's rule, rounded to the cent), and <see cref="ReportedPnl"/>
/// the gateway's profitAndLoss for the fill, which must equal <see cref="AverageCostPnl"/>.
/// </summary>
public sealed record RoundTripFill(long TradeId, RoundTripRole Role, int Quantity, decimal Price, DateTimeOffset Timestamp)
{
    public decimal? RealizedPnl { get; init; }
    public decimal? AverageCostPnl { get; init; }
    public decimal? ReportedPnl { get; init; }
}

public enum RoundTripRole { Entry = 0, Exit = 1 }
