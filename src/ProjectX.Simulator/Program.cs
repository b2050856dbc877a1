using System.Globalization;
using ProjectX.Simulation;
using ProjectX.Simulator;

// dotnet run --project src/ProjectX.Simulator -- [--port 5000] [--config simulator.json] [--seed 42] [--user-payload wrapped] [--load 50000]
var port = 5000;
string? configPath = null;
int? seed = null;
UserPayloadShape? payload = null;
int? load = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--config" when i + 1 < args.Length:
            configPath = args[++i];
            break;
        case "--seed" when i + 1 < args.Length:
            seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--user-payload" when i + 1 < args.Length:
            payload = Enum.Parse<UserPayloadShape>(args[++i], ignoreCase: true);
            break;
        case "--load" when i + 1 < args.Length:
            load = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: ProjectX.Simulator [--port 5000] [--config simulator.json] [--seed N] [--user-payload bare|wrapped] [--load N]");
            Console.WriteLine("  --port    TCP port on 127.0.0.1 (0 = any free port). Default 5000.");
            Console.WriteLine("  --config  JSON file with SimulatorOptions (users, accounts, seed, tokenLifetime, rateLimits).");
            Console.WriteLine("  --seed    Seed of the simulated market.");
            Console.WriteLine("  --user-payload  User-hub events as the bare model (default) or wrapped as {action, data}.");
            Console.WriteLine("  --load    LOAD mode: extra GatewayDepth messages per second per depth-subscribed contract.");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}

var options = configPath is null ? new SimulatorOptions() : SimulatorOptions.FromJson(File.ReadAllText(configPath));
if (seed is not null) options.Seed = seed.Value;
if (payload is not null) options.Realtime.UserPayloadShape = payload.Value;
if (load is not null) options.Realtime.LoadMessagesPerSecond = load.Value;

SimulatorServer server;
try
{
    server = await SimulatorServer.StartAsync(options, port);
}
catch (IOException e)
{
    Console.Error.WriteLine($"Cannot listen on 127.0.0.1:{port}: {e.Message} Use --port 0 for any free port.");
    return 1;
}
await using var running = server;
var baseUrl = server.BaseUrl.ToString().TrimEnd('/');
var demo = options.Users.FirstOrDefault(u => u.UserName == SimulatorOptions.DemoUserName);
Console.WriteLine("ProjectX simulator: an offline ProjectX Gateway.");
Console.WriteLine($"  REST base   {baseUrl}   (POST {baseUrl}/api/...)");
Console.WriteLine($"  User hub    {server.UserHubUrl}?access_token=TOKEN   (SignalR JSON; user payloads {options.Realtime.UserPayloadShape})");
Console.WriteLine($"  Market hub  {server.MarketHubUrl}?access_token=TOKEN   (SignalR JSON; feed every {options.Realtime.FeedInterval.TotalMilliseconds} ms{(options.Realtime.LoadMessagesPerSecond > 0 ? $", load {options.Realtime.LoadMessagesPerSecond} msg/s" : "")})");
if (demo is not null)
    Console.WriteLine($"  Demo login  userName \"{SimulatorOptions.DemoUserName}\", apiKey \"{SimulatorOptions.DemoApiKey}\"   accounts {string.Join(", ", demo.Accounts.Select(a => a.Id))}");
Console.WriteLine();
Console.WriteLine("Try:");
Console.WriteLine($$"""  TOKEN=$(curl -s -X POST {{baseUrl}}/api/Auth/loginKey -H 'Content-Type: application/json' -d '{"userName":"demo","apiKey":"demo-api-key"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')""");
Console.WriteLine($$"""  curl -s -X POST {{baseUrl}}/api/Account/search -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"onlyActiveAccounts":true}'""");
Console.WriteLine();
Console.WriteLine("Press Ctrl+C to stop.");
await server.WaitForShutdownAsync();
return 0;

