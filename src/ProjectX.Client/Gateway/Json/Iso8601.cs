namespace ProjectX.Client.Gateway.Json;

/// <summary>
/// The fast path for the timestamps the gateway sends: <c>yyyy-MM-ddTHH:mm:ss</c>, 0–7 fractional digits, then
/// <c>Z</c>, <c>±HH:mm</c> or nothing (UTC), read straight from the UTF-8 bytes without a string. Anything else is
/// left to the tolerant parser (<see cref="TolerantDateTimeOffsetConverter"/>), so this only has to be right for what
/// it accepts: the same instant, with a zero offset.
/// </summary>
internal static class Iso8601
{
    private static readonly long[] FractionScale = [0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    public static bool TryParseUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
            return false;
        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;

        var rest = text[19..];
        long fraction = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && IsDigit(rest[digits]))
                digits++;
            var count = digits - 1;
            if (count is < 1 or > 7 || !TryDigits(rest.Slice(1, count), out var parsed))
                return false;
            fraction = parsed * FractionScale[count];
            rest = rest[digits..];
        }

        long offsetTicks = 0;
        if (rest.Length == 1 && rest[0] == 'Z')
        {
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':')
        {
            if (!TryDigits(rest.Slice(1, 2), out var offsetHours) || !TryDigits(rest.Slice(4, 2), out var offsetMinutes) || offsetMinutes > 59)
                return false;
            offsetTicks = (offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute);
            if (offsetTicks > 14 * TimeSpan.TicksPerHour)
                return false;
            if (rest[0] == '-')
                offsetTicks = -offsetTicks;
        }
        else if (rest.Length != 0)
            return false;

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction;
        var utc = local - offsetTicks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!IsDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
