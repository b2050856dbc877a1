using ProjectX.Client.Gateway;

namespace ProjectX.Client;

/// <summary>
/// What bars to fetch. Give the instrument (symbol, contract id or <see cref="Contract"/>), the bar size
/// (<see cref="Unit"/> × <see cref="UnitNumber"/>) and the range: <see cref="Start"/>/<see cref="End"/>, or
/// <see cref="Days"/> back from <see cref="End"/> (default now), optionally capped to the most recent
/// <see cref="Count"/> bars. With only <see cref="Count"/>, the client looks back far enough for that many bars.
/// </summary>
public sealed class BarsRequest
{
    public BarsRequest() { }

    public BarsRequest(string instrument, AggregateBarUnit unit = AggregateBarUnit.Minute, int unitNumber = 1)
    {
        Instrument = instrument;
        Unit = unit;
        UnitNumber = unitNumber;
    }

    /// <summary>Symbol (<c>NQ</c>, <c>MNQZ6</c>) or contract id; ignored when <see cref="Contract"/> is set.</summary>
    public string? Instrument { get; set; }
    public ContractModel? Contract { get; set; }
    public AggregateBarUnit Unit { get; set; } = AggregateBarUnit.Minute;
    public int UnitNumber { get; set; } = 1;
    public DateTimeOffset? Start { get; set; }
    /// <summary>Default: now.</summary>
    public DateTimeOffset? End { get; set; }
    public int? Days { get; set; }
    /// <summary>Keep only the most recent <see cref="Count"/> bars.</summary>
    public int? Count { get; set; }
    public bool IncludePartialBar { get; set; }
    /// <summary>Live data needs a live-data subscription; practice accounts use false.</summary>
    public bool Live { get; set; }

    /// <summary>
    /// Stitch the product's contract months into one series at each roll (<see cref="Continuous.RollRules"/>). With a
    /// <see cref="Contract"/> (or a contract id or name), the series ends in that contract; with a symbol, in the month
    /// the roll rule holds at <see cref="End"/>.
    /// </summary>
    public bool Continuous { get; set; }

    /// <summary>How a continuous series removes the gap at each roll (default: none).</summary>
    public Continuous.BackAdjustment Adjustment { get; set; }

    /// <summary>
    /// Null (default): the gateway's bars as it sends them (its day bars are not on the trade date). <see cref="Sessions.BarSession.Eth"/>
    /// or <see cref="Sessions.BarSession.Rth"/>: intraday bars of that session only, and day, week and month bars built on the CME
    /// trade date from intraday bars (see <see cref="Sessions.TradeDateBars"/>). Needs a product the trading calendar covers.
    /// </summary>
    public Sessions.BarSession? Session { get; set; }
}
