using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Tests.Realtime;

/// <summary>User-hub payload shapes (spec §8.3): bare, {action, data}, arrays of either.</summary>
public sealed class UserPayloadTests
{
    private const string Order = """{"id":9000000001,"accountId":1001,"contractId":"CON.F.US.MNQ.Z26","status":2,"type":2,"side":0,"size":1,"fillVolume":1,"filledPrice":21000.25,"newField":{"x":1}}""";

    [Theory]
    [InlineData(Order, null)]
    [InlineData("{\"action\":1,\"data\":" + Order + "}", 1)]
    [InlineData("{\"Action\":\"2\",\"Data\":" + Order + "}", 2)]
    [InlineData("[" + Order + "]", null)]
    [InlineData("[{\"action\":3,\"data\":" + Order + "}]", 3)]
    [InlineData("{\"action\":4,\"data\":[" + Order + "]}", 4)]
    public void Every_shape_yields_the_order_and_its_action(string json, int? expectedAction)
    {
        var found = Read(json);

        var (order, action) = Assert.Single(found);
        Assert.Equal(9000000001L, order.Id);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(21000.25m, order.FilledPrice);
        Assert.Equal(expectedAction, action);
    }

    [Fact]
    public void Null_is_nothing_and_a_number_is_malformed()
    {
        Assert.Empty(Read("null"));
        Assert.Throws<JsonException>(() => Read("42"));
        Assert.ThrowsAny<JsonException>(() => Read("""{"id":"not a number"}"""));
    }

    [Fact]
    public void An_array_of_two_yields_both_in_order()
    {
        var found = Read("[" + Order + "," + Order.Replace("9000000001", "9000000002", StringComparison.Ordinal) + "]");
        Assert.Equal([9000000001L, 9000000002L], found.Select(f => f.Order.Id));
    }

    private static List<(OrderModel Order, int? Action)> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var found = new List<(OrderModel, int?)>();
        UserPayload.Read(document.RootElement, RealtimeJson.Order, (o, a) => found.Add((o, a)));
        return found;
    }
}
