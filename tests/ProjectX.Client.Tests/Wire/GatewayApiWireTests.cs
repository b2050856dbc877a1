using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;

namespace ProjectX.Client.Tests.Wire;

/// <summary>Every one of the 21 operations through the low-level <see cref="GatewayApi"/>, over a real socket.</summary>
public sealed class GatewayApiWireTests
{
    [Fact]
    public async Task Auth_operations_login_validate_ping_logout()
    {
        await using var server = await Sim.StartAsync();
        await using var client = new ProjectXClient(Sim.Options(server));
        var gateway = client.Gateway;

        var login = await gateway.LoginKeyAsync(new LoginApiKeyRequest { UserName = SimulatorOptions.DemoUserName, ApiKey = SimulatorOptions.DemoApiKey });
        Assert.True(login.Success);
        Assert.False(string.IsNullOrEmpty(login.Token));

        var app = await Assert.ThrowsAsync<ProjectXAuthenticationException>(() => gateway.LoginAppAsync(new LoginAppRequest { UserName = "demo", Password = "p", DeviceId = "d", AppId = "a", VerifyKey = "v" }));
        Assert.Equal("Auth/loginApp", app.Operation);
        Assert.Equal(nameof(LoginErrorCode.AppNotFound), app.ErrorCodeName);

        var validate = await gateway.ValidateAsync();
        Assert.True(validate.Success);
        Assert.False(string.IsNullOrEmpty(validate.NewToken));
        Assert.True(client.IsAuthenticated);

        Assert.Equal("pong", await gateway.PingAsync());

        var logout = await gateway.LogoutAsync();
        Assert.True(logout.Success);
        Assert.False(client.IsAuthenticated);
        // The next read logs in again by itself.
        Assert.NotEmpty((await gateway.SearchAccountsAsync(new SearchAccountRequest { OnlyActiveAccounts = true })).Accounts!);
    }

    [Fact]
    public async Task Reference_data_operations()
    {
        await using var server = await Sim.StartAsync();
        await using var client = new ProjectXClient(Sim.Options(server));
        var gateway = client.Gateway;

        var accounts = await gateway.SearchAccountsAsync(new SearchAccountRequest { OnlyActiveAccounts = false });
        Assert.Contains(accounts.Accounts!, a => a.Id == Sim.MainAccount);

        var search = await gateway.SearchContractsAsync(new SearchContractRequest { SearchText = "MNQ", Live = false });
        var mnq = Assert.Single(search.Contracts!, c => c.ActiveContract && c.SymbolId == "F.US.MNQ");
        Assert.Equal(0.25m, mnq.TickSize);

        var byId = await gateway.SearchContractByIdAsync(new SearchContractByIdRequest { ContractId = mnq.Id });
        Assert.Equal(mnq.Name, byId.Contract!.Name);

        var available = await gateway.AvailableContractsAsync(new ListAvailableContractRequest { Live = false });
        Assert.Contains(available.Contracts!, c => c.Id == mnq.Id);

        var end = server.Gateway.Time.GetUtcNow();
        var bars = await gateway.RetrieveBarsAsync(new RetrieveBarRequest
        {
            ContractId = mnq.Id, StartTime = end.AddHours(-2), EndTime = end, Unit = AggregateBarUnit.Minute, UnitNumber = 5, Limit = 10,
        });
        Assert.InRange(bars.Bars!.Count, 1, 10);
    }

