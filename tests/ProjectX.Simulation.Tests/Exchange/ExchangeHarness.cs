using Microsoft.Extensions.Time.Testing;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;

namespace ProjectX.Simulation.Tests.Exchange;

/// <summary>An engine on the scripted market and a fake clock, with the default demo configuration.</summary>
internal sealed class ExchangeHarness
{
    public const string User = SimulatorOptions.DemoUserName;
    public const int Account = 1001;
    public const int PositionBracketsAccount = 1003;
    public const int LockedAccount = 1004;
    public const int SecondUserAccount = 2001;
    public const string Mnq = ScriptedMarket.Mnq;

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    public ExchangeHarness(SimulatorOptions? options = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Exchange = new SimulatedExchange(Market, Market, options ?? new SimulatorOptions(), Time);
        Market.SetPrice(20000m);
    }

    public FakeTimeProvider Time { get; }
    public ScriptedMarket Market { get; } = new();
    public SimulatedExchange Exchange { get; }

    /// <summary>Scripts the second <paramref name="offsetSeconds"/> after the current time and lets the clock pass it.</summary>
    public void Trade(int offsetSeconds, decimal open, decimal high, decimal low, decimal close)
    {
        var at = Time.GetUtcNow().AddSeconds(offsetSeconds);
        Market.AddSecond(at, open, high, low, close);
        Market.SetPrice(close);
        Time.SetUtcNow(at.AddMilliseconds(500));
        Exchange.AdvanceToNow();
    }

    public PlaceOrderResponse Place(OrderType type, OrderSide side, int size = 1, decimal? limit = null, decimal? stop = null,
        decimal? trail = null, string? tag = null, int account = Account, string contract = Mnq,
        PlaceOrderBracket? stopLoss = null, PlaceOrderBracket? takeProfit = null, string user = User) =>
        Exchange.PlaceOrder(user, new PlaceOrderRequest
        {
            AccountId = account,
            ContractId = contract,
            Type = type,
            Side = side,
            Size = size,
            LimitPrice = limit,
            StopPrice = stop,
            TrailPrice = trail,
            CustomTag = tag,
            StopLossBracket = stopLoss,
            TakeProfitBracket = takeProfit,
        });

    public long PlaceOk(OrderType type, OrderSide side, int size = 1, decimal? limit = null, decimal? stop = null, decimal? trail = null,
        PlaceOrderBracket? stopLoss = null, PlaceOrderBracket? takeProfit = null, string? tag = null)
    {
        var response = Place(type, side, size, limit, stop, trail, tag, stopLoss: stopLoss, takeProfit: takeProfit);
        Assert.True(response.Success, $"{response.ErrorCode}: {response.ErrorMessage}");
        return response.OrderId!.Value;
    }

    public OrderModel Order(long id) => Exchange.GetOrder(id) ?? throw new InvalidOperationException($"No order {id}.");

    public PositionModel? Position(int account = Account) => Exchange.GetPositions(account).SingleOrDefault();

    public decimal Balance(int account = Account) => Exchange.GetAccount(account)!.Balance;
}
