using System.Globalization;
using ProjectX.Client.Sessions;

namespace ProjectX.Client.Indicators;

/// <summary>One parameter of an indicator: its name, type, default and meaning.</summary>
public sealed record IndicatorParameter(string Name, Type Type, object? Default, string Description);

/// <summary>An indicator the catalog can build by name: what it is, its parameters and its outputs.</summary>
public sealed class IndicatorDefinition
{
    private readonly Func<Func<string, object?>, Indicator> _create;

    internal IndicatorDefinition(string name, string title, string category, string[] outputs, IndicatorParameter[] parameters, Func<Func<string, object?>, Indicator> create)
    {
        Name = name;
        Title = title;
        Category = category;
        Outputs = outputs;
        Parameters = parameters;
        _create = create;
    }

    /// <summary>The name used to ask for it (e.g. <c>RSI</c>).</summary>
    public string Name { get; }
    public string Title { get; }

    /// <summary>Moving average, Momentum, Volume, Volatility or Trend.</summary>
    public string Category { get; }
    public IReadOnlyList<string> Outputs { get; }
    public IReadOnlyList<IndicatorParameter> Parameters { get; }

    /// <summary>
    /// Builds the indicator; <paramref name="arguments"/> may hold any of <see cref="Parameters"/> by name
    /// (case-insensitive); the others take their defaults.
    /// </summary>
    /// <exception cref="ArgumentException">An argument is not a parameter of this indicator, or has the wrong type.</exception>
    public Indicator Create(IReadOnlyDictionary<string, object?>? arguments = null)
    {
        if (arguments is not null)
        {
            foreach (var key in arguments.Keys)
            {
                if (!Parameters.Any(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)))
                    throw new ArgumentException($"{Name} has no parameter '{key}'; it takes {Describe()}.", nameof(arguments));
            }
        }
        return _create(name =>
        {
            var parameter = Parameters.First(p => p.Name == name);
            if (arguments is not null)
            {
                foreach (var (key, value) in arguments)
                {
                    if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && value is not null)
                        return Convert(parameter, value);
                }
            }
            return parameter.Default;
        });
    }

    /// <summary>The parameters and their defaults, e.g. <c>Period=14, Source=Close</c>.</summary>
    public string Describe() =>
        Parameters.Count == 0 ? "no parameters" : string.Join(", ", Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Default ?? "(none)"}")));

    public override string ToString() => $"{Name}: {Title} ({Describe()})";

    private object Convert(IndicatorParameter parameter, object value)
    {
        try
        {
            var target = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
            if (target.IsInstanceOfType(value))
                return value;
            if (target.IsEnum)
                return value is string text ? Enum.Parse(target, text, ignoreCase: true) : Enum.ToObject(target, value);
            if (target == typeof(DateTimeOffset))
                return value is DateTime dt ? new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt)
                    : DateTimeOffset.Parse(System.Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"{Name}: '{value}' is not a valid {parameter.Name} ({(Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type).Name}).", parameter.Name, e);
        }
    }
}

/// <summary>
/// Every indicator by name, with its parameters: the one list the SDK, the PowerShell module (tab completion,
/// help) and the tests read. Names are TA-Lib's where TA-Lib has the indicator; aliases are accepted.
/// </summary>
public static class IndicatorCatalog
{
    private const string MovingAverage = "Moving average", Momentum = "Momentum", VolumeCategory = "Volume", Volatility = "Volatility", TrendCategory = "Trend";

    private static IndicatorParameter Period(int value, string description = "Bars in the window.") => new("Period", typeof(int), value, description);
    private static readonly IndicatorParameter Source = new("Source", typeof(PriceSource), PriceSource.Close, "The price read: Close, Open, High, Low, Median, Typical or Average.");
    private static IndicatorParameter Int(string name, int value, string description) => new(name, typeof(int), value, description);
    private static IndicatorParameter Real(string name, double value, string description) => new(name, typeof(double), value, description);

