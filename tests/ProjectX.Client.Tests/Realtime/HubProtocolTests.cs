using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>The client's JSON hub protocol: tolerant payloads, malformed ones reported, GatewayLogout with any arguments.</summary>
public sealed class HubProtocolTests
{
    [Fact]
    public void A_quote_with_unknown_members_and_missing_fields_binds()
    {
        var (protocol, malformed) = Protocol();
        var message = Parse(protocol, """{"type":1,"target":"GatewayQuote","arguments":["CON.F.US.EP.Z26",{"symbol":"F.US.EP","lastPrice":"6000.25","bestBid":6000,"extra":[1,2],"timestamp":"2026-11-24T14:00:00.1234567+00:00"}]}""");

        var invocation = Assert.IsType<InvocationMessage>(message);
        var quote = Assert.IsType<GatewayQuoteModel>(invocation.Arguments[1]);
        Assert.Equal((6000.25m, 6000m, (decimal?)null), (quote.LastPrice!.Value, quote.BestBid!.Value, quote.BestAsk));
        Assert.Empty(malformed);
    }

    [Fact]
    public void A_malformed_payload_is_reported_and_skipped()
    {
        var (protocol, malformed) = Protocol();
        var message = Parse(protocol, """{"type":1,"target":"GatewayDepth","arguments":["CON.F.US.EP.Z26",{"not":"an array"}]}""");

        Assert.IsType<InvocationBindingFailureMessage>(message);
        Assert.Equal(["GatewayDepth"], malformed);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"reason\":\"revoked\"}]")]
    [InlineData("[\"revoked\", 3]")]
    public void GatewayLogout_is_delivered_whatever_its_arguments(string arguments)
    {
        var (protocol, malformed) = Protocol();
        var message = Parse(protocol, "{\"type\":1,\"target\":\"GatewayLogout\",\"arguments\":" + arguments + "}");

        var invocation = Assert.IsType<InvocationMessage>(message);
        Assert.Equal("GatewayLogout", invocation.Target);
        Assert.Empty(invocation.Arguments);
        Assert.Empty(malformed);
    }

    [Fact]
    public void The_access_token_goes_in_the_query_and_never_into_a_connect_error()
    {
        const string token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl";
        var url = WebSocketConnectionFactory.WithAccessToken(new Uri("https://rtc.example.com/hubs/user?x=1"), token);
        Assert.Equal("?x=1&access_token=" + token, url.Query);

        var error = WebSocketConnectionFactory.Sanitize(new InvalidOperationException($"failed at {url}"), token);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    private static HubMessage Parse(IHubProtocol protocol, string json)
    {
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json + "\u001e"));
        Assert.True(protocol.TryParseMessage(ref input, new Binder(), out var message));
        return message;
    }

    private static (TolerantHubProtocol Protocol, List<string> Malformed) Protocol()
    {
        var malformed = new List<string>();
        return (new TolerantHubProtocol((target, _) => malformed.Add(target)), malformed);
    }

    /// <summary>The parameter types the client registers (ProjectXRealtime.Handlers).</summary>
    private sealed class Binder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName switch
        {
            "GatewayQuote" => [typeof(string), typeof(GatewayQuoteModel)],
            "GatewayDepth" => [typeof(string), typeof(GatewayDepthModel[])],
            _ => Type.EmptyTypes,
        };

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
