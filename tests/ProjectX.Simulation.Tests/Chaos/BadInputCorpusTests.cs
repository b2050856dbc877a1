using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectX.Client.Gateway;
using ProjectX.Simulation.Gateway;
using ProjectX.Simulation.Tests.Server;
using Xunit.Abstractions;

namespace ProjectX.Simulation.Tests.Chaos;

/// <summary>
/// Issue 12's bad-input corpus and fuzz, over real HTTP, against every REST operation that reads a body: no 5xx,
/// a clear error (a 400 ProblemDetails with a detail, a 413, a 415, or an envelope with success false), nothing
/// created (no working or filled order, no trade), and the server still answers afterwards.
/// </summary>
[Collection(nameof(ChaosSuiteTests))]
public sealed class BadInputCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Account = 1001;
    private LoopbackSimulator _sim = null!;

    private string Mnq => _sim.Mnq;

    public async Task InitializeAsync() => _sim = await LoopbackSimulator.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    /// <summary>A valid body per operation (Auth/validate, Auth/logout and Status/ping read none).</summary>
    private Dictionary<GatewayOperation, (Type Request, string Body)> Templates() => new()
    {
        [GatewayOperation.LoginKey] = (typeof(LoginApiKeyRequest), """{"userName":"demo","apiKey":"demo-api-key"}"""),
        [GatewayOperation.LoginApp] = (typeof(LoginAppRequest), """{"userName":"demo","password":"p","deviceId":"d","appId":"a","verifyKey":"v"}"""),
        [GatewayOperation.SearchAccounts] = (typeof(SearchAccountRequest), """{"onlyActiveAccounts":true}"""),
        [GatewayOperation.SearchContracts] = (typeof(SearchContractRequest), """{"searchText":"MNQ","live":false}"""),
        [GatewayOperation.SearchContractById] = (typeof(SearchContractByIdRequest), $$"""{"contractId":"{{Mnq}}"}"""),
        [GatewayOperation.AvailableContracts] = (typeof(ListAvailableContractRequest), """{"live":false}"""),
        [GatewayOperation.RetrieveBars] = (typeof(RetrieveBarRequest), $$"""{"contractId":"{{Mnq}}","live":false,"startTime":"2026-01-05T00:00:00Z","endTime":"2026-01-05T01:00:00Z","unit":2,"unitNumber":5,"limit":10,"includePartialBar":false}"""),
        [GatewayOperation.SearchOrders] = (typeof(SearchOrderRequest), $$"""{"accountId":{{Account}},"startTimestamp":"2026-01-01T00:00:00Z","endTimestamp":null}"""),
        [GatewayOperation.SearchOpenOrders] = (typeof(SearchOpenOrderRequest), $$"""{"accountId":{{Account}}}"""),
        [GatewayOperation.SearchOrderById] = (typeof(SearchOrderByIdRequest), $$"""{"accountId":{{Account}},"orderId":1}"""),
        [GatewayOperation.QueryOrders] = (typeof(SearchOrdersQueryRequest), $$"""{"filter":{"accountId":{{Account}},"statuses":[1]},"pageSize":10,"pageOffset":0,"sortBy":0,"sortDirection":1,"includeTotalCount":true}"""),
        [GatewayOperation.PlaceOrder] = (typeof(PlaceOrderRequest), $$"""{"accountId":{{Account}},"contractId":"{{Mnq}}","type":1,"side":0,"size":1,"limitPrice":1000.25,"stopPrice":null,"trailPrice":null,"customTag":"corpus","stopLossBracket":null,"takeProfitBracket":null}"""),
        [GatewayOperation.CancelOrder] = (typeof(CancelOrderRequest), $$"""{"accountId":{{Account}},"orderId":1}"""),
        [GatewayOperation.ModifyOrder] = (typeof(ModifyOrderRequest), $$"""{"accountId":{{Account}},"orderId":1,"size":2,"limitPrice":null,"stopPrice":null,"trailPrice":null}"""),
        [GatewayOperation.SearchPositions] = (typeof(SearchPositionRequest), $$"""{"accountId":{{Account}}}"""),
        [GatewayOperation.ClosePosition] = (typeof(CloseContractPositionRequest), $$"""{"accountId":{{Account}},"contractId":"{{Mnq}}"}"""),
        [GatewayOperation.PartialClosePosition] = (typeof(PartialCloseContractPositionRequest), $$"""{"accountId":{{Account}},"contractId":"{{Mnq}}","size":1}"""),
        [GatewayOperation.SearchTrades] = (typeof(SearchTradeRequest), $$"""{"accountId":{{Account}},"startTimestamp":"2026-01-01T00:00:00Z","endTimestamp":null}"""),
    };

    /// <summary>Values of the wrong JSON type, out of range, or too long for whatever member they replace.</summary>
    private static readonly string[] WrongValues =
    [
        "\"x\"", "\"NaN\"", "\"Infinity\"", "1e400", "-1e400", "{}", "[]", "[1,2]", "true", "12.5", "\"" + new string('s', 300) + "\"", "99999999999999999999",
    ];

    [Fact]
    public async Task Every_bad_body_gets_a_clear_error_creates_nothing_and_the_server_still_answers()
    {
        var report = new ChaosReport();
        var settings = ChaosSettings.FromEnvironment();
        var before = Created();
        foreach (var (operation, (request, template)) in Templates())
        {
            foreach (var (body, contentType) in Corpus(request, template))
            {
                var was = Created();
                await ExpectClearErrorAsync(operation, body, contentType, report);
                if (Created() != was) report.Broken($"{operation.Name} {Shorten(body)} ({contentType ?? "no content type"}) created an order or a trade");
            }
        }

        // Seeded fuzz: random mutations of the valid bodies. They may be valid (and then may trade), never a 5xx.
        var random = new Random(settings.Seed);
        foreach (var (operation, (_, template)) in Templates())
        {
            for (var i = 0; i < settings.FuzzPerOperation; i++)
                await ExpectNoServerErrorAsync(operation, Mutate(template, random), report);
        }

        Assert.Equal("pong", await _sim.Http.GetStringAsync(new Uri(GatewayOperation.Ping.Path, UriKind.Relative)));
        using (var accounts = await SendAsync(GatewayOperation.SearchAccounts, """{"onlyActiveAccounts":true}"""))
            Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        report.Print(output, "Bad-input corpus and fuzz against every REST operation:");
        Assert.Empty(report.BrokenInvariants);
    }

    /// <summary>Bodies no operation accepts: not JSON, not an object, too big, the wrong type, or each member removed or mistyped.</summary>
    private static IEnumerable<(string Body, string? ContentType)> Corpus(Type request, string template)
    {
        foreach (var body in new[] { "", "   ", "null", "[]", "{", "}", "\"text\"", "42", "{}", "{\"a\":" + new string('[', 200) + new string(']', 200) + "}", "\u0000", "{\"accountId\":1001,,}" })
            yield return (body, "application/json");
        yield return (template, "text/plain");
        yield return (template, null);
        yield return (template[..^1] + ",\"pad\":\"" + new string('p', 20_000) + "\"}", "application/json");
        var root = JsonNode.Parse(template)!.AsObject();
        foreach (var name in root.Select(p => p.Key).ToList())
        {
            var without = root.DeepClone().AsObject();
            without.Remove(name);
            // The server's required members are checked against the Swagger's (StrictInputTests).
            if (RequestReader.RequiredMembers[request].Contains(name)) yield return (without.ToJsonString(), "application/json");
            foreach (var wrong in WrongValues.Where(v => !FitsMember(root[name], v)))
                yield return (template.Replace($"\"{name}\":{root[name]?.ToJsonString() ?? "null"}", $"\"{name}\":{wrong}", StringComparison.Ordinal), "application/json");
        }
    }

    /// <summary>True when <paramref name="wrong"/> happens to be a valid value for the member (a number for a number, say).</summary>
    private static bool FitsMember(JsonNode? current, string wrong)
    {
        var kind = current?.GetValueKind();
        return (kind, wrong) switch
        {
            (JsonValueKind.True or JsonValueKind.False, "true") => true,
            (JsonValueKind.String, _) => wrong.StartsWith('"') && wrong.Length < 100, // another string is a valid string
            (JsonValueKind.Number, "12.5") => true, // a price: a valid decimal (12.5 is off the grid, but that is errorCode 2)
            (JsonValueKind.Object, "{}") => true, // filter {} misses accountId: still 400, but not a type error
            (JsonValueKind.Array, "[]" or "[1,2]") => true,
            (null or JsonValueKind.Null, _) => true,
            _ => false,
        };
    }

    private async Task ExpectClearErrorAsync(GatewayOperation operation, string body, string? contentType, ChaosReport report)
    {
        report.Count("corpus requests");
        using var response = await SendAsync(operation, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        report.Count($"corpus answers: HTTP {status}");
        var clear = status switch
        {
            400 => JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()),
            413 or 415 => true,
            200 => JsonDocument.Parse(text).RootElement.GetProperty("success").GetBoolean() is false,
            _ => false,
        };
        if (!clear) report.Broken($"{operation.Name} {Shorten(body)} ({contentType ?? "no content type"}): HTTP {status} {Shorten(text)}");
    }

    private async Task ExpectNoServerErrorAsync(GatewayOperation operation, string body, ChaosReport report)
    {
        report.Count("fuzz requests");
        using var response = await SendAsync(operation, body);
        var status = (int)response.StatusCode;
        report.Count($"fuzz answers: HTTP {status}");
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500 || (status is 200 or 400 && !IsJsonObject(text)))
            report.Broken($"{operation.Name} {Shorten(body)}: HTTP {status} {Shorten(text)}");
    }

    private static string Mutate(string template, Random random)
    {
        var root = JsonNode.Parse(template)!.AsObject();
        var names = root.Select(p => p.Key).ToList();
        var name = names[random.Next(names.Count)];
        switch (random.Next(6))
        {
            case 0:
                root.Remove(name);
                break;
            case 1:
                root["fuzz" + random.Next(1000)] = RandomValue(random);
                break;
            case 2:
                var text = root.ToJsonString();
                return text[..random.Next(text.Length)];
            case 3:
                var bytes = root.ToJsonString().ToCharArray();
                bytes[random.Next(bytes.Length)] = (char)random.Next(0x20, 0x7F);
                return new string(bytes);
            default:
                root[name] = RandomValue(random);
                break;
        }
        return root.ToJsonString();
    }

    private static JsonNode? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 30)), random.Next(0, 10))),
        4 => JsonValue.Create(random.Next(2) == 0),
        5 => JsonValue.Create(new string((char)random.Next(0x20, 0x2FFF), random.Next(0, 400))),
        6 => new JsonObject { ["x"] = random.Next() },
        7 => new JsonArray(random.Next(), random.Next()),
        _ => JsonValue.Create(random.Next(-3, 12)),
    };

    /// <summary>Orders that are working or filled, and trades, over every account: what bad input must never create.</summary>
    private (int Orders, int Trades) Created()
    {
        var accounts = new[] { 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 2001 };
        return (accounts.Sum(a => _sim.Server.Gateway.Exchange.GetOrders(a).Count(o => o.Status != OrderStatus.Rejected)),
            accounts.Sum(a => _sim.Server.Gateway.Exchange.GetTrades(a).Count));
    }

    private Task<HttpResponseMessage> SendAsync(GatewayOperation operation, string body, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, operation.Path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return _sim.Http.SendAsync(request);
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
