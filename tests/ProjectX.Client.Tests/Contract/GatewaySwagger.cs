using System.Text.Json.Nodes;
using NJsonSchema;

namespace ProjectX.Client.Tests.Contract;

/// <summary>
/// The official Swagger 2.0 document (plus the hand-written 2026 additions, see tests/contracts/README.md)
/// turned into JSON Schema, so every request and response body can be checked against it.
/// Conversion rules: objects reject unknown members (so a wrong field name such as <c>closeSize</c> fails);
/// required members must be present and non-null; optional members may be absent or null (the gateway
/// writes explicit nulls); int32/int64 formats become numeric ranges.
/// </summary>
internal sealed class GatewaySwagger
{
    private readonly Dictionary<string, (string? Request, string? Response)> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private GatewaySwagger() { }

    public IReadOnlyCollection<string> Paths => _operations.Keys;

    public static GatewaySwagger Load()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "contracts");
        var official = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "gateway-swagger.json")))!.AsObject();
        var additions = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "gateway-swagger-2026-additions.json")))!.AsObject();

        var definitions = new JsonObject();
        foreach (var source in new[] { official, additions })
            foreach (var (name, def) in source["definitions"]!.AsObject())
                definitions[name] = Convert(def!.DeepClone());

        var swagger = new GatewaySwagger();
        foreach (var source in new[] { official, additions })
        {
            foreach (var (path, item) in source["paths"]!.AsObject())
            {
                var operation = item!.AsObject().First().Value!.AsObject();
                var request = operation["parameters"]?.AsArray()
                    .FirstOrDefault(p => (string?)p!["in"] == "body")?["schema"]?["$ref"]?.GetValue<string>();
                var response = operation["responses"]?["200"]?["schema"]?["$ref"]?.GetValue<string>();
                swagger._operations[path] = (DefinitionName(request), DefinitionName(response));
            }
        }

        foreach (var name in definitions.Select(d => d.Key).ToList())
        {
            var document = new JsonObject
            {
                ["$schema"] = "http://json-schema.org/draft-04/schema#",
                ["definitions"] = definitions.DeepClone(),
                // A root "$ref" would replace the document (and its definitions) during resolution.
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/" + name }),
            };
            swagger._schemas[name] = JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
        }
        return swagger;
    }

    public string? RequestDefinition(string path) => Lookup(path).Request;

    public string? ResponseDefinition(string path) => Lookup(path).Response;

    /// <summary>Errors of a request body sent to <paramref name="path"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> ValidateRequest(string path, string json) => Validate(RequestDefinition(path), path, json);

    /// <summary>Errors of an HTTP 200 response body from <paramref name="path"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> ValidateResponse(string path, string json) => Validate(ResponseDefinition(path), path, json);

    private (string? Request, string? Response) Lookup(string path) =>
        _operations.TryGetValue(path, out var op) ? op : throw new KeyNotFoundException($"{path} is not in the Swagger.");

    private IReadOnlyList<string> Validate(string? definition, string path, string json)
    {
        if (definition is null)
            return [];
        return _schemas[definition].Validate(json)
            .Select(e => $"{path} ({definition}) {e.Path}: {e.Kind}")
            .ToList();
    }

    private static string? DefinitionName(string? reference) => reference?.Split('/')[^1];

    private static JsonNode Convert(JsonNode node)
    {
        var schema = node.AsObject();
        foreach (var key in schema.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal) || k == "description").ToList())
            schema.Remove(key);
        MapFormat(schema);
        if ((string?)schema["type"] == "object" && schema["properties"] is JsonObject properties)
        {
            var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                var property = Convert(properties[name]!.DeepClone());
                properties[name] = required.Contains(name) ? property : Nullable(property);
            }
            schema["additionalProperties"] = false;
        }
        if (schema["items"] is JsonObject items)
            schema["items"] = Convert(items.DeepClone());
        return schema;
    }

    private static void MapFormat(JsonObject schema)
    {
        switch ((string?)schema["format"])
        {
            case "int32":
                schema["minimum"] = int.MinValue; schema["maximum"] = int.MaxValue; schema.Remove("format"); break;
            case "int64":
                schema["minimum"] = long.MinValue; schema["maximum"] = long.MaxValue; schema.Remove("format"); break;
            case "decimal" or "double" or "float":
                schema.Remove("format"); break;
        }
    }

    private static JsonNode Nullable(JsonNode property)
    {
        var schema = property.AsObject();
        if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
            return schema;
        }
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, schema) };
    }
}
