using System.Text;
using System.Text.Json;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Exchange;
using ProjectX.Simulation.Tests.Exchange;

namespace ProjectX.Simulation.Tests.Gateway;

public sealed class GatewayRestTests : IDisposable
{
    private readonly GatewayHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Ping_answers_pong_as_text_without_a_token()
    {
        var response = await _h.Gateway.HandleAsync(new("GET", "/api/Status/ping"), CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("pong", response.BodyText);
    }

    [Fact]
    public async Task Login_issues_a_jwt_with_sub_name_and_exp_claims()
    {
        var token = await _h.Login("DEMO"); // user names are case-insensitive
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')));
        Assert.Equal("demo", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("demo", claims.RootElement.GetProperty("name").GetString());
        Assert.Equal(ExchangeHarness.Start.AddHours(24).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData("demo", "wrong-key")]
    [InlineData("nobody", "demo-api-key")]
    public async Task Bad_credentials_are_HTTP_200_with_errorCode_3_and_a_null_token(string user, string key)
    {
        var response = await _h.Post("/api/Auth/loginKey", $$"""{"userName":"{{user}}","apiKey":"{{key}}"}""");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"token":null,"success":false,"errorCode":3,"errorMessage":null}""", Normalize(response.BodyText));
    }

    [Theory]
    [InlineData("""{"userName":"demo"}""")]
    [InlineData("""{"apiKey":"demo-api-key"}""")]
    [InlineData("")]
    [InlineData("{not json")]
    public async Task Malformed_login_is_a_400_problem_details(string body)
    {
        var response = await _h.Post("/api/Auth/loginKey", body);
        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
        Assert.DoesNotContain("demo-api-key", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_app_is_refused_with_AppNotFound()
    {
        var response = await _h.Post("/api/Auth/loginApp", """{"userName":"demo","password":"x","deviceId":"d","appId":"a","verifyKey":"v"}""");
        using var body = JsonDocument.Parse(response.Body);
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal((int)LoginErrorCode.AppNotFound, body.RootElement.GetProperty("errorCode").GetInt32());
    }

    public static TheoryData<string> AuthenticatedPaths => new(GatewayOperation.All
        .Where(o => o != GatewayOperation.LoginKey && o != GatewayOperation.LoginApp && o != GatewayOperation.Ping)
        .Select(o => o.Path));

    [Theory]
    [MemberData(nameof(AuthenticatedPaths))]
    public async Task Every_other_operation_is_401_with_an_empty_body_without_a_valid_token(string path)
    {
        foreach (var token in new[] { null, "garbage", "a.b.c" })
        {
            var response = await _h.Post(path, "{}", token);
            Assert.Equal(401, response.StatusCode);
            Assert.True(response.Body.IsEmpty);
        }
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime_and_validate_issues_a_fresh_one()
    {
        var token = await _h.Login();
        _h.Time.Advance(TimeSpan.FromHours(23));
        var validated = await _h.Call("/api/Auth/validate", "", token);
        var fresh = validated.GetProperty("newToken").GetString()!;
        Assert.NotEqual(token, fresh);

        _h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(401, (await _h.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", token)).StatusCode);
        Assert.True((await _h.Call("/api/Account/search", """{"onlyActiveAccounts":true}""", fresh)).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Logging_in_again_keeps_older_tokens_valid_and_logout_revokes_only_its_own()
    {
        var first = await _h.Login();
        var second = await _h.Login();
        Assert.True((await _h.Call("/api/Auth/logout", "", first)).GetProperty("success").GetBoolean());

        Assert.Equal(401, (await _h.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", first)).StatusCode);
        Assert.Equal(401, (await _h.Post("/api/Auth/validate", "", first)).StatusCode);
        Assert.Equal(200, (await _h.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", second)).StatusCode);
    }

    [Fact]
    public async Task Unknown_paths_are_404_wrong_verbs_405_and_paths_match_case_insensitively()
    {
        var token = await _h.Login();
        Assert.Equal(404, (await _h.Post("/api/Order/nope", "{}", token)).StatusCode);
        Assert.Equal(404, (await _h.Post("/trades/search", "{}", token)).StatusCode);
        Assert.Equal(405, (await _h.Gateway.HandleAsync(new("GET", "/api/Account/search", Authorization: "Bearer " + token), CancellationToken.None)).StatusCode);
        var response = await _h.Call("/api/account/SEARCH", """{"OnlyActiveAccounts":false}""", token);
        Assert.Equal(9, response.GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public async Task Responses_use_the_envelope_camel_case_explicit_nulls_and_nine_decimal_digits()
    {
        var token = await _h.Login();
        var response = await _h.Post("/api/Account/search", """{"onlyActiveAccounts":true}""", token);
        var text = response.BodyText;
        Assert.Contains("\"balance\":50000.000000000", text, StringComparison.Ordinal);
        Assert.Contains("\"success\":true", text, StringComparison.Ordinal);
        Assert.Contains("\"errorCode\":0", text, StringComparison.Ordinal);
        Assert.Contains("\"errorMessage\":null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("errorCodeName", text, StringComparison.Ordinal);
        Assert.DoesNotContain("errorCodeValue", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_cannot_see_each_others_accounts()
    {
        var token = await _h.Login(SimulatorOptions.SecondUserName, SimulatorOptions.SecondUserApiKey);
        var accounts = await _h.Call("/api/Account/search", """{"onlyActiveAccounts":false}""", token);
        Assert.Equal([2001], accounts.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        var place = await _h.Call("/api/Order/place", """{"accountId":1001,"contractId":"CON.F.US.MNQ.Z26","type":2,"side":0,"size":1}""", token);
        Assert.Equal((int)PlaceOrderErrorCode.AccountNotFound, place.GetProperty("errorCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, place.GetProperty("orderId").ValueKind);
    }

    [Fact]
    public async Task Place_then_see_the_position_and_the_trade()
    {
        var token = await _h.Login();
        var place = await _h.Call("/api/Order/place",
            """{"accountId":1001,"contractId":"CON.F.US.MNQ.Z26","type":2,"side":0,"size":2,"limitPrice":null,"stopPrice":null,"trailPrice":null,"customTag":"t-1","stopLossBracket":null,"takeProfitBracket":null}""", token);
        Assert.True(place.GetProperty("success").GetBoolean());
        Assert.True(place.GetProperty("orderId").GetInt64() > int.MaxValue);

        var positions = await _h.Call("/api/Position/searchOpen", """{"accountId":1001}""", token);
        var position = positions.GetProperty("positions").EnumerateArray().Single();
        Assert.Equal(1, position.GetProperty("type").GetInt32());
        Assert.Equal(2, position.GetProperty("size").GetInt32());
        var trades = await _h.Call("/api/Trade/search", """{"accountId":1001,"startTimestamp":"2026-11-24T00:00:00Z"}""", token);
        var trade = trades.GetProperty("trades").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, trade.GetProperty("profitAndLoss").ValueKind);
        Assert.Equal(place.GetProperty("orderId").GetInt64(), trade.GetProperty("orderId").GetInt64());
    }

    [Fact]
    public async Task Rejected_placement_is_success_false_with_an_order_id()
    {
        var token = await _h.Login();
        var place = await _h.Call("/api/Order/place", """{"accountId":1003,"contractId":"CON.F.US.MNQ.Z26","type":2,"side":0,"size":1,"stopLossBracket":{"ticks":-10,"type":4}}""", token);
        Assert.False(place.GetProperty("success").GetBoolean());
        Assert.Equal(2, place.GetProperty("errorCode").GetInt32());
        Assert.Equal(OrderRules.PositionBracketsMessage, place.GetProperty("errorMessage").GetString());
        Assert.True(place.GetProperty("orderId").GetInt64() > int.MaxValue);
    }

    [Fact]
    public async Task V2_query_without_filter_is_a_400_problem_with_the_live_message()
    {
        var token = await _h.Login();
        var response = await _h.Post("/api/Order/v2/query", """{"accountId":1001,"pageSize":10}""", token);
        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("SearchOrdersQueryRequest was missing required properties including: 'filter'", response.BodyText, StringComparison.Ordinal);

        var ok = await _h.Call("/api/Order/v2/query", """{"filter":{"accountId":1001},"includeTotalCount":true}""", token);
        Assert.Equal(0, ok.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Contract_search_by_id_answers_a_single_contract_object()
    {
        var token = await _h.Login();
        var found = await _h.Call("/api/Contract/searchById", """{"contractId":"CON.F.US.MNQ.Z26"}""", token);
        Assert.Equal("CON.F.US.MNQ.Z26", found.GetProperty("contract").GetProperty("id").GetString());
        Assert.Equal("0.250000000", found.GetProperty("contract").GetProperty("tickSize").GetRawText());
        var missing = await _h.Call("/api/Contract/searchById", """{"contractId":"nope"}""", token);
        Assert.Equal(1, missing.GetProperty("errorCode").GetInt32());
    }

    [Fact]
    public async Task Retrieve_bars_is_delegated_to_the_market()
    {
        var token = await _h.Login();
        var bars = await _h.Call("/api/History/retrieveBars",
            """{"contractId":"CON.F.US.MNQ.Z26","live":false,"startTime":"2026-11-24T00:00:00Z","endTime":"2026-11-24T15:00:00Z","unit":2,"unitNumber":5,"limit":10,"includePartialBar":false}""", token);
        Assert.Single(bars.GetProperty("bars").EnumerateArray());
        var request = Assert.Single(_h.Market.BarRequests);
        Assert.Equal(AggregateBarUnit.Minute, request.Unit);
        Assert.Equal(5, request.UnitNumber);
    }

    [Fact]
    public async Task Wrong_typed_body_is_a_400()
    {
        var token = await _h.Login();
        var response = await _h.Post("/api/Order/place", """{"accountId":"not a number at all"}""", token);
        Assert.Equal(400, response.StatusCode);
        var nullBody = await _h.Post("/api/Order/place", "null", token);
        Assert.Equal(400, nullBody.StatusCode);
    }

    private static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var order = new[] { "token", "success", "errorCode", "errorMessage" };
        var builder = new StringBuilder("{");
        builder.AppendJoin(",", order.Select(name => $"\"{name}\":{document.RootElement.GetProperty(name).GetRawText()}"));
        return builder.Append('}').ToString();
    }
}
