using System.Text;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;
using ProjectX.Client.Realtime;

namespace ProjectX.Benchmarks;

/// <summary>
/// A deterministic stream of market-hub messages (a random walk around 21,000 on a 0.25 tick) both as the JSON the
/// hub sends (the <c>data</c> argument) and as the typed events the realtime layer publishes.
/// </summary>
public sealed class MarketMessages
{
    public const string ContractId = "CON.F.US.MNQ.Z26";
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    public MarketMessages(int count, int seed = 42)
    {
        var rng = new Random(seed);
        Depth = new DepthEvent[count];
        Trades = new MarketTradeEvent[count];
        Quotes = new QuoteEvent[count];
        DepthJson = new byte[count][];
        TradeJson = new byte[count][];
        QuoteJson = new byte[count][];
        long ticks = 84_000; // 21,000.00
        long volume = 100_000;
        var time = Start;
        for (int i = 0; i < count; i++)
        {
            time = time.AddMilliseconds(rng.Next(1, 40)); // ~50 messages a second per kind: bars close often
            ticks += rng.Next(-1, 2);
            var rows = new GatewayDepthModel[rng.Next(1, 4)];
            for (int r = 0; r < rows.Length; r++)
            {
                bool bid = rng.Next(2) == 0;
                long levelTicks = bid ? ticks - rng.Next(0, 20) : ticks + 1 + rng.Next(0, 20);
                long size = rng.Next(5) == 0 ? 0 : rng.Next(1, 60);
                rows[r] = new GatewayDepthModel { Timestamp = time, Type = bid ? DomType.Bid : DomType.Ask, Price = levelTicks * 0.25m, Volume = size, CurrentVolume = size };
            }
            Depth[i] = new DepthEvent(ContractId, rows, time);
            DepthJson[i] = Json(rows, GatewayJsonContext.Default.GatewayDepthModelArray);

            int tradeSize = rng.Next(1, 6);
            volume += tradeSize;
            var trade = new[] { new GatewayTradeModel { SymbolId = "F.US.MNQ", Price = ticks * 0.25m, Timestamp = time, Type = rng.Next(2) == 0 ? TradeLogType.Buy : TradeLogType.Sell, Volume = tradeSize } };
            Trades[i] = new MarketTradeEvent(ContractId, trade, time);
            TradeJson[i] = Json(trade, GatewayJsonContext.Default.GatewayTradeModelArray);

            // Sparse like the gateway: a touch change, or a print (last + volume), never every member.
            var quote = (i % 3) switch
            {
                0 => new GatewayQuoteModel { Symbol = "F.US.MNQ", BestBid = (ticks - 1) * 0.25m, BestAsk = ticks * 0.25m, Timestamp = time },
                1 => new GatewayQuoteModel { Symbol = "F.US.MNQ", LastPrice = ticks * 0.25m, Volume = volume, Timestamp = time, LastUpdated = time },
                _ => new GatewayQuoteModel { Symbol = "F.US.MNQ", BestBid = (ticks - 1) * 0.25m, LastPrice = ticks * 0.25m, High = (ticks + 10) * 0.25m, Timestamp = time },
            };
            Quotes[i] = new QuoteEvent(ContractId, quote, time);
            QuoteJson[i] = Json(quote, GatewayJsonContext.Default.GatewayQuoteModel);
        }
    }

    public DepthEvent[] Depth { get; }
    public MarketTradeEvent[] Trades { get; }
    public QuoteEvent[] Quotes { get; }
    public byte[][] DepthJson { get; }
    public byte[][] TradeJson { get; }
    public byte[][] QuoteJson { get; }

    private static byte[] Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, info));
}
