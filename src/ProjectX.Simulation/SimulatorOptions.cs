using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectX.Simulation;

/// <summary>
/// Everything the simulator is configured with: users, their API keys and accounts, the market seed,
/// token lifetime and rate limits. <c>new SimulatorOptions()</c> IS the default configuration (the demo
/// users and accounts below), shared by the in-process engine and the host; the host may replace any
/// member from a JSON file.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The demo user name (log in with <see cref="DemoApiKey"/>).</summary>
    public const string DemoUserName = "demo";
    /// <summary>The demo API key. Public on purpose: it only opens the offline simulator.</summary>
    public const string DemoApiKey = "demo-api-key";
    /// <summary>A second user, to prove users cannot see each other's accounts.</summary>
    public const string SecondUserName = "trader2";
    public const string SecondUserApiKey = "trader2-api-key";

    /// <summary>Seed of the simulated market: the same seed gives the same prices.</summary>
    public int Seed { get; set; } = 20260914;

    /// <summary>How long a session token lives (the real gateway: 24 hours).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public SimulatorRateLimits RateLimits { get; set; } = new();

    /// <summary>What one client may ask for: order and position sizes, string and body lengths, retained history.</summary>
    public SimulatorLimits Limits { get; set; } = new();

    /// <summary>
    /// The standalone server only: serve the fault-control endpoints (<c>/simulator/faults/...</c>) to loopback
    /// clients, so clients in any language can rehearse failures. Off by default.
    /// </summary>
    public bool FaultControl { get; set; }

    /// <summary>Where the engine reports faults it survived (a failed order, a failed timer tick). Not read from JSON.</summary>
    [JsonIgnore]
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// When the market trades: <see cref="SimulatorMarketHours.AlwaysOpen"/> (default, 24/7) or
    /// <see cref="SimulatorMarketHours.Cme"/> (CME Globex sessions: orders outside them get errorCode 5, the feed pauses).
    /// </summary>
    public SimulatorMarketHours MarketHours { get; set; }

    /// <summary>The SignalR hubs: user payload shape, market-feed rate, depth, load mode.</summary>
    public SimulatorRealtimeOptions Realtime { get; set; } = new();

    public IList<SimulatorUser> Users { get; set; } = CreateDefaultUsers();

    /// <summary>The default configuration (same as <c>new SimulatorOptions()</c>).</summary>
    public static SimulatorOptions CreateDefault() => new();

    /// <summary>
    /// Reads options from JSON (camelCase or PascalCase, comments allowed, enums by name or number,
    /// TimeSpans as <c>"hh:mm:ss"</c>). Members left out keep their defaults; a <c>users</c> array replaces the demo users.
    /// </summary>
    public static SimulatorOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return JsonSerializer.Deserialize<SimulatorOptions>(json, options)
            ?? throw new JsonException("The JSON does not contain simulator options.");
    }

    private static List<SimulatorUser> CreateDefaultUsers() =>
    [
        new SimulatorUser
        {
            UserName = DemoUserName,
            ApiKey = DemoApiKey,
            Accounts =
            [
                new SimulatorAccount { Id = 1001, Name = "PRAC-V2-DEMO-50K", Balance = 50_000m },
                new SimulatorAccount { Id = 1002, Name = "PRAC-V2-DEMO-150K", Balance = 150_000m },
                new SimulatorAccount { Id = 1003, Name = "PRAC-V2-DEMO-POSBRK", Balance = 50_000m, BracketMode = BracketMode.PositionBrackets },
                new SimulatorAccount { Id = 1004, Name = "PRAC-V2-DEMO-LOCKED", Balance = 50_000m, CanTrade = false },
                new SimulatorAccount { Id = 1005, Name = "EXPRESS-V2-DEMO-50K", Balance = 50_000m, Simulated = false },
                new SimulatorAccount { Id = 1006, Name = "PRAC-V2-DEMO-CLOSED", Balance = 0m, CanTrade = false, IsVisible = false, IsActive = false },
                // Configured like Topstep's Trading Combine (docs/simulator.md, "Firm rules": numbers, source and date read).
                new SimulatorAccount { Id = 1007, Name = "50KTC-V2-DEMO", Balance = 50_000m, Simulated = false, FirmRules = SimulatorFirmRules.TopstepCombine(50_000m, dailyLossLimit: 1_000m, maxLoss: 2_000m, maxContracts: 5) },
                new SimulatorAccount { Id = 1008, Name = "100KTC-V2-DEMO", Balance = 100_000m, Simulated = false, FirmRules = SimulatorFirmRules.TopstepCombine(100_000m, dailyLossLimit: 2_000m, maxLoss: 3_000m, maxContracts: 10) },
                new SimulatorAccount { Id = 1009, Name = "150KTC-V2-DEMO", Balance = 150_000m, Simulated = false, FirmRules = SimulatorFirmRules.TopstepCombine(150_000m, dailyLossLimit: 3_000m, maxLoss: 4_500m, maxContracts: 15) },
            ],
        },
        new SimulatorUser
        {
            UserName = SecondUserName,
            ApiKey = SecondUserApiKey,
            Accounts = [new SimulatorAccount { Id = 2001, Name = "PRAC-V2-TRADER2-50K", Balance = 50_000m }],
        },
    ];
}

