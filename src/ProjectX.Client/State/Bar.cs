using ProjectX.Client.Gateway;

namespace ProjectX.Client.State;

/// <summary>
/// One OHLCV bar starting at <see cref="Start"/> (UTC). A bar of a quiet period has <see cref="Volume"/> 0 and
/// carries the previous close in all four prices.
/// </summary>
public readonly record struct Bar(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume)
{
    public bool IsEmpty => Volume == 0;

    public static Bar From(AggregateBarModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Bar(model.T, model.O, model.H, model.L, model.C, model.V);
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Start:u} O {PriceText.Of(Open)} H {PriceText.Of(High)} L {PriceText.Of(Low)} C {PriceText.Of(Close)} V {Volume}");
}

/// <summary>A bar of <see cref="Timeframe"/> closed (its period ended). <see cref="ContractId"/> names the instrument.</summary>
public sealed class BarClosedEventArgs(string contractId, Timeframe timeframe, Bar bar) : EventArgs
{
    public string ContractId { get; } = contractId;
    public Timeframe Timeframe { get; } = timeframe;
    public Bar Bar { get; } = bar;

    public override string ToString() => $"{ContractId} {Timeframe} {Bar}";
}
