using Microsoft.Extensions.Logging;
using ProjectX.Client.Gateway;
using ProjectX.Client.Tests.Support;
using ProjectX.Simulation;

namespace ProjectX.Client.Tests.Wire;

/// <summary>No token or key in any exception message, ToString or event.</summary>
public sealed class SecretHygieneTests
{
    [Fact]
    public async Task No_exception_or_string_form_contains_the_token_or_the_key()
    {
        await using var server = await Sim.StartAsync();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var client = await Sim.ConnectAsync(server, o => o.LoggerFactory = loggerFactory);
        var token = await client.GetAccessTokenAsync();
        var texts = new List<string>();
        var log = CallLog.Attach(client);

        async Task Capture(Func<Task> action)
        {
            var error = await Assert.ThrowsAnyAsync<ProjectXException>(action);
            texts.Add(error.ToString());
            texts.Add(error.Message);
        }

        await Capture(() => Sim.ConnectAsync(server, o => o.ApiKey = "wrong-" + SimulatorOptions.DemoApiKey));
        await Capture(() => client.GetInstrumentAsync("NOSUCH"));
        await Capture(() => client.GetPositionsAsync(accountId: 4242));
        await Capture(() => client.PlaceOrderAsync(new OrderTicket { Instrument = "MNQ", AccountId = Sim.PositionBracketsAccount, Side = OrderSide.Ask, StopLossTicks = 4 }));
        await Capture(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 0));
        server.Gateway.Faults.DropResponses("Order/place");
        await Capture(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        server.Gateway.Faults.Throttle("Order/place", 1, TimeSpan.FromSeconds(2));
        await Capture(() => client.PlaceMarketOrderAsync("MNQ", OrderSide.Bid, 1));
        await Capture(() => client.Gateway.QueryOrdersAsync(new SearchOrdersQueryRequest()));
        server.Gateway.Faults.FailWithServerError("Account/search", 1);
        await client.GetAccountsAsync();

        texts.Add(client.ToString());
        texts.Add(Sim.Options(server).ToString());
        texts.Add(client.RateLimitStatus.ToString());
        texts.AddRange(log.All.Select(c => c.ToString()));
        texts.Add(new LoginApiKeyRequest { UserName = "demo", ApiKey = SimulatorOptions.DemoApiKey }.ToString());

        Assert.Contains(logs.Lines, l => l.Contains("Order/place", StringComparison.Ordinal) && l.Contains("outcome unknown", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Account/search failed transiently", StringComparison.Ordinal));
        texts.AddRange(logs.Lines);

        Assert.True(texts.Count > 20);
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SimulatorOptions.DemoApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        });
    }
}
