using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ProjectX.Client.Gateway;
using ProjectX.Simulation;
using ProjectX.Simulator;

namespace ProjectX.Client.Tests.Contract;

/// <summary>
/// Holds the simulator to the official Swagger with raw HTTP (no ProjectX.Client code involved), so the
/// simulator is checked against the spec, not against our client.
/// </summary>
public sealed class SwaggerContractTests
{
    private static readonly Lazy<GatewaySwagger> Swagger = new(GatewaySwagger.Load);

    [Fact]
    public void Swagger_describes_every_operation_the_client_knows()
    {
        Assert.Equal(21, GatewayOperation.All.Count);
        foreach (var operation in GatewayOperation.All)
            Assert.Contains(operation.Path, Swagger.Value.Paths);
        Assert.Equal(21, Swagger.Value.Paths.Count);
    }

    [Fact]
    public void Validator_rejects_wrong_field_names_missing_envelope_and_out_of_range_ids()
    {
        // A test that cannot fail proves nothing: show that the converted schema really bites.
        Assert.NotEmpty(Swagger.Value.ValidateRequest("/api/Position/partialCloseContract",
            """{"accountId":1,"contractId":"CON.F.US.MNQ.Z26","closeSize":1}"""));
        Assert.NotEmpty(Swagger.Value.ValidateResponse("/api/Order/place", """{"errorCode":0,"orderId":5}"""));
        Assert.NotEmpty(Swagger.Value.ValidateRequest("/api/Order/cancel", """{"accountId":3000000000,"orderId":1}"""));
        Assert.NotEmpty(Swagger.Value.ValidateResponse("/api/Order/searchOpen",
            """{"success":true,"errorCode":0,"errorMessage":null,"orders":[{"id":1}]}"""));
        Assert.Empty(Swagger.Value.ValidateResponse("/api/Order/place",
            """{"success":true,"errorCode":0,"errorMessage":null,"orderId":2600000001}"""));
    }

    [Fact]
    public async Task Every_simulator_response_matches_the_swagger()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var session = new RawSession(http, Swagger.Value);

        var bad = await session.Post("/api/Auth/loginKey", """{"userName":"demo","apiKey":"not-the-key"}""", expectSuccess: false);
        Assert.False(bad["success"]!.GetValue<bool>());