    [Fact]
    public async Task Order_position_and_trade_operations()
    {
        await using var server = await Sim.StartAsync();
        await using var client = new ProjectXClient(Sim.Options(server));
        var gateway = client.Gateway;
        var mnq = Sim.ActiveContract(server, "MNQ");
        var start = server.Gateway.Time.GetUtcNow().AddMinutes(-1);
        var last = Sim.LastPrice(server, mnq.Id);

        // A resting limit far below the market: placed, found, modified, cancelled.
        var place = await gateway.PlaceOrderAsync(new PlaceOrderRequest
        {
            AccountId = Sim.MainAccount, ContractId = mnq.Id, Type = OrderType.Limit, Side = OrderSide.Bid, Size = 1, LimitPrice = last - 500m,
        });
        var orderId = place.OrderId!.Value;
        var resting = Assert.Single(Sim.OrdersOnServer(server), o => o.Id == orderId);
        Assert.StartsWith(CustomTags.Prefix, resting.CustomTag, StringComparison.Ordinal); // generated tag

        var open = await gateway.SearchOpenOrdersAsync(new SearchOpenOrderRequest { AccountId = Sim.MainAccount });
        Assert.Contains(open.Orders!, o => o.Id == orderId);
        var one = await gateway.SearchOrderByIdAsync(new SearchOrderByIdRequest { AccountId = Sim.MainAccount, OrderId = orderId });
        Assert.Equal(OrderStatus.Open, one.Order!.Status);
        var query = await gateway.QueryOrdersAsync(new SearchOrdersQueryRequest { Filter = new GatewayOrderFilter { AccountId = Sim.MainAccount }, PageSize = 10, PageOffset = 0, IncludeTotalCount = true });
        Assert.Contains(query.Orders!, o => o.Id == orderId);

        await gateway.ModifyOrderAsync(new ModifyOrderRequest { AccountId = Sim.MainAccount, OrderId = orderId, LimitPrice = last - 400m });
        Assert.Equal(last - 400m, server.Gateway.Exchange.GetOrder(orderId)!.LimitPrice);
        await gateway.CancelOrderAsync(new CancelOrderRequest { AccountId = Sim.MainAccount, OrderId = orderId });
        Assert.Equal(OrderStatus.Cancelled, server.Gateway.Exchange.GetOrder(orderId)!.Status);

        // A market buy of 3: a position, partially then fully closed; fills show up as trades.
        await gateway.PlaceOrderAsync(new PlaceOrderRequest { AccountId = Sim.MainAccount, ContractId = mnq.Id, Type = OrderType.Market, Side = OrderSide.Bid, Size = 3 });
        var positions = await gateway.SearchPositionsAsync(new SearchPositionRequest { AccountId = Sim.MainAccount });
        Assert.Equal(3, Assert.Single(positions.Positions!, p => p.ContractId == mnq.Id).Size);
        await gateway.PartialClosePositionAsync(new PartialCloseContractPositionRequest { AccountId = Sim.MainAccount, ContractId = mnq.Id, Size = 1 });
        Assert.Equal(2, Assert.Single(Sim.PositionsOnServer(server), p => p.ContractId == mnq.Id).Size);
        await gateway.ClosePositionAsync(new CloseContractPositionRequest { AccountId = Sim.MainAccount, ContractId = mnq.Id });
        Assert.DoesNotContain(Sim.PositionsOnServer(server), p => p.ContractId == mnq.Id && p.Size > 0);

        var orders = await gateway.SearchOrdersAsync(new SearchOrderRequest { AccountId = Sim.MainAccount, StartTimestamp = start });
        Assert.True(orders.Orders!.Count >= 4);
        var trades = await gateway.SearchTradesAsync(new SearchTradeRequest { AccountId = Sim.MainAccount, StartTimestamp = start });
        Assert.True(trades.Trades!.Count >= 3);
        Assert.Contains(trades.Trades!, t => t.ProfitAndLoss is null);
        Assert.Contains(trades.Trades!, t => t.ProfitAndLoss is not null);
    }

    [Fact]
    public async Task A_400_problem_details_becomes_a_ProjectXException_with_the_detail()
    {
        await using var server = await Sim.StartAsync();
        await using var client = new ProjectXClient(Sim.Options(server));
        var error = await Assert.ThrowsAsync<ProjectXException>(() => client.Gateway.QueryOrdersAsync(new SearchOrdersQueryRequest { PageSize = 10 }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Order/v2/query", error.Operation);
        Assert.Contains("filter", error.GatewayMessage, StringComparison.Ordinal);
        Assert.Contains("filter", error.Message, StringComparison.Ordinal);
    }
}