    private static readonly IndicatorDefinition[] Definitions =
    [
        new("SMA", "Simple moving average", MovingAverage, ["Value"], [Period(20), Source], a => new Sma((int)a("Period")!, (PriceSource)a("Source")!)),
        new("EMA", "Exponential moving average (SMA-seeded)", MovingAverage, ["Value"], [Period(20), Source], a => new Ema((int)a("Period")!, (PriceSource)a("Source")!)),
        new("WMA", "Linearly weighted moving average", MovingAverage, ["Value"], [Period(20), Source], a => new Wma((int)a("Period")!, (PriceSource)a("Source")!)),
        new("DEMA", "Double exponential moving average", MovingAverage, ["Value"], [Period(20), Source], a => new Dema((int)a("Period")!, (PriceSource)a("Source")!)),
        new("TEMA", "Triple exponential moving average", MovingAverage, ["Value"], [Period(20), Source], a => new Tema((int)a("Period")!, (PriceSource)a("Source")!)),
        new("KAMA", "Kaufman adaptive moving average", MovingAverage, ["Value"], [Period(30, "Bars in the efficiency ratio."), Source], a => new Kama((int)a("Period")!, (PriceSource)a("Source")!)),
        new("RSI", "Relative strength index (Wilder)", Momentum, ["Value"], [Period(14), Source], a => new Rsi((int)a("Period")!, (PriceSource)a("Source")!)),
        new("MACD", "Moving average convergence/divergence", Momentum, ["Macd", "Signal", "Histogram"],
            [Int("Fast", 12, "Fast EMA period."), Int("Slow", 26, "Slow EMA period."), Int("Signal", 9, "Signal EMA period."), Source],
            a => new Macd((int)a("Fast")!, (int)a("Slow")!, (int)a("Signal")!, (PriceSource)a("Source")!)),
        new("Stochastic", "Stochastic oscillator (slow, SMA-smoothed)", Momentum, ["K", "D"],
            [Int("KPeriod", 5, "Bars in the high-low range."), Int("KSmoothing", 3, "SMA of fast %K (1 = fast stochastic)."), Int("DPeriod", 3, "SMA of %K.")],
            a => new Stochastic((int)a("KPeriod")!, (int)a("KSmoothing")!, (int)a("DPeriod")!)),
        new("StochasticRsi", "Stochastic RSI", Momentum, ["K", "D"],
            [Period(14, "RSI period."), Int("KPeriod", 5, "RSI values in the range."), Int("DPeriod", 3, "SMA of %K."), Source],
            a => new StochasticRsi((int)a("Period")!, (int)a("KPeriod")!, (int)a("DPeriod")!, (PriceSource)a("Source")!)),
        new("ADX", "Average directional index with +DI and -DI", Momentum, ["Adx", "PlusDi", "MinusDi"], [Period(14)], a => new Adx((int)a("Period")!)),
        new("CCI", "Commodity channel index", Momentum, ["Value"], [Period(14)], a => new Cci((int)a("Period")!)),
        new("WilliamsR", "Williams %R", Momentum, ["Value"], [Period(14)], a => new WilliamsR((int)a("Period")!)),
        new("ROC", "Rate of change (percent)", Momentum, ["Value"], [Period(10), Source], a => new Roc((int)a("Period")!, (PriceSource)a("Source")!)),
        new("MFI", "Money flow index", Momentum, ["Value"], [Period(14)], a => new Mfi((int)a("Period")!)),
        new("OBV", "On-balance volume", VolumeCategory, ["Value"], [], _ => new Obv()),
        new("VWAP", "Volume-weighted average price, per trading session or from an anchor", VolumeCategory, ["Value"],
            [new("Product", typeof(string), null, "Symbol or contract whose CME trading day restarts the VWAP (e.g. MNQ)."),
             new("Anchor", typeof(DateTimeOffset?), null, "Accumulate from this time instead of restarting each session.")],
            a => a("Anchor") is DateTimeOffset anchor ? new Vwap(anchor)
                : a("Product") is string product ? new Vwap(TradingCalendar.For(product))
                : throw new ArgumentException("VWAP needs a Product (restart each trading session) or an Anchor time.", "arguments")),
        new("ATR", "Average true range (Wilder)", Volatility, ["Value"], [Period(14)], a => new Atr((int)a("Period")!)),
        new("NATR", "Normalized average true range (percent of close)", Volatility, ["Value"], [Period(14)], a => new Natr((int)a("Period")!)),
        new("StdDev", "Standard deviation (population)", Volatility, ["Value"], [Period(20), Source], a => new StdDev((int)a("Period")!, (PriceSource)a("Source")!)),
        new("Bollinger", "Bollinger Bands", Volatility, ["Middle", "Upper", "Lower"],
            [Period(20), Real("Multiplier", 2.0, "Standard deviations from the middle."), Source],
            a => new BollingerBands((int)a("Period")!, (double)a("Multiplier")!, (PriceSource)a("Source")!)),
        new("Keltner", "Keltner Channels (EMA +- ATR)", Volatility, ["Middle", "Upper", "Lower"],
            [Period(20, "EMA period."), Int("AtrPeriod", 10, "ATR period."), Real("Multiplier", 2.0, "ATRs from the middle.")],
            a => new KeltnerChannels((int)a("Period")!, (int)a("AtrPeriod")!, (double)a("Multiplier")!)),
        new("Donchian", "Donchian Channels", Volatility, ["Middle", "Upper", "Lower"], [Period(20)], a => new DonchianChannels((int)a("Period")!)),
        new("ParabolicSar", "Parabolic stop and reverse (Wilder)", TrendCategory, ["Value"],
            [Real("Acceleration", 0.02, "Acceleration factor step and start."), Real("Maximum", 0.2, "Largest acceleration factor.")],
            a => new ParabolicSar((double)a("Acceleration")!, (double)a("Maximum")!)),
        new("SuperTrend", "SuperTrend (ATR bands that trail the trend)", TrendCategory, ["Value", "Direction"],
            [Period(10, "ATR period."), Real("Multiplier", 3.0, "ATRs from (high+low)/2.")],
            a => new SuperTrend((int)a("Period")!, (double)a("Multiplier")!)),
    ];