        var login = await session.Post("/api/Auth/loginKey",
            $$"""{"userName":"{{SimulatorOptions.DemoUserName}}","apiKey":"{{SimulatorOptions.DemoApiKey}}"}""");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["token"]!.GetValue<string>());

        var accounts = (await session.Post("/api/Account/search", """{"onlyActiveAccounts":true}"""))["accounts"]!.AsArray();
        var account = accounts.First(a => a!["canTrade"]!.GetValue<bool>() && a["simulated"]!.GetValue<bool>())!["id"]!.GetValue<int>();
        await session.Post("/api/Account/search", """{"onlyActiveAccounts":false}""");

        var contracts = (await session.Post("/api/Contract/search", """{"searchText":"MNQ","live":false}"""))["contracts"]!.AsArray();
        var contract = contracts.First(c => c!["activeContract"]!.GetValue<bool>() && c["name"]!.GetValue<string>().StartsWith("MNQ", StringComparison.Ordinal))!["id"]!.GetValue<string>();
        await session.Post("/api/Contract/searchById", $$"""{"contractId":"{{contract}}"}""");
        await session.Post("/api/Contract/searchById", """{"contractId":"CON.F.US.NOPE.Z99"}""", expectSuccess: false);
        await session.Post("/api/Contract/available", """{"live":false}""");

        var end = DateTimeOffset.UtcNow;
        await session.Post("/api/History/retrieveBars", $$"""
            {"contractId":"{{contract}}","live":false,"startTime":"{{end.AddDays(-2):O}}","endTime":"{{end:O}}",
             "unit":2,"unitNumber":5,"limit":50,"includePartialBar":false}
            """);
        await session.Post("/api/History/retrieveBars", $$"""
            {"contractId":"{{contract}}","live":false,"startTime":"{{end.AddDays(-2):O}}","endTime":"{{end:O}}",
             "unit":0,"unitNumber":5,"limit":50,"includePartialBar":false}
            """, expectSuccess: false);

        var market = await session.Post("/api/Order/place", Place(account, contract, type: 2, side: 0, size: 2));
        var marketId = market["orderId"]!.GetValue<long>();
        var working = await session.Post("/api/Order/place", Place(account, contract, type: 1, side: 0, size: 1, limitPrice: "1000.00"));
        var workingId = working["orderId"]!.GetValue<long>();
        await session.Post("/api/Order/place", Place(account, contract, type: 2, side: 0, size: 0), expectSuccess: false);
        await session.Post("/api/Order/place", Place(account, "CON.F.US.NOPE.Z99", type: 2, side: 0, size: 1), expectSuccess: false);

        await session.Post("/api/Order/searchOpen", $$"""{"accountId":{{account}}}""");
        await session.Post("/api/Order/search", $$"""{"accountId":{{account}},"startTimestamp":"{{end.AddDays(-1):O}}","endTimestamp":null}""");
        await session.Post("/api/Order/searchById", $$"""{"accountId":{{account}},"orderId":{{marketId}}}""");
        await session.Post("/api/Order/searchById", $$"""{"accountId":{{account}},"orderId":1}""", expectSuccess: false);
        await session.Post("/api/Order/v2/query", $$"""
            {"filter":{"accountId":{{account}},"statuses":[1,2]},"pageSize":1,"pageOffset":1,"sortBy":1,"sortDirection":1,"includeTotalCount":true}
            """);
        await session.Post("/api/Order/modify", $$"""{"accountId":{{account}},"orderId":{{workingId}},"size":2,"limitPrice":1000.25,"stopPrice":null,"trailPrice":null}""");
        await session.Post("/api/Order/cancel", $$"""{"accountId":{{account}},"orderId":{{workingId}}}""");
        await session.Post("/api/Order/cancel", $$"""{"accountId":{{account}},"orderId":{{workingId}}}""", expectSuccess: false);

        await session.Post("/api/Position/searchOpen", $$"""{"accountId":{{account}}}""");
        await session.Post("/api/Position/partialCloseContract", $$"""{"accountId":{{account}},"contractId":"{{contract}}","size":1}""");
        await session.Post("/api/Position/partialCloseContract", $$"""{"accountId":{{account}},"contractId":"{{contract}}","size":5}""", expectSuccess: false);
        await session.Post("/api/Position/closeContract", $$"""{"accountId":{{account}},"contractId":"{{contract}}"}""");
        await session.Post("/api/Position/closeContract", $$"""{"accountId":{{account}},"contractId":"{{contract}}"}""", expectSuccess: false);
        var trades = (await session.Post("/api/Trade/search", $$"""{"accountId":{{account}},"startTimestamp":"{{end.AddDays(-1):O}}","endTimestamp":null}"""))["trades"]!.AsArray();
        Assert.Equal(3, trades.Count);
        Assert.Single(trades, t => t!["profitAndLoss"] is null);

        await session.Post("/api/Auth/validate", "");
        await session.Post("/api/Auth/loginApp", """{"userName":"demo","password":"x","deviceId":"d","appId":"a","verifyKey":"v"}""", expectSuccess: false);
        using (var ping = await http.GetAsync(new Uri("/api/Status/ping", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        await session.Post("/api/Auth/logout", "");

        Assert.Empty(session.Violations);
        // 23 distinct paths minus ping (text) = every JSON operation was exercised.
        Assert.Equal(20, session.PathsSeen.Count);
    }

    private static string Place(int account, string contract, int type, int side, int size, string limitPrice = "null") => $$"""
        {"accountId":{{account}},"contractId":"{{contract}}","type":{{type}},"side":{{side}},"size":{{size}},
         "limitPrice":{{limitPrice}},"stopPrice":null,"trailPrice":null,"customTag":null,"stopLossBracket":null,"takeProfitBracket":null}
        """;

    /// <summary>Posts raw JSON, and records every request and 200-response that does not match the Swagger.</summary>
    private sealed class RawSession(HttpClient http, GatewaySwagger swagger)
    {
        public List<string> Violations { get; } = [];
        public HashSet<string> PathsSeen { get; } = [];

        public async Task<JsonObject> Post(string path, string body, bool expectSuccess = true)
        {
            if (body.Length > 0)
                Violations.AddRange(swagger.ValidateRequest(path, body).Select(v => "request " + v));
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: HTTP {(int)response.StatusCode} {text}");
            Violations.AddRange(swagger.ValidateResponse(path, text).Select(v => "response " + v));
            PathsSeen.Add(path);
            var json = JsonNode.Parse(text)!.AsObject();
            Assert.True(json["success"]!.GetValue<bool>() == expectSuccess, $"{path}: expected success={expectSuccess}, got {text}");
            return json;
        }
    }
}
