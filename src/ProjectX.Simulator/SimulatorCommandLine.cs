using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using ProjectX.Simulation;

namespace ProjectX.Simulator;

/// <summary>
/// The command line of <c>projectx-simulator</c> (System.CommandLine): where to listen (<c>--port</c>, or
/// <c>--urls</c> / <c>ASPNETCORE_URLS</c> as ASP.NET users expect; 127.0.0.1:5000 by default) and what to simulate.
/// A bad argument is one line on stderr and exit code 2, never a stack trace.
/// </summary>
public static class SimulatorCommandLine
{
    /// <summary>Exit code for a bad command line.</summary>
    public const int UsageError = 2;
    /// <summary>The name the .NET tool installs (PackAsTool's ToolCommandName).</summary>
    public const string ToolName = "projectx-simulator";

    private static readonly Option<int?> Port = new("--port", "-p")
    {
        Description = "TCP port on 127.0.0.1 (0 = any free port). Default 5000, unless --urls or ASPNETCORE_URLS say otherwise.",
        CustomParser = r => Integer(r, "--port", 0, 65535),
    };

    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "Addresses to listen on, separated by ';' (like ASP.NET), e.g. http://127.0.0.1:5000;http://[::1]:5000.",
        Validators = { r => { if (ParseUrls(r.GetValueOrDefault<string?>()) is null) r.AddError("--urls must be absolute http:// addresses separated by ';'."); } },
    };

    private static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "JSON file with SimulatorOptions (users, accounts and their firmRules, seed, tokenLifetime, rateLimits, limits, realtime, faultControl, marketHours).",
        Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } file) r.AddError($"--config: {file.FullName} does not exist."); } },
    };

    private static readonly Option<int?> Seed = new("--seed")
    {
        Description = "Seed of the simulated market (the same seed gives the same prices).",
        CustomParser = r => Integer(r, "--seed", int.MinValue, int.MaxValue),
    };

    private static readonly Option<UserPayloadShape?> UserPayload = new("--user-payload")
    {
        Description = "User-hub events as the bare model (default) or wrapped as {action, data}.",
    };

    private static readonly Option<int?> Load = new("--load")
    {
        Description = "LOAD mode: extra GatewayDepth messages per second per depth-subscribed contract.",
        CustomParser = r => Integer(r, "--load", 0, int.MaxValue),
    };

    private static readonly Option<SimulatorMarketHours?> MarketHours = new("--market-hours")
    {
        Description = "When the market trades: AlwaysOpen (default, 24/7) or Cme (CME Globex sessions: orders outside them get errorCode 5, the feed pauses).",
    };

    private static readonly Option<bool> FaultControl = new("--fault-control")
    {
        Description = "Serve the fault-control endpoints (POST /simulator/faults/...) to loopback clients.",
    };

    private static readonly Option<string[]> FirmRules = new("--firm-rules")
    {
        Description = "Firm rules for an account, repeatable: " + FirmRulesArgument.Syntax + ". Replaces the account's configured rules.",
        Validators =
        {
            r =>
            {
                foreach (var value in r.GetValueOrDefault<string[]?>() ?? [])
                {
                    if (!FirmRulesArgument.TryParse(value, out _, out var why)) r.AddError("--firm-rules: " + why);
                }
            },
        },
    };

    /// <summary>Runs the simulator until Ctrl+C or SIGTERM; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("ProjectX simulator: an offline ProjectX Gateway (REST + SignalR hubs) for clients in any language.")
        {
            Port, Urls, Config, Seed, UserPayload, Load, FaultControl, FirmRules, MarketHours,
        };
        root.SetAction((result, cancellationToken) => ServeAsync(result, output, error, cancellationToken));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"{ToolName}: {OneLine(parsed.Errors[0].Message)} Use --help for usage.");
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    private static async Task<int> ServeAsync(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SimulatorOptions options;
        try
        {
            options = result.GetValue(Config) is { } file ? SimulatorOptions.FromJson(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false)) : new SimulatorOptions();
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            error.WriteLine($"{ToolName}: --config: {OneLine(e.Message)}");
            return UsageError;
        }
        if (result.GetValue(Seed) is { } seed) options.Seed = seed;
        if (result.GetValue(UserPayload) is { } payload) options.Realtime.UserPayloadShape = payload;
        if (result.GetValue(Load) is { } load) options.Realtime.LoadMessagesPerSecond = load;
        if (result.GetValue(FaultControl)) options.FaultControl = true;
        if (ApplyFirmRules(options, result.GetValue(FirmRules) ?? []) is { } rulesError)
        {
            error.WriteLine($"{ToolName}: {OneLine(rulesError)}");
            return UsageError;
        }
        if (result.GetValue(MarketHours) is { } hours) options.MarketHours = hours;
        var urls = ListenUrls(result.GetValue(Urls), result.GetValue(Port), Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        if (urls is null)
        {
            error.WriteLine($"{ToolName}: ASPNETCORE_URLS must be absolute http:// addresses separated by ';'.");
            return UsageError;
        }

        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(options, urls, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            error.WriteLine($"{ToolName}: cannot listen on {string.Join(";", urls)}: {OneLine(e.Message)} Use --port 0 for any free port.");
            return 1;
        }
        await using (server.ConfigureAwait(false))
        {
            WriteBanner(output, server, options);
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>
    /// Puts each <c>--firm-rules</c> value on its account, then checks every account's rules (from the config file
    /// too), so a bad rule is a usage error rather than a failed start. Null when all is well.
    /// </summary>
    public static string? ApplyFirmRules(SimulatorOptions options, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(values);
        var accounts = options.Users.SelectMany(u => u.Accounts).ToList();
        foreach (var value in values)
        {
            if (!FirmRulesArgument.TryParse(value, out var argument, out var why)) return "--firm-rules: " + why;
            if (accounts.FirstOrDefault(a => a.Id == argument!.AccountId) is not { } account)
                return string.Create(CultureInfo.InvariantCulture, $"--firm-rules: no account {argument!.AccountId} is configured.");
            account.FirmRules = argument!.Rules;
        }
        try
        {
            foreach (var account in accounts) account.FirmRules?.Validate(account);
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (Parameter", 2)[0];
        }
        return null;
    }

    /// <summary>--urls wins, then --port (on 127.0.0.1), then ASPNETCORE_URLS, then http://127.0.0.1:5000. Null when ASPNETCORE_URLS is malformed.</summary>
    public static IReadOnlyList<Uri>? ListenUrls(string? urls, int? port, string? environmentUrls) =>
        urls is not null ? ParseUrls(urls)
        : port is { } p ? [new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}"))]
        : !string.IsNullOrWhiteSpace(environmentUrls) ? ParseUrls(environmentUrls)
        : [new Uri("http://127.0.0.1:5000")];

    private static List<Uri>? ParseUrls(string? text)
    {
        if (text is null) return null;
        var urls = new List<Uri>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp) return null;
            urls.Add(uri);
        }
        return urls.Count == 0 ? null : urls;
    }

    /// <summary>An integer option's value, or an error naming the option and its range (never an exception).</summary>
    private static int? Integer(ArgumentResult result, string option, int min, int max)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        result.AddError(min == int.MinValue
            ? $"{option} must be an integer, not '{text}'."
            : string.Create(CultureInfo.InvariantCulture, $"{option} must be an integer from {min} to {max}, not '{text}'."));
        return null;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static void WriteBanner(TextWriter output, SimulatorServer server, SimulatorOptions options)
    {
        var baseUrl = server.BaseUrl.ToString().TrimEnd('/');
        var demo = options.Users.FirstOrDefault(u => u.UserName == SimulatorOptions.DemoUserName);
        output.WriteLine("ProjectX simulator: an offline ProjectX Gateway.");
        output.WriteLine($"  REST base   {baseUrl}   (POST {baseUrl}/api/...)");
        output.WriteLine($"  User hub    {server.UserHubUrl}?access_token=TOKEN   (SignalR JSON; user payloads {options.Realtime.UserPayloadShape})");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Market hub  {server.MarketHubUrl}?access_token=TOKEN   (SignalR JSON; feed every {options.Realtime.FeedInterval.TotalMilliseconds} ms{(options.Realtime.LoadMessagesPerSecond > 0 ? $", load {options.Realtime.LoadMessagesPerSecond} msg/s" : "")})"));
        if (server.FaultControlUrl is { } faults)
            output.WriteLine($"  Faults      POST {faults}{{{string.Join("|", FaultControlEndpoint.Actions.Keys)}}}   (loopback clients only)");
        if (demo is not null)
            output.WriteLine($"  Demo login  userName \"{SimulatorOptions.DemoUserName}\", apiKey \"{SimulatorOptions.DemoApiKey}\"   accounts {string.Join(", ", demo.Accounts.Select(a => a.Id))}");
        foreach (var account in options.Users.SelectMany(u => u.Accounts).Where(a => a.FirmRules is not null))
            output.WriteLine($"  Firm rules  {account}: {account.FirmRules}");
        if (options.MarketHours != SimulatorMarketHours.AlwaysOpen)
            output.WriteLine($"  Hours       {options.MarketHours}: CME Globex sessions; orders outside them get errorCode 5");
        output.WriteLine();
        output.WriteLine("Try:");
        output.WriteLine($$"""  TOKEN=$(curl -s -X POST {{baseUrl}}/api/Auth/loginKey -H 'Content-Type: application/json' -d '{"userName":"demo","apiKey":"demo-api-key"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')""");
        output.WriteLine($$"""  curl -s -X POST {{baseUrl}}/api/Account/search -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"onlyActiveAccounts":true}'""");
        output.WriteLine();
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }
}
