using System.Text.Json;
using ProjectX.Client.Indicators;
using ProjectX.Client.State;

namespace ProjectX.Client.Tests.Indicators;

/// <summary>
/// The vectors in Reference/reference-vectors.json: TA-Lib's own C code (npm talib 1.1.6) over fixed bars; see
/// Reference/generate-reference.js and its provenance block. Nothing here is computed by the code under test.
/// </summary>
public static class ReferenceVectors
{
    private static readonly Lazy<(Bar[] Bars, ReferenceCase[] Cases)> Data = new(Load);

    public static Bar[] Bars => Data.Value.Bars;
    public static IReadOnlyList<ReferenceCase> Cases => Data.Value.Cases;

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
            data.Add(c.Id);
        return data;
    }

    public static ReferenceCase Case(string id) => Cases.Single(c => c.Id == id);

    private static (Bar[], ReferenceCase[]) Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Indicators", "Reference", "reference-vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var bars = doc.RootElement.GetProperty("bars").EnumerateArray().Select(b => new Bar(
            DateTimeOffset.Parse(b.GetProperty("t").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            b.GetProperty("o").GetDecimal(), b.GetProperty("h").GetDecimal(), b.GetProperty("l").GetDecimal(), b.GetProperty("c").GetDecimal(),
            b.GetProperty("v").GetInt64())).ToArray();
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().Select(c =>
        {
            var name = c.GetProperty("indicator").GetString()!;
            var parameters = c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind == JsonValueKind.Number
                ? (p.Value.TryGetInt32(out var i) ? i : p.Value.GetDouble())
                : p.Value.GetString()));
            var outputs = c.GetProperty("outputs").EnumerateObject().ToDictionary(o => o.Name,
                o => o.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray());
            return new ReferenceCase(name, parameters, outputs);
        }).ToArray();
        return (bars, cases);
    }
}

public sealed record ReferenceCase(string Indicator, Dictionary<string, object?> Parameters, Dictionary<string, double[]> Outputs)
{
    public string Id => Indicator + "(" + string.Join(",", Parameters.Select(p => $"{p.Key}={p.Value}")) + ")";

    /// <summary>The indicator under test, built through the catalog from the case's parameters.</summary>
    public Indicator Create()
    {
        var arguments = new Dictionary<string, object?>(Parameters, StringComparer.OrdinalIgnoreCase);
        if (Indicator == "VWAP")
        {
            arguments.Remove("anchor"); // "session": the generator restarts at 23:00 UTC, the CME trade date of MNQ in winter
            arguments["Product"] = "MNQ";
        }
        else if (Indicator is "Bollinger" or "Keltner" or "SuperTrend" or "ParabolicSar")
        {
            foreach (var key in arguments.Keys.ToList())
                if (arguments[key] is int whole && key is "multiplier" or "acceleration" or "maximum")
                    arguments[key] = (double)whole;
        }
        return IndicatorCatalog.Create(Indicator, arguments);
    }
}
