using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProjectX.Client.Realtime;

/// <summary>
/// Reads a user-hub payload in any of the shapes seen in the wild (spec §8.3): the bare model, the
/// <c>{action, data}</c> wrapper (whose data may itself be an array), or an array of either.
/// </summary>
internal static class UserPayload
{
    private const int MaxDepth = 4;

    /// <summary>Calls <paramref name="sink"/> once per model found. Throws <see cref="JsonException"/> on a shape it cannot read.</summary>
    public static void Read<T>(JsonElement payload, JsonTypeInfo<T> model, Action<T, int?> sink) where T : class =>
        Read(payload, model, sink, action: null, depth: 0);

    private static void Read<T>(JsonElement payload, JsonTypeInfo<T> model, Action<T, int?> sink, int? action, int depth) where T : class
    {
        if (depth > MaxDepth)
            throw new JsonException("User payload is nested too deeply.");
        switch (payload.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in payload.EnumerateArray())
                    Read(item, model, sink, action, depth + 1);
                break;
            case JsonValueKind.Object when TryUnwrap(payload, out var data, out var wrappedAction):
                Read(data, model, sink, wrappedAction ?? action, depth + 1);
                break;
            case JsonValueKind.Object:
                sink(payload.Deserialize(model) ?? throw new JsonException("User payload is null."), action);
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                throw new JsonException($"User payload is a {payload.ValueKind}, not an object or array.");
        }
    }

    /// <summary>A wrapper is an object with a <c>data</c> member holding an object or array (models have no such member).</summary>
    private static bool TryUnwrap(JsonElement payload, out JsonElement data, out int? action)
    {
        data = default;
        action = null;
        var found = false;
        foreach (var property in payload.EnumerateObject())
        {
            if (property.NameEquals("data") || string.Equals(property.Name, "data", StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                    return false;
                data = property.Value;
                found = true;
            }
            else if (string.Equals(property.Name, "action", StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var value))
                    action = value;
                else if (property.Value.ValueKind == JsonValueKind.String && int.TryParse(property.Value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value))
                    action = value;
            }
        }
        return found;
    }
}
