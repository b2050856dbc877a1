using ProjectX.Client.Gateway;

namespace ProjectX.PowerShell.Models;

/// <summary>One OHLCV bar (PSTypeName <c>ProjectX.Bar</c>). <see cref="Time"/> is the bar's open time, UTC.</summary>
public sealed class PxBar
{
    public const string PSTypeName = "ProjectX.Bar";

    public string Symbol { get; init; } = "";
    public string ContractId { get; init; } = "";
    /// <summary>The bar size in the module's timeframe grammar, e.g. <c>5min</c>.</summary>
    public string Timeframe { get; init; } = "";
    public DateTimeOffset Time { get; init; }
    public decimal Open { get; init; }
    public decimal High { get; init; }
    public decimal Low { get; init; }
    public decimal Close { get; init; }
    public long Volume { get; init; }
    /// <summary>The instrument's tick size (0 when unknown): the views show prices to its decimals.</summary>
    public decimal TickSize { get; init; }

    internal static PxBar From(AggregateBarModel bar, string symbol, string contractId, string timeframe, decimal tickSize) => new()
    {
        TickSize = PxInstrument.Normalize(tickSize),
        Symbol = symbol,
        ContractId = contractId,
        Timeframe = timeframe,
        Time = bar.T.ToUniversalTime(),
        Open = PxInstrument.Normalize(bar.O),
        High = PxInstrument.Normalize(bar.H),
        Low = PxInstrument.Normalize(bar.L),
        Close = PxInstrument.Normalize(bar.C),
        Volume = bar.V,
    };

    internal static PxBar From(ProjectX.Client.State.Bar bar, string symbol, string contractId, string timeframe, decimal tickSize) => new()
    {
        TickSize = PxInstrument.Normalize(tickSize),
        Symbol = symbol,
        ContractId = contractId,
        Timeframe = timeframe,
        Time = bar.Start.ToUniversalTime(),
        Open = PxInstrument.Normalize(bar.Open),
        High = PxInstrument.Normalize(bar.High),
        Low = PxInstrument.Normalize(bar.Low),
        Close = PxInstrument.Normalize(bar.Close),
        Volume = bar.Volume,
    };

    public override string ToString() => $"{Symbol} {Timeframe} {Time:u} O {Open} H {High} L {Low} C {Close} V {Volume}";
}