/// <summary>
/// Per-user request limits, as documented for the real gateway (spec §6), and the throttling of failed logins,
/// which is kept apart from them so that nobody can spend a user's budget without that user's key.
/// </summary>
public sealed class SimulatorRateLimits
{
    /// <summary>False turns off every limit here, failed-login throttling included.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Requests per <see cref="Window"/> across all endpoints (History/retrieveBars included).</summary>
    public int PermitLimit { get; set; } = 200;
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>History/retrieveBars requests per <see cref="BarsWindow"/>, on top of the overall limit.</summary>
    public int BarsPermitLimit { get; set; } = 50;
    public TimeSpan BarsWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Failed logins per <see cref="FailedLoginWindow"/> from one client address. Past it, every login from that
    /// address is answered 429 without the key being checked (a guesser learns nothing more).
    /// </summary>
    public int FailedLoginsPerAddress { get; set; } = 30;
    /// <summary>
    /// Failed logins per <see cref="FailedLoginWindow"/> for one user name. Past it, wrong keys for that name are
    /// answered 429, but the right key still logs in: failing on purpose cannot lock a user out.
    /// </summary>
    public int FailedLoginsPerUserName { get; set; } = 10;
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Most client addresses (and user names) whose windows are kept; idle ones are evicted first.</summary>
    public int MaxTrackedClients { get; set; } = 10_000;
}

/// <summary>
/// Limits on what one request or one account can do, like the real platform's risk settings. A placement over a
/// size or position limit is refused with the documented error codes; a string or body over its length is a 400
/// or 413 before anything runs.
/// </summary>
public sealed class SimulatorLimits
{
    /// <summary>Largest size of one order (errorCode 2 on Order/place, 3 on Order/modify).</summary>
    public int MaxOrderSize { get; set; } = 50;
    /// <summary>
    /// Largest net position in one contract, counted as if every working entry order filled
    /// (errorCode 4 AccountViolation). Prop-firm accounts allow a few dozen contracts at most.
    /// </summary>
    public int MaxPositionPerContract { get; set; } = 50;
    /// <summary>Largest sum of net positions over all contracts of one account, counted the same way (errorCode 4).</summary>
    public int MaxPositionPerAccount { get; set; } = 100;
    /// <summary>Most working orders (open entries and their bracket legs) one account may hold (errorCode 2).</summary>
    public int MaxWorkingOrdersPerAccount { get; set; } = 200;
    /// <summary>Largest bracket distance, in ticks either way (errorCode 2), like the trail limit.</summary>
    public int MaxBracketTicks { get; set; } = 1000;
    /// <summary>Largest limit, stop or trail price accepted (errorCode 2): far above any futures price, far below overflow.</summary>
    public decimal MaxPrice { get; set; } = 10_000_000m;
    /// <summary>Longest string in any request (userName, apiKey, customTag, searchText, contractId): longer is HTTP 400.</summary>
    public int MaxStringLength { get; set; } = 256;
    /// <summary>Largest request body in bytes: larger is HTTP 413. The largest legitimate request is well under 2 KB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;
    /// <summary>Orders kept per account; past it the oldest finished ones (filled, cancelled, rejected) are forgotten.</summary>
    public int OrderHistoryPerAccount { get; set; } = 10_000;
    /// <summary>Trades kept per account; past it the oldest are forgotten.</summary>
    public int TradeHistoryPerAccount { get; set; } = 10_000;
}

/// <summary>A user who can log in with an API key and owns trading accounts.</summary>
public sealed class SimulatorUser
{
    /// <summary>Compared case-insensitively, like the real gateway.</summary>
    public string UserName { get; set; } = "";
    public string ApiKey { get; set; } = "";
    public IList<SimulatorAccount> Accounts { get; set; } = [];

    // Never print the key.
    public override string ToString() => UserName;
}

/// <summary>A trading account's starting state.</summary>
public sealed class SimulatorAccount
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public decimal Balance { get; set; }
    public bool CanTrade { get; set; } = true;
    public bool IsVisible { get; set; } = true;
    /// <summary>True for Practice accounts, false for evaluation/funded ones.</summary>
    public bool Simulated { get; set; } = true;
    /// <summary>Inactive accounts are only listed by Account/search with <c>onlyActiveAccounts: false</c>.</summary>
    public bool IsActive { get; set; } = true;
    public BracketMode BracketMode { get; set; } = BracketMode.AutoOco;
    /// <summary>The prop firm's rules the simulator enforces on this account (daily loss, maximum loss, contracts); null for none.</summary>
    public SimulatorFirmRules? FirmRules { get; set; }

    public override string ToString() => $"{Name} ({Id})";
}

/// <summary>The account's bracket setting (platform Settings &gt; Risk Settings).</summary>
public enum BracketMode
{
    /// <summary>The platform default: <c>stopLossBracket</c>/<c>takeProfitBracket</c> are refused.</summary>
    PositionBrackets,
    /// <summary>Order/place brackets are accepted and managed as OCO.</summary>
    AutoOco,
}
