using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Tests.Unit;

/// <summary>The wire contract must survive what the live gateway really sends (spec §2, §10).</summary>
public sealed class JsonToleranceTests
{
    private static GatewayJsonContext Json => GatewayJsonContext.Default;

    [Fact]
    public void Unknown_members_are_ignored_at_every_level()
    {
        const string body = """
            {"orders":[{"id":1,"accountId":2,"contractId":"CON.F.US.ENQ.Z26","symbolId":"F.US.ENQ","creationTimestamp":"2026-02-26T14:30:05.16776+00:00",
            "status":1,"type":1,"side":0,"size":1,"limitPrice":21000.25,"fillVolume":0,"fills":[{"x":1}],"brandNewField":{"a":[1,2]}}],
            "success":true,"errorCode":0,"errorMessage":null,"somethingNew":42}
            """;
        var response = JsonSerializer.Deserialize(body, Json.SearchOrderResponse)!;
        Assert.True(response.Success);
        var order = Assert.Single(response.Orders!);
        Assert.Equal(21000.25m, order.LimitPrice);
        Assert.Equal(OrderStatus.Open, order.Status);
    }

    [Fact]
    public void Unknown_enum_numbers_are_kept_as_numbers()
    {
        const string body = """
            {"order":{"id":5,"accountId":2,"contractId":"C","creationTimestamp":"2026-01-01T00:00:00Z","status":42,"type":99,"side":7,"size":1,"fillVolume":0},
             "success":false,"errorCode":77,"errorMessage":"new code"}
            """;
        var response = JsonSerializer.Deserialize(body, Json.SearchOrderByIdResponse)!;
        Assert.Equal(42, (int)response.Order!.Status);
        Assert.Equal(99, (int)response.Order.Type);
        Assert.Equal(7, (int)response.Order.Side);
        Assert.Equal(77, response.ErrorCodeValue);
        Assert.Equal("77", response.ErrorCodeName);
    }

    [Theory]
    [InlineData("2025-04-21T19:45:52+00:00", 0)]
    [InlineData("2025-04-21T19:45:52.1+00:00", 1_000_000)]
    [InlineData("2025-04-21T19:45:52.10+00:00", 1_000_000)]
    [InlineData("2025-04-21T19:45:52.105+00:00", 1_050_000)]
    [InlineData("2025-04-21T19:45:52.1058+00:00", 1_058_000)]
    [InlineData("2025-04-21T19:45:52.10580+00:00", 1_058_000)]
    [InlineData("2025-04-21T19:45:52.105808+00:00", 1_058_080)]
    [InlineData("2025-04-21T19:45:52.1058081+00:00", 1_058_081)]
    [InlineData("2025-04-21T19:45:52.1058081Z", 1_058_081)]
    [InlineData("2025-04-21T19:45:52.1058081", 1_058_081)]
    [InlineData("2025-04-21T19:45:52", 0)]
    [InlineData("2025-04-21T21:45:52.105808+02:00", 1_058_080)]
    public void Timestamps_with_0_to_7_fractional_digits_and_any_offset_parse_as_utc(string text, long fractionTicks)
    {
        var body = $$"""{"t":"{{text}}","o":1,"h":1,"l":1,"c":1,"v":1}""";
        var bar = JsonSerializer.Deserialize(body, Json.AggregateBarModel)!;
        var expected = new DateTimeOffset(2025, 4, 21, 19, 45, 52, TimeSpan.Zero).AddTicks(fractionTicks);
        Assert.Equal(expected, bar.T);
        Assert.Equal(TimeSpan.Zero, bar.T.Offset);
    }

    [Fact]
    public void Nullable_timestamps_accept_null_and_values()
    {
        const string body = """{"id":1,"accountId":1,"contractId":"C","creationTimestamp":"2026-01-01T00:00:00.1234567Z","updateTimestamp":null,"status":2,"type":2,"side":0,"size":1,"fillVolume":1}""";
        var order = JsonSerializer.Deserialize(body, Json.OrderModel)!;
        Assert.Null(order.UpdateTimestamp);
        var withUpdate = JsonSerializer.Deserialize(body.Replace("\"updateTimestamp\":null", "\"updateTimestamp\":\"2026-01-01T00:00:01.5+00:00\"", StringComparison.Ordinal), Json.OrderModel)!;
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 1, 500, TimeSpan.Zero), withUpdate.UpdateTimestamp);
    }

    [Fact]
    public void Ids_above_int32_survive()
    {
        const string body = """
            {"trades":[{"id":2190247222,"accountId":1,"contractId":"C","creationTimestamp":"2026-02-26T14:30:05Z","price":6335.250000000,
            "profitAndLoss":null,"fees":1.4,"side":1,"size":1,"voided":false,"orderId":2531040395}],"success":true,"errorCode":0}
            """;
        var trade = Assert.Single(JsonSerializer.Deserialize(body, Json.SearchHalfTradeResponse)!.Trades!);
        Assert.Equal(2_190_247_222L, trade.Id);
        Assert.Equal(2_531_040_395L, trade.OrderId);
        Assert.Null(trade.ProfitAndLoss);

        var placed = JsonSerializer.Deserialize("""{"orderId":9007199254740993,"success":true,"errorCode":0}""", Json.PlaceOrderResponse)!;
        Assert.Equal(9_007_199_254_740_993L, placed.OrderId);
    }

    [Theory]
    [InlineData("6335.250000000", "6335.25")]
    [InlineData("0.000000001", "0.000000001")]
    [InlineData("\"6335.250000000\"", "6335.25")]
    [InlineData("21000", "21000")]
    public void Decimals_with_nine_fractional_digits_are_exact(string wire, string expected)
    {
        var body = $$"""{"id":1,"accountId":1,"contractId":"C","creationTimestamp":"2026-01-01T00:00:00Z","type":1,"size":1,"averagePrice":{{wire}}}""";
        var position = JsonSerializer.Deserialize(body, Json.PositionModel)!;
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), position.AveragePrice);
    }

    [Fact]
    public void SearchById_reads_the_object_and_the_old_array_shape()
    {
        const string contract = """{"id":"CON.F.US.ENQ.Z26","name":"NQZ6","description":"E-mini","tickSize":0.250000000,"tickValue":5.000000000,"activeContract":true,"symbolId":"F.US.ENQ"}""";
        var single = JsonSerializer.Deserialize($$"""{"contract":{{contract}},"success":true,"errorCode":0}""", Json.SearchContractByIdResponse)!;
        var array = JsonSerializer.Deserialize($$"""{"contracts":[{{contract}}],"success":true,"errorCode":0}""", Json.SearchContractByIdResponse)!;
        Assert.Equal(0.25m, single.Contract!.TickSize);
        Assert.Equal("NQZ6", Assert.Single(array.Contracts!).Name);
    }

    [Fact]
    public void Requests_are_camel_case_with_explicit_nulls()
    {
        var json = JsonSerializer.Serialize(new ModifyOrderRequest { AccountId = 465, OrderId = 26974, Size = 1, StopPrice = 1604m }, Json.ModifyOrderRequest);
        Assert.Equal("""{"accountId":465,"orderId":26974,"size":1,"limitPrice":null,"stopPrice":1604,"trailPrice":null}""", json);
    }
}
