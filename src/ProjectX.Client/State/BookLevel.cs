using ProjectX.Client.Gateway;

namespace ProjectX.Client.State;

/// <summary>One price level of the order book: the volume resting at <see cref="Price"/>.</summary>
public readonly record struct BookLevel(decimal Price, long Volume)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Volume} @ {PriceText.Of(Price)}");
}

/// <summary>A market trade print as the order book keeps it (aggressor side).</summary>
public readonly record struct MarketPrint(decimal Price, long Volume, TradeLogType Side, DateTimeOffset Timestamp)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Side} {Volume} @ {PriceText.Of(Price)} {Timestamp:HH:mm:ss.fff}");
}

/// <summary>How an <see cref="OrderBook"/> bounds its memory.</summary>
public sealed class OrderBookOptions
{
    /// <summary>Price levels kept per side; the levels farthest from the touch drop out first. Default 200.</summary>
    public int MaxLevelsPerSide { get; set; } = 200;

    /// <summary>Market prints kept for <see cref="OrderBook.RecentTrades"/>. Default 1,000.</summary>
    public int RecentTradeCapacity { get; set; } = 1_000;
}
