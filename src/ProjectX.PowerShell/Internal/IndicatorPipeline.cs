using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using ProjectX.Client.Indicators;
using ProjectX.Client.State;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// What Add-PxIndicator does: one indicator per contract and timeframe (a pipeline may carry several symbols), each
/// bar closed into it and its values added to the bar as [double] note properties. Indicator names, parameters and
/// their checks come from the client's <see cref="IndicatorCatalog"/>.
/// </summary>
internal sealed class IndicatorPipeline
{
    /// <summary>Add-PxIndicator's parameters that are indicator parameters (the catalog's names).</summary>
    private static readonly HashSet<string> ParameterNames = new(
        IndicatorCatalog.All.SelectMany(d => d.Parameters).Select(p => p.Name), StringComparer.OrdinalIgnoreCase);

    private readonly IndicatorDefinition _definition;
    private readonly Dictionary<string, object?> _arguments;
    private readonly string[] _properties;
    private readonly Dictionary<string, Indicator> _bySeries = new(StringComparer.Ordinal);

    private IndicatorPipeline(IndicatorDefinition definition, Dictionary<string, object?> arguments, string[] properties)
    {
        _definition = definition;
        _arguments = arguments;
        _properties = properties;
    }

    public static bool IsIndicatorParameter(string name) => ParameterNames.Contains(name);

    /// <summary>The names of the [double] properties the values go to, the first value first.</summary>
    public IReadOnlyList<string> Properties => _properties;

    /// <summary>
    /// Reads one -Indicator item of Start-PxDataFeed: a name (<c>RSI</c>) or a hashtable with Name, optionally As, and
    /// the indicator's parameters (<c>@{ Name = 'SMA'; Period = 50; As = 'Slow' }</c>).
    /// </summary>
    public static IndicatorPipeline? FromSpec(object? spec, out ErrorRecord? error)
    {
        var value = spec is PSObject wrapped ? wrapped.BaseObject : spec;
        if (value is string name)
        {
            return Create(name, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase), null, out error);
        }

        if (value is System.Collections.IDictionary table)
        {
            string? indicator = null, prefix = null;
            var arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (System.Collections.DictionaryEntry entry in table)
            {
                var key = entry.Key?.ToString() ?? "";
                var item = entry.Value is PSObject p ? p.BaseObject : entry.Value;
                if (string.Equals(key, "Name", StringComparison.OrdinalIgnoreCase))
                {
                    indicator = item?.ToString();
                }
                else if (string.Equals(key, "As", StringComparison.OrdinalIgnoreCase))
                {
                    prefix = item?.ToString();
                }
                else
                {
                    arguments[key] = item is DateTime time ? DateRange.ToOffset(time) : item;
                }
            }

            if (!string.IsNullOrEmpty(indicator))
            {
                return Create(indicator, arguments, prefix, out error);
            }
        }

