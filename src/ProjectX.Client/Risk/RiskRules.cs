using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Risk;

/// <summary>How a trailing maximum loss follows the account.</summary>
public enum TrailingMode
{
    /// <summary>The floor trails the equity high-water mark, unrealized peaks included, as it happens.</summary>
    Intraday,
    /// <summary>The floor trails the highest closing balance; it moves only when a trading day ends.</summary>
    EndOfDay,
}

/// <summary>
/// A trailing maximum loss: the account fails when equity falls to <c>high − Amount</c>. The high is the equity
/// high-water mark (<see cref="TrailingMode.Intraday"/>) or the highest closing balance (<see cref="TrailingMode.EndOfDay"/>).
/// With <see cref="LockLevel"/>, the floor stops rising once it reaches that balance (Topstep: the starting balance).
/// </summary>
public sealed class TrailingLossRule
{
    /// <summary>The distance from the high to the floor, in account currency (positive).</summary>
    public decimal Amount { get; set; }

    public TrailingMode Mode { get; set; } = TrailingMode.EndOfDay;

    /// <summary>The balance at which the floor stops rising; null = it trails for ever.</summary>
    public decimal? LockLevel { get; set; }

    /// <summary>The floor for a high: <c>min(high − Amount, LockLevel)</c>.</summary>
    public decimal FloorFor(decimal high) => LockLevel is { } locked ? Math.Min(high - Amount, locked) : high - Amount;

    /// <summary>True when the floor for this high has reached <see cref="LockLevel"/> and rises no more.</summary>
    public bool IsFloorLockedAt(decimal high) => LockLevel is { } locked && high - Amount >= locked;

    public TrailingLossRule Clone() => (TrailingLossRule)MemberwiseClone();
}

/// <summary>The hours new entries are allowed, in <see cref="RiskRules.TimeZone"/>. An End before the Start wraps past midnight.</summary>
public sealed class TradingWindow
{
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }

    /// <summary>True when <paramref name="time"/> is in [Start, End) (wrapping past midnight when End &lt; Start).</summary>
    public bool Contains(TimeOnly time) =>
        Start <= End ? time >= Start && time < End : time >= Start || time < End;

    public TradingWindow Clone() => (TradingWindow)MemberwiseClone();

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}

/// <summary>
/// The rules a <see cref="RiskGuard"/> enforces. Every rule is optional: null (or absent from the JSON) is off.
/// Money is in account currency; counts are contracts, positions, orders or round trips; times are in <see cref="TimeZone"/>.
/// Load them from JSON (<see cref="FromJson"/>, <see cref="Load"/>), set them in code, or start from a preset
/// (<see cref="RiskPresets"/>) and override what your plan says.
/// </summary>
public sealed class RiskRules
{
    /// <summary>A label: the preset's name, or yours.</summary>
    public string? Name { get; set; }

    /// <summary>The account's starting balance: where the trailing high starts. Null = the balance when the guard first sees the account.</summary>
    public decimal? StartingBalance { get; set; }

    /// <summary>The most the account may lose in one trading day: realized plus unrealized, net of fees.</summary>
    public decimal? DailyLossLimit { get; set; }

    /// <summary>The trailing maximum loss (intraday or end-of-day, with an optional lock level).</summary>
    public TrailingLossRule? TrailingMaxLoss { get; set; }

    /// <summary>Most contracts on the account: positions plus working orders that could fill, in the worst direction.</summary>
    public int? MaxContracts { get; set; }

    /// <summary>Most contracts in any one symbol (all its months), counted like <see cref="MaxContracts"/>.</summary>
    public int? MaxContractsPerSymbol { get; set; }

    /// <summary>Per-symbol limits by gateway root (<c>ENQ</c>, <c>MNQ</c>, <c>EP</c>) or symbol id (<c>F.US.ENQ</c>); they override <see cref="MaxContractsPerSymbol"/>.</summary>
    public Dictionary<string, int> SymbolLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Most open positions (contracts with a position) at once.</summary>
    public int? MaxOpenPositions { get; set; }

    /// <summary>Most orders per trading day (entries and exits the account placed, bracket legs not counted).</summary>
    public int? MaxOrdersPerDay { get; set; }

    /// <summary>Most round trips per trading day: fills that close (part of) a position.</summary>
    public int? MaxRoundTripsPerDay { get; set; }

    /// <summary>The hours new entries are allowed.</summary>
    public TradingWindow? TradingWindow { get; set; }

    /// <summary>The time of day by which the account must be flat (e.g. 15:10 Chicago): entries are refused from then until the next trading day, and a monitoring guard flattens.</summary>
    public TimeOnly? FlatBy { get; set; }

    /// <summary>The IANA time zone of <see cref="TradingWindow"/> and <see cref="FlatBy"/>. Default America/Chicago.</summary>
    public string TimeZone { get; set; } = TradingCalendar.TimeZoneId;

    /// <summary>The most one entry may risk: size × stop distance in ticks × tick value. An entry without a stop distance is refused.</summary>
    public decimal? MaxRiskPerTrade { get; set; }