    private static readonly Dictionary<string, string> AliasMap = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOCH"] = "Stochastic", ["STOCHRSI"] = "StochasticRsi", ["WILLR"] = "WilliamsR", ["STDDEV"] = "StdDev",
        ["BBANDS"] = "Bollinger", ["KC"] = "Keltner", ["SAR"] = "ParabolicSar", ["PSAR"] = "ParabolicSar",
    };

    /// <summary>Every indicator, in catalog order (by category).</summary>
    public static IReadOnlyList<IndicatorDefinition> All => Definitions;

    /// <summary>Other names accepted for an indicator (TA-Lib's function names), to its catalog name.</summary>
    public static IReadOnlyDictionary<string, string> Aliases => AliasMap;

    public static bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IndicatorDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (AliasMap.TryGetValue(name, out var canonical))
            name = canonical;
        definition = Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        return definition is not null;
    }

    /// <exception cref="ArgumentException">No indicator has that name.</exception>
    public static IndicatorDefinition Find(string name) =>
        TryFind(name, out var definition) ? definition
            : throw new ArgumentException($"No indicator named '{name}'. Known: {string.Join(", ", Definitions.Select(d => d.Name))}.", nameof(name));

    /// <summary>Builds the indicator <paramref name="name"/> with <paramref name="arguments"/> (the rest default).</summary>
    public static Indicator Create(string name, IReadOnlyDictionary<string, object?>? arguments = null) => Find(name).Create(arguments);
}