        error = ProjectXErrors.InvalidArgument(ProjectXErrors.InvalidIndicatorId,
            $"An -Indicator item is a name ('RSI') or a hashtable with a Name (@{{ Name = 'SMA'; Period = 50; As = 'Slow' }}), not '{value}'. Nothing was started.", spec);
        return null;
    }

    /// <summary>A new indicator of this definition and arguments (VWAP without -Product restarts on <paramref name="symbol"/>'s trading day).</summary>
    public Indicator NewIndicator(string symbol)
    {
        var arguments = _arguments;
        if (NeedsProduct(_definition, arguments))
        {
            arguments = new Dictionary<string, object?>(arguments, StringComparer.OrdinalIgnoreCase) { ["Product"] = symbol };
        }

        return _definition.Create(arguments);
    }

    /// <summary>Checks the name and arguments by building one indicator; null and an error when they are wrong.</summary>
    public static IndicatorPipeline? Create(string name, Dictionary<string, object?> arguments, string? prefix, out ErrorRecord? error)
    {
        error = null;
        if (!IndicatorCatalog.TryFind(name, out var definition))
        {
            error = ProjectXErrors.InvalidArgument(ProjectXErrors.InvalidIndicatorId,
                $"There is no indicator named '{name}'. Indicators: {string.Join(", ", IndicatorCatalog.All.Select(d => d.Name))}.", name);
            return null;
        }

        var stray = arguments.Keys.Where(k => !definition.Parameters.Any(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (stray.Count > 0)
        {
            error = ProjectXErrors.InvalidArgument(ProjectXErrors.InvalidIndicatorId,
                $"{definition.Name} has no parameter {string.Join(", ", stray.Select(s => "-" + s))}; it takes {Describe(definition)}.", name);
            return null;
        }

        try
        {
            // VWAP without -Product or -Anchor takes each bar's symbol; check the rest with a stand-in product.
            var probe = new Dictionary<string, object?>(arguments, StringComparer.OrdinalIgnoreCase);
            if (NeedsProduct(definition, probe))
            {
                probe["Product"] = "MNQ";
            }

            var indicator = definition.Create(probe);
            prefix ??= definition.Name;
            var properties = indicator.Outputs.Select((o, i) => i == 0 ? prefix : prefix + o).ToArray();
            return new IndicatorPipeline(definition, arguments, properties);
        }
        catch (ArgumentException e)
        {
            error = ProjectXErrors.InvalidArgument(ProjectXErrors.InvalidIndicatorId, e.Message, name);
            return null;
        }
        catch (ProjectX.Client.Sessions.UnknownProductException e)
        {
            error = ProjectXErrors.InvalidArgument(ProjectXErrors.InvalidIndicatorId, $"VWAP: {e.Message}", name);
            return null;
        }
    }

    /// <summary>Closes <paramref name="input"/> into its series' indicator and adds the values; an error leaves the bar unchanged.</summary>
    public ErrorRecord? Add(PSObject input)
    {
        if (!TryReadBar(input, out var bar, out var series, out var symbol))
        {
            return ProjectXErrors.InvalidArgument(ProjectXErrors.IndicatorInputId,
                "Add-PxIndicator reads bars: ProjectX.Bar objects (Get-PxBar), or objects with Time, Open, High, Low, Close and Volume properties.", input);
        }

        foreach (var property in _properties)
        {
            if (input.Properties[property] is not null)
            {
                return ProjectXErrors.InvalidArgument(ProjectXErrors.IndicatorInputId,
                    $"The bar already has a property '{property}'. Give this indicator another name with -As.", input);
            }
        }

        try
        {
            if (!_bySeries.TryGetValue(series, out var indicator))
            {
                indicator = NewIndicator(symbol);
                _bySeries[series] = indicator;
            }

            indicator.Close(bar);
            for (int i = 0; i < _properties.Length; i++)
            {
                input.Properties.Add(new PSNoteProperty(_properties[i], indicator.Values[i]));
            }

            return null;
        }
        catch (ArgumentException e)
        {
            return ProjectXErrors.InvalidArgument(ProjectXErrors.IndicatorInputId, e.Message, input);
        }
        catch (ProjectX.Client.Sessions.TradingCalendarNotCoveredException e)
        {
            return ProjectXErrors.InvalidArgument(ProjectXErrors.IndicatorInputId, $"VWAP: {e.Message}", input);
        }
        catch (ProjectX.Client.Sessions.UnknownProductException e)
        {
            return ProjectXErrors.InvalidArgument(ProjectXErrors.IndicatorInputId, $"VWAP needs a CME product for its trading day: {e.Message} Pass -Product or -Anchor.", input);
        }
    }

    /// <summary>Every indicator's parameters and defaults, for messages and help.</summary>
    public static string Describe(IndicatorDefinition definition) =>
        definition.Parameters.Count == 0 ? "no parameters" : string.Join(", ", definition.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"-{p.Name} {p.Default ?? "(none)"}")));

    private static bool NeedsProduct(IndicatorDefinition definition, Dictionary<string, object?> arguments) =>
        definition.Parameters.Any(p => p.Name == "Product") && !arguments.ContainsKey("Product") && !arguments.ContainsKey("Anchor");

    private static bool TryReadBar(PSObject input, out Bar bar, out string series, out string symbol)
    {
        if (input.BaseObject is PxBar px)
        {
            bar = new Bar(px.Time, px.Open, px.High, px.Low, px.Close, px.Volume);
            series = px.ContractId + "|" + px.Timeframe;
            symbol = px.Symbol.Length > 0 ? px.Symbol : px.ContractId;
            return true;
        }

        bar = default;
        series = symbol = "";
        try
        {
            var time = input.Properties["Time"]?.Value ?? input.Properties["Start"]?.Value;
            if (time is null || input.Properties["Close"]?.Value is null)
            {
                return false;
            }

            var start = time is DateTimeOffset offset ? offset : DateRange.ToOffset(LanguagePrimitives.ConvertTo<DateTime>(time));
            decimal Price(string name) => LanguagePrimitives.ConvertTo<decimal>(input.Properties[name]?.Value ?? input.Properties["Close"]!.Value);
            bar = new Bar(start, Price("Open"), Price("High"), Price("Low"), Price("Close"),
                input.Properties["Volume"]?.Value is { } volume ? LanguagePrimitives.ConvertTo<long>(volume) : 0);
            symbol = input.Properties["Symbol"]?.Value?.ToString() ?? "";
            series = symbol + "|" + input.Properties["Timeframe"]?.Value;
            return true;
        }
        catch (PSInvalidCastException)
        {
            return false;
        }
    }
}

/// <summary>Tab completion for Add-PxIndicator's -Name: every indicator of the catalog, its title and parameters as the tooltip.</summary>
internal sealed class IndicatorCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        => Completion.Match(wordToComplete, IndicatorCatalog.All.Select(d => (d.Name, $"{d.Title} ({IndicatorPipeline.Describe(d)})")));
}

/// <summary>Tab completion for -Source: the prices an indicator can read.</summary>
internal sealed class PriceSourceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        => Completion.Match(wordToComplete, Enum.GetNames<PriceSource>().Select(n => (n, $"{n} price")));
}
