using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// Single wire values for the hand-written readers of the hot models (<see cref="HotModels"/>), read exactly as
/// <see cref="GatewayJsonContext"/> reads them: the common token shape directly, everything else (a number in a string,
/// a null where none is allowed, a value out of range) through System.Text.Json with the context's own options, so
/// tolerance and errors stay the same.
/// </summary>
internal static class WireValue
{
    /// <summary>Long enough for every member name of the hot models; a longer name is not one of them.</summary>
    public const int MaxNameLength = 32;

    public static decimal Decimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value : Fallback<decimal>(ref reader);

    public static decimal? NullableDecimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value
        : reader.TokenType == JsonTokenType.Null ? null : Fallback<decimal?>(ref reader);

    public static long Int64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : Fallback<long>(ref reader);

    public static long? NullableInt64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value
        : reader.TokenType == JsonTokenType.Null ? null : Fallback<long?>(ref reader);

    public static DateTimeOffset Timestamp(ref Utf8JsonReader reader) => TolerantDateTimeOffsetConverter.ReadValue(ref reader);

    public static DateTimeOffset? NullableTimestamp(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : TolerantDateTimeOffsetConverter.ReadValue(ref reader);

    public static TEnum Enum<TEnum>(ref Utf8JsonReader reader) where TEnum : struct, System.Enum => TolerantEnumConverter<TEnum>.ReadValue(ref reader);

    /// <summary>A string member; with <paramref name="cache"/>, a value the feed repeats (contract and symbol ids) is allocated once.</summary>
    public static string? String(ref Utf8JsonReader reader, WireStringCache? cache) =>
        cache is not null && reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            ? cache.Get(reader.ValueSpan)
            : reader.GetString();

    /// <summary>The current property's name, unescaped (into <paramref name="scratch"/> when it must be); empty when longer than any known name.</summary>
    public static ReadOnlySpan<byte> Name(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
            return reader.ValueSpan;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return length > scratch.Length ? default : scratch[..reader.CopyString(scratch)];
    }

    /// <summary>Member names match case-insensitively, as the context's options say.</summary>
    public static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> expected) => Ascii.EqualsIgnoreCase(name, expected);

    /// <summary>Fails like System.Text.Json would when the token is not where a value of the model starts.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
            throw new JsonException($"Expected {token} for {what}, got {reader.TokenType}.");
    }

    private static T Fallback<T>(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)GatewayJsonContext.Default.GetTypeInfo(typeof(T))!)!;
}

/// <summary>
/// The few strings a market feed repeats on every message (contract ids, symbol ids), kept with their UTF-8 bytes so a
/// message that carries one again gets the same string instead of a new one. A small round-robin set; safe to share
/// (entries are immutable, a race only costs a duplicate string).
/// </summary>
internal sealed class WireStringCache
{
    private const int MaxBytes = 64;
    private readonly Entry?[] _entries = new Entry?[16];
    private int _next;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
            return Encoding.UTF8.GetString(utf8);
        foreach (var entry in _entries)
        {
            if (entry is not null && utf8.SequenceEqual(entry.Utf8))
                return entry.Value;
        }
        var added = new Entry(utf8.ToArray(), Encoding.UTF8.GetString(utf8));
        _entries[(uint)Interlocked.Increment(ref _next) % (uint)_entries.Length] = added;
        return added.Value;
    }

    private sealed record Entry(byte[] Utf8, string Value);
}

/// <summary>Collects a JSON array's elements: one element without a buffer, more in a pooled one; the result is exactly sized.</summary>
internal struct ArrayCollector<T>
{
    private T? _first;
    private T[]? _pooled;
    private int _count;

    public void Add(T item)
    {
        if (_count == 0)
        {
            _first = item;
            _count = 1;
            return;
        }
        if (_pooled is null)
        {
            _pooled = ArrayPool<T>.Shared.Rent(8);
            _pooled[0] = _first!;
            _first = default;
        }
        else if (_count == _pooled.Length)
        {
            var bigger = ArrayPool<T>.Shared.Rent(_pooled.Length * 2);
            _pooled.AsSpan(0, _count).CopyTo(bigger);
            Return(_pooled, _count);
            _pooled = bigger;
        }
        _pooled[_count++] = item;
    }

    /// <summary>The elements; returns the pooled buffer (call once).</summary>
    public T[] ToArray()
    {
        if (_count == 0)
            return [];
        if (_pooled is null)
            return [_first!];
        var result = _pooled.AsSpan(0, _count).ToArray();
        Return(_pooled, _count);
        _pooled = null;
        return result;
    }

    private static void Return(T[] pooled, int count)
    {
        pooled.AsSpan(0, count).Clear(); // no references kept alive by the pool
        ArrayPool<T>.Shared.Return(pooled);
    }
}
