using System.Globalization;

namespace ProjectX.Client;

/// <summary>The role of an order in a client-managed OCO bracket, as its customTag says.</summary>
public enum ProtectionRole
{
    /// <summary>The entry: when it fills, the engine places the two legs.</summary>
    Entry,
    /// <summary>The stop-loss leg (a Stop order on the exit side).</summary>
    StopLoss,
    /// <summary>The take-profit leg (a Limit order on the exit side).</summary>
    TakeProfit,
}

/// <summary>What a client-managed OCO tag says: the order's role, its bracket group and, for an entry, the leg distances.</summary>
public sealed record ProtectionTag(ProtectionRole Role, string Group, int? StopLossTicks, int? TakeProfitTicks);

/// <summary>
/// The one grammar of client-managed OCO tags. Every order the protection manager sends carries one, so the legs and
/// a pending entry are recognised from the gateway's own state after a reconnect or a restart (no local file):
/// <list type="bullet">
/// <item><c>pxo-e-{group}-{nonce}-{stopTicks}-{targetTicks}</c>: an entry (0 = no such leg);</item>
/// <item><c>pxo-s-{group}-{nonce}</c> and <c>pxo-t-{group}-{nonce}</c>: a stop-loss and a take-profit leg.</item>
/// </list>
/// Every tag has a fresh nonce because a customTag must be unique on the account: a second entry that adds to a
/// protected position shares its group. Entries tagged <c>pxo-e-{group}-{stopTicks}-{targetTicks}</c> (no nonce, by
/// earlier versions) are still read.
/// The group is 12 hex digits; tags stay well under <see cref="CustomTags.MaxLength"/>.
/// </summary>
public static class ProtectionTags
{
    public const string Prefix = "pxo-";

    /// <summary>A new bracket group id.</summary>
    public static string NewGroup() => Guid.NewGuid().ToString("N")[..12];

    public static string Entry(string group, int? stopLossTicks, int? takeProfitTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}e-{group}-{Nonce()}-{stopLossTicks ?? 0}-{takeProfitTicks ?? 0}");

    public static string Leg(ProtectionRole role, string group) => role switch
    {
        ProtectionRole.StopLoss => $"{Prefix}s-{group}-{Nonce()}",
        ProtectionRole.TakeProfit => $"{Prefix}t-{group}-{Nonce()}",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Entries are tagged with Entry()."),
    };

    /// <summary>Reads a tag; null for any tag this grammar did not write (orders of other tools are never touched).</summary>
    public static ProtectionTag? TryParse(string? customTag)
    {
        if (customTag is null || !customTag.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var parts = customTag[Prefix.Length..].Split('-');
        if (parts.Length is < 3 or > 5 || parts[1].Length != 12 || !IsHex(parts[1]))
            return null;
        return (parts[0], parts.Length) switch
        {
            ("e", 5) when IsHex(parts[2]) && Ticks(parts[3]) is { } sl && Ticks(parts[4]) is { } tp =>
                new ProtectionTag(ProtectionRole.Entry, parts[1], sl == 0 ? null : sl, tp == 0 ? null : tp),
            ("e", 4) when Ticks(parts[2]) is { } sl && Ticks(parts[3]) is { } tp =>
                new ProtectionTag(ProtectionRole.Entry, parts[1], sl == 0 ? null : sl, tp == 0 ? null : tp),
            ("s", 3) => new ProtectionTag(ProtectionRole.StopLoss, parts[1], null, null),
            ("t", 3) => new ProtectionTag(ProtectionRole.TakeProfit, parts[1], null, null),
            _ => null,
        };
    }

    private static string Nonce() => Guid.NewGuid().ToString("N")[..6];

    private static int? Ticks(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 ? ticks : null;

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);
}