    /// <summary>
    /// Warn when this fraction of a loss limit is left (0.2: warn at $800 lost of a $1,000 daily limit). 0 turns warnings off.
    /// </summary>
    public decimal WarningBuffer { get; set; } = 0.2m;

    /// <summary>The CME calendar whose trading day the daily figures follow. Default equity index (17:00-16:00 Chicago).</summary>
    public ProductGroup Calendar { get; set; } = ProductGroup.EquityIndex;

    /// <summary>True when no rule is set.</summary>
    [JsonIgnore]
    public bool IsEmpty =>
        DailyLossLimit is null && TrailingMaxLoss is null && MaxContracts is null && MaxContractsPerSymbol is null && SymbolLimits.Count == 0
        && MaxOpenPositions is null && MaxOrdersPerDay is null && MaxRoundTripsPerDay is null && TradingWindow is null && FlatBy is null
        && MaxRiskPerTrade is null;

    /// <summary>A deep copy (the guard keeps its own).</summary>
    public RiskRules Clone()
    {
        var copy = (RiskRules)MemberwiseClone();
        copy.TrailingMaxLoss = TrailingMaxLoss?.Clone();
        copy.TradingWindow = TradingWindow?.Clone();
        copy.SymbolLimits = new Dictionary<string, int>(SymbolLimits, StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    /// <summary>The time zone of the window and flat-by time.</summary>
    internal DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone)
        ?? throw Invalid($"'{TimeZone}' is not an IANA time zone (e.g. America/Chicago).", nameof(TimeZone));

    /// <summary>Refuses impossible rules with a <see cref="ProjectXValidationException"/> naming the setting.</summary>
    public void Validate()
    {
        Positive(StartingBalance, nameof(StartingBalance));
        Positive(DailyLossLimit, nameof(DailyLossLimit));
        Positive(MaxRiskPerTrade, nameof(MaxRiskPerTrade));
        AtLeastOne(MaxContracts, nameof(MaxContracts));
        AtLeastOne(MaxContractsPerSymbol, nameof(MaxContractsPerSymbol));
        AtLeastOne(MaxOpenPositions, nameof(MaxOpenPositions));
        AtLeastOne(MaxOrdersPerDay, nameof(MaxOrdersPerDay));
        AtLeastOne(MaxRoundTripsPerDay, nameof(MaxRoundTripsPerDay));
        foreach (var (symbol, limit) in SymbolLimits)
        {
            if (string.IsNullOrWhiteSpace(symbol))
                throw Invalid("A symbol limit needs a symbol (a gateway root such as ENQ, or a symbol id such as F.US.ENQ).", nameof(SymbolLimits));
            AtLeastOne(limit, $"{nameof(SymbolLimits)}[{symbol}]");
        }
        if (TrailingMaxLoss is { } trailing)
        {
            if (trailing.Amount <= 0)
                throw Invalid($"The trailing maximum loss must be a positive amount (got {trailing.Amount}).", "TrailingMaxLoss.Amount");
            if (!Enum.IsDefined(trailing.Mode))
                throw Invalid($"The trailing mode is Intraday or EndOfDay (got {trailing.Mode}).", "TrailingMaxLoss.Mode");
            Positive(trailing.LockLevel, "TrailingMaxLoss.LockLevel");
        }
        if (TradingWindow is { } window && window.Start == window.End)
            throw Invalid($"The trading window {window} is empty: give different start and end times.", nameof(TradingWindow));
        if (WarningBuffer is < 0 or >= 1)
            throw Invalid($"WarningBuffer is the fraction of a limit left when the warning fires, in [0, 1) (got {WarningBuffer}).", nameof(WarningBuffer));
        if (!Enum.IsDefined(Calendar))
            throw Invalid($"'{Calendar}' is not a product group.", nameof(Calendar));
        _ = Zone;
    }

    /// <summary>The JSON the guard reads: camelCase or PascalCase, comments allowed, enums by name, times as "15:10:00".</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>Rules from JSON; validated. <see cref="ProjectXValidationException"/> when the JSON or a value is wrong.</summary>
    public static RiskRules FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RiskRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RiskRules>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw Invalid($"The risk rules are not valid JSON: {e.Message}", "json");
        }
        rules = rules ?? throw Invalid("The JSON holds no risk rules.", "json");
        rules.SymbolLimits = new Dictionary<string, int>(rules.SymbolLimits ?? [], StringComparer.OrdinalIgnoreCase);
        rules.Validate();
        return rules;
    }

    /// <summary>Rules from a JSON file.</summary>
    public static RiskRules Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"The risk rules file '{path}' cannot be read: {e.Message}", nameof(path));
        }
        return FromJson(json);
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public override string ToString() => Name ?? "custom risk rules";

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static void Positive(decimal? value, string name)
    {
        if (value is <= 0)
            throw Invalid($"{name} must be positive (got {value}); leave it out to turn the rule off.", name);
    }

    private static void AtLeastOne(int? value, string name)
    {
        if (value is < 1)
            throw Invalid($"{name} must be at least 1 (got {value}); leave it out to turn the rule off.", name);
    }

    private static ProjectXValidationException Invalid(string message, string parameter) =>
        new(ValidationReason.InvalidArgument, message, parameter);
}
