using System.Text;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Tests.Exchange;
using ProjectX.Simulation.Tests.Gateway;

namespace ProjectX.Simulation.Tests.Hardening;

/// <summary>
/// Issue 12, defects 6, 9, 11 and 12: requests are read strictly. Malformed or mistyped is HTTP 400, an invalid
/// value errorCode 2 (Order/place), a body of the wrong type 415, an oversized one 413; and nothing is created.
/// </summary>
public sealed class StrictInputTests : IDisposable
{
    private const string Place = "/api/Order/place";
    private readonly GatewayHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Order(string side = "\"side\":0", string size = "1", string type = "2", string extra = "") =>
        $$"""{"accountId":1001,"contractId":"{{ExchangeHarness.Mnq}}","type":{{type}},{{side}}{{(side.Length == 0 ? "" : ",")}}"size":{{size}}{{extra}}}""";

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(99)]
    public async Task A_side_that_is_neither_buy_nor_sell_is_errorCode_2_and_moves_nothing(int side)
    {
        // Defect 6: side 2 or -1 was executed as a sell.
        var token = await _h.Login();

        var body = await _h.Call(Place, Order(side: $"\"side\":{side}"), token);

        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(2, body.GetProperty("errorCode").GetInt32());
        Assert.Contains("Invalid side", body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Empty(_h.Gateway.Exchange.GetPositions(ExchangeHarness.Account));
        Assert.Empty(_h.Gateway.Exchange.GetTrades(ExchangeHarness.Account));
    }

    public static TheoryData<string, string> MalformedPlacements => new()
    {
        // Defect 6: a missing side became a buy; enum names were coerced ("sell" was stored as Bid and bought).
        { Order(side: ""), "'side'" },
        { Order(side: "\"side\":\"sell\""), "$.side" },
        { Order(side: "\"side\":\"1\""), "$.side" },
        { Order(side: "\"side\":1.5"), "$.side" },
        { Order(side: "\"side\":null"), "$.side" },
        { Order(type: "\"Market\""), "$.type" },
        { Order(size: "\"1\""), "$.size" },
        { Order(size: "2147483648"), "$.size" },
        // Defect 9: prices that are not numbers were a 500 for a call that never executed.
        { Order(type: "1", extra: ",\"limitPrice\":\"abc\""), "$.limitPrice" },
        { Order(type: "1", extra: ",\"limitPrice\":\"NaN\""), "$.limitPrice" },
        { Order(type: "1", extra: ",\"limitPrice\":\"Infinity\""), "$.limitPrice" },
        { Order(type: "1", extra: ",\"limitPrice\":\"20000\""), "$.limitPrice" },
        { Order(type: "1", extra: ",\"limitPrice\":1e30"), "$.limitPrice" },
        // Defect 11: 1.0000…01 was silently placed as 1.00.
        { Order(type: "1", extra: ",\"limitPrice\":1.00000000000000000000000000001"), "$.limitPrice" },
        { Order(extra: ",\"stopLossBracket\":{\"ticks\":-10}"), "'type'" },
        { Order(extra: ",\"customTag\":\"" + new string('x', 257) + "\""), "$.customTag" },
        { Order(extra: ",\"customTag\":42"), "$.customTag" },
        { "{\"accountId\":1001,\"contractId\":" + new string('[', 50) + new string(']', 50) + "}", "$" },
        { "[]", "$" },
        { "{", "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedPlacements))]
    public async Task A_malformed_placement_is_a_400_that_names_the_member_and_creates_nothing(string json, string names)
    {
        var token = await _h.Login();

        var response = await _h.Post(Place, json, token);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(names, response.BodyText, StringComparison.Ordinal);
        Assert.Empty(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Fact]
    public async Task A_missing_member_is_named_the_way_the_live_gateway_names_it()
    {
        var token = await _h.Login();

        var response = await _h.Post(Place, Order(side: ""), token);

        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("PlaceOrderRequest was missing required properties including: 'side'.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_JSON_is_415(string? contentType)
    {
        // Defect 12: Content-Type was ignored.
        var token = await _h.Login();

        var response = await _h.Gateway.HandleAsync(
            new GatewayHttpRequest("POST", Place, null, "Bearer " + token, Encoding.UTF8.GetBytes(Order())) { ContentType = contentType });

        Assert.Equal(415, response.StatusCode);
        Assert.Empty(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    public async Task Every_JSON_media_type_of_the_Swagger_is_accepted(string contentType)
    {
        var token = await _h.Login();

        var response = await _h.Gateway.HandleAsync(
            new GatewayHttpRequest("POST", "/api/Account/search", null, "Bearer " + token, """{"onlyActiveAccounts":true}"""u8.ToArray()) { ContentType = contentType });

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_it_is_read()
    {
        var token = await _h.Login();
        var huge = Order(extra: ",\"customTag\":\"" + new string('x', 20_000) + "\"");

        var response = await _h.Post(Place, huge, token);

        Assert.Equal(413, response.StatusCode);
        Assert.Empty(_h.Gateway.Exchange.GetOrders(ExchangeHarness.Account));
    }

    [Fact]
    public async Task An_order_query_with_an_enum_value_that_does_not_exist_is_a_400()
    {
        var token = await _h.Login();
        foreach (var json in new[]
        {
            """{"filter":{"accountId":1001,"statuses":[9]}}""",
            """{"filter":{"accountId":1001},"sortBy":5}""",
            """{"filter":{"accountId":1001},"sortDirection":-1}""",
            """{"filter":{"accountId":1001,"statuses":["Open"]}}""",
        })
        {
            var response = await _h.Post("/api/Order/v2/query", json, token);
            Assert.True(response.StatusCode == 400, json);
        }
    }

    [Fact]
    public async Task A_login_name_over_the_length_limit_is_a_400_and_leaves_no_state()
    {
        var response = await _h.Post("/api/Auth/loginKey", $$"""{"userName":"{{new string('u', 300)}}","apiKey":"k"}""");

        Assert.Equal(400, response.StatusCode);
        Assert.DoesNotContain("uuuu", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_required_members_are_the_Swaggers()
    {
        using var swagger = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "gateway-swagger.json")));
        var definitions = swagger.RootElement.GetProperty("definitions");
        foreach (var (type, required) in RequestReader.RequiredMembers)
        {
            if (!definitions.TryGetProperty(type.Name, out var schema)) continue; // Order/v2/query: in the 2026 additions only
            var expected = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).Order().ToArray() : [];
            Assert.True(expected.SequenceEqual(required.Order()), $"{type.Name}: Swagger {string.Join(",", expected)}, reader {string.Join(",", required.Order())}");
        }
    }
}
