using System.CommandLine;

namespace ProjectX.BenchClients;

/// <summary>
/// One client of an end-to-end benchmark, in its own process (started by <c>bench/ProjectX.Benchmarks</c>, which also
/// runs the server): <c>feed</c> consumes a market-hub stream as fast as it comes, <c>latency</c> measures how old each
/// depth message is when it reaches the consumer's state, <c>rest</c> makes REST calls in a loop. The last line of
/// stdout is <c>RESULT {json}</c>.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => Build().Parse(args).InvokeAsync();

    private static RootCommand Build()
    {
        var api = new Option<Uri>("--api") { Description = "The simulator's REST base URL.", Required = true, CustomParser = ParseUri };
        var market = new Option<Uri?>("--market") { Description = "Market hub URL (default: the simulator's /hubs/market).", CustomParser = ParseUri };
        var contract = new Option<string>("--contract") { Description = "The contract id to subscribe.", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "The symbol the suite watches.", DefaultValueFactory = _ => "MNQ" };

        var feedKind = new Argument<string>("kind") { Description = "suite | bare | floor" };
        var warmup = new Option<long>("--warmup") { Description = "Messages consumed before measuring.", DefaultValueFactory = _ => 300_000 };
        var messages = new Option<long>("--messages") { Description = "Messages measured.", DefaultValueFactory = _ => 2_000_000 };
        var feed = new Command("feed", "Consume the market stream as fast as it arrives.") { feedKind, api, market, contract, symbol, warmup, messages };
        feed.SetAction((r, ct) => FeedRun.RunAsync(
            Endpoints(r.GetValue(api)!, r.GetValue(market), r.GetValue(contract)!, r.GetValue(symbol)!), r.GetValue(feedKind)!,
            r.GetValue(warmup), r.GetValue(messages), ct));

        var latencyKind = new Argument<string>("kind") { Description = "suite | bare | floor" };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds.", DefaultValueFactory = _ => 10 };
        var settle = new Option<double>("--warmup-seconds") { Description = "Seconds before measuring.", DefaultValueFactory = _ => 3 };
        var latency = new Command("latency", "Measure the age of each depth message when it is applied.") { latencyKind, api, market, contract, symbol, seconds, settle };
        latency.SetAction((r, ct) => LatencyRun.RunAsync(
            Endpoints(r.GetValue(api)!, r.GetValue(market), r.GetValue(contract)!, r.GetValue(symbol)!), r.GetValue(latencyKind)!,
            TimeSpan.FromSeconds(r.GetValue(settle)), TimeSpan.FromSeconds(r.GetValue(seconds)), ct));

        var restKind = new Argument<string>("kind") { Description = "gateway | bare" };
        var calls = new Option<int>("--calls") { Description = "Calls measured (all callers together).", DefaultValueFactory = _ => 20_000 };
        var restWarmup = new Option<int>("--warmup") { Description = "Calls before measuring.", DefaultValueFactory = _ => 3_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers.", DefaultValueFactory = _ => 1 };
        var rest = new Command("rest", "Make Account/search calls in a loop.") { restKind, api, calls, restWarmup, concurrency };
        rest.SetAction((r, ct) => RestRun.RunAsync(r.GetValue(api)!, r.GetValue(restKind)!, r.GetValue(restWarmup), r.GetValue(calls), r.GetValue(concurrency), ct));

        return new RootCommand("ProjectX benchmark clients (run by bench/ProjectX.Benchmarks).") { feed, latency, rest };
    }

    private static Uri ParseUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            return uri;
        result.AddError($"'{text}' is not an absolute URL.");
        return null!;
    }

    private static FeedEndpoints Endpoints(Uri api, Uri? market, string contract, string symbol) =>
        new(api, new Uri(api, "/hubs/user"), market ?? new Uri(api, "/hubs/market"), contract, symbol);
}

/// <summary>Where a market consumer connects: REST and the user hub on the simulator, the market hub there or on a replay server.</summary>
public sealed record FeedEndpoints(Uri Api, Uri UserHub, Uri MarketHub, string ContractId, string Symbol);
