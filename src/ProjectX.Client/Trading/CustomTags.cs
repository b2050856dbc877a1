namespace ProjectX.Client;

/// <summary>Unique order tags, so every placement can be found again after a lost response.</summary>
public static class CustomTags
{
    /// <summary>The gateway's limit for <c>customTag</c> is not documented; this client keeps tags at or under 50 characters.</summary>
    public const int MaxLength = 50;
    public const string Prefix = "px-";

    /// <summary>A new tag like <c>px-3f2a…</c> (35 characters).</summary>
    public static string New() => Prefix + Guid.NewGuid().ToString("N");
}
