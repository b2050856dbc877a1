using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using ProjectX.Client.Realtime;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Realtime.InProcess;

namespace ProjectX.Simulation.Tests.Realtime;

/// <summary>The in-memory transport's raw bytes: the same JSON hub protocol framing a socket carries.</summary>
public sealed class InProcessWireTests
{
    [Fact]
    public async Task Handshake_completion_and_events_are_json_hub_protocol_records()
    {
        await using var fx = new RealtimeFixture();
        var token = await fx.LoginAsync();
        var factory = new InMemoryHubTransport(fx.Gateway.Realtime)
            .CreateConnectionFactory(HubKind.Market, SimulatedGateway.InProcessMarketHubUrl, _ => ValueTask.FromResult(token));
        var connection = await factory.ConnectAsync(new UriEndPoint(SimulatedGateway.InProcessMarketHubUrl));
        var reader = new RecordReader(connection.Transport.Input);

        await WriteAsync(connection, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", await reader.NextAsync());
        await WriteAsync(connection, $$"""{"type":1,"invocationId":"7","target":"SubscribeContractMarketDepth","arguments":["{{fx.Mnq}}"]}""");
        var records = new List<JsonElement> { Parse(await reader.NextAsync()), Parse(await reader.NextAsync()) };
        Assert.Equal("""{"type":3,"invocationId":"7","result":null}""", records.Single(r => r.GetProperty("type").GetInt32() == 3).GetRawText());
        var depth = records.Single(r => r.GetProperty("type").GetInt32() == 1);
        Assert.Equal("GatewayDepth", depth.GetProperty("target").GetString());
        Assert.Equal(fx.Mnq, depth.GetProperty("arguments")[0].GetString());
        Assert.Equal(6, depth.GetProperty("arguments")[1][0].GetProperty("type").GetInt32());

        await WriteAsync(connection, $$"""{"type":1,"invocationId":"8","target":"SubscribeContractQuotes","arguments":["{{fx.Mnq}}","extra"]}""");
        JsonElement error;
        do error = Parse(await reader.NextAsync()); while (error.GetProperty("type").GetInt32() != 3);
        Assert.Equal("8", error.GetProperty("invocationId").GetString());
        Assert.StartsWith("Failed to invoke 'SubscribeContractQuotes'", error.GetProperty("error").GetString(), StringComparison.Ordinal);

        // A client that hangs up is forgotten by the server.
        await connection.DisposeAsync();
        await Eventually.HoldsAsync(() => fx.Gateway.Realtime.ConnectionCount == 0, "the connection is released");
    }

    [Fact]
    public async Task A_bad_token_is_a_401_and_a_client_that_stops_reading_is_cut_off_as_a_slow_consumer()
    {
        await using var fx = new RealtimeFixture(o =>
        {
            o.Realtime.LoadMessagesPerSecond = 1_000_000;
            o.Realtime.MaxQueuedMessagesPerConnection = 1_000;
        });
        var forged = new InMemoryHubTransport(fx.Gateway.Realtime)
            .CreateConnectionFactory(HubKind.Market, SimulatedGateway.InProcessMarketHubUrl, _ => ValueTask.FromResult("forged"));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => forged.ConnectAsync(new UriEndPoint(SimulatedGateway.InProcessMarketHubUrl)).AsTask());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var token = await fx.LoginAsync();
        var factory = new InMemoryHubTransport(fx.Gateway.Realtime)
            .CreateConnectionFactory(HubKind.Market, SimulatedGateway.InProcessMarketHubUrl, _ => ValueTask.FromResult(token));
        var connection = await factory.ConnectAsync(new UriEndPoint(SimulatedGateway.InProcessMarketHubUrl));
        var reader = new RecordReader(connection.Transport.Input);
        await WriteAsync(connection, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", await reader.NextAsync());
        await WriteAsync(connection, $$"""{"type":1,"invocationId":"1","target":"SubscribeContractMarketDepth","arguments":["{{fx.Mnq}}"]}""");
        await Eventually.HoldsAsync(() => fx.Gateway.Realtime.GetDepthBook(fx.Mnq).Bids.Count > 0, "subscribed");

        // The client reads nothing more while the load floods: its pipe fills, its queue overflows, and it is aborted.
        for (var i = 0; i < 200 && fx.Gateway.Realtime.ConnectionCount > 0; i++)
        {
            fx.Fake.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }
        await Eventually.HoldsAsync(() => fx.Gateway.Realtime.ConnectionCount == 0, "the slow consumer was cut off");
        await connection.DisposeAsync();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task WriteAsync(ConnectionContext connection, string json)
    {
        await connection.Transport.Output.WriteAsync(Encoding.UTF8.GetBytes(json + "\u001e"));
    }

    /// <summary>Reads records terminated by 0x1E.</summary>
    private sealed class RecordReader(PipeReader input)
    {
        public async Task<string> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                if (buffer.PositionOf((byte)0x1e) is { } end)
                {
                    var text = Encoding.UTF8.GetString(buffer.Slice(0, end).ToArray());
                    input.AdvanceTo(buffer.GetPosition(1, end));
                    return text;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                Assert.False(result.IsCompleted, "the server closed the connection");
            }
        }
    }
}
