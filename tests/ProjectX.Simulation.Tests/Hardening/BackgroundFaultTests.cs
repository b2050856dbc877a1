using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Market;
using ProjectX.Simulation.Realtime;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>Issue 12, defect 1 (third cause): the feed timer caught three exception types; any other killed the process.</summary>
public sealed class BackgroundFaultTests : IDisposable
{
    private readonly ScriptedMarket _scripted = new();
    private readonly FaultyMarket _market;
    private readonly SimulatedGateway _gateway;

    public BackgroundFaultTests()
    {
        _market = new FaultyMarket(_scripted);
        _gateway = new SimulatedGateway(new SimulatorOptions(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ExchangeHarness.Start), _scripted, _market);
    }

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task A_feed_tick_that_throws_is_counted_and_the_feed_carries_on()
    {
        var login = await _gateway.HandleAsync(GatewayHttpRequest.Post("/api/Auth/loginKey", $$"""{"userName":"demo","apiKey":"{{SimulatorOptions.DemoApiKey}}"}"""));
        using var body = System.Text.Json.JsonDocument.Parse(login.Body);
        var token = body.RootElement.GetProperty("token").GetString();
        var connection = _gateway.Realtime.Connect(HubKind.Market, token, new NullSink())!;
        _gateway.Realtime.Invoke(connection, HubProtocol.Quotes.Subscribe.Name, [ExchangeHarness.Mnq]);

        _market.Fault = new OverflowException("Value was either too large or too small for an Int32.");
        _gateway.Realtime.PublishMarketNow();
        _market.Fault = null;
        _gateway.Realtime.PublishMarketNow();

        Assert.Equal(1, _gateway.Diagnostics.BackgroundFaults);
        Assert.False(connection.IsAborted);
    }

    /// <summary>The scripted market, which throws <see cref="Fault"/> from every snapshot while it is set.</summary>
    private sealed class FaultyMarket(IMarketData inner) : IMarketData
    {
        public Exception? Fault { get; set; }

        public MarketSnapshot GetSnapshot(string contractId, DateTimeOffset at) => Fault is { } fault ? throw fault : inner.GetSnapshot(contractId, at);

        public IEnumerable<SecondBar> GetSeconds(string contractId, DateTimeOffset fromExclusive, DateTimeOffset toInclusive) =>
            inner.GetSeconds(contractId, fromExclusive, toInclusive);

        public RetrieveBarResponse RetrieveBars(RetrieveBarRequest request, DateTimeOffset now) => inner.RetrieveBars(request, now);
    }

    private sealed class NullSink : IRealtimeSink
    {
        public ValueTask SendAsync(string target, object?[] arguments, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CloseAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public void Abort()
        {
        }
    }
}
