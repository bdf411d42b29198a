namespace Postmeter.Core.Parsing;

/// <summary>Reads the two timestamp shapes found in mail logs without allocating.</summary>
internal static class SyslogTimestamp
{
    /// <summary>
    /// Traditional <c>Mmm dd HH:MM:SS</c> (day space- or zero-padded), optionally with a fraction of a second.
    /// Returns the number of bytes consumed.
    /// </summary>
    public static int TryParseTraditional(ReadOnlySpan<byte> s, out int month, out int day, out int secondOfDay, out long fractionTicks)
    {
        month = day = secondOfDay = 0;
        fractionTicks = 0;
        if (s.Length < 15 || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':')
        {
            return 0;
        }

        month = MonthOf(s[0], s[1], s[2]);
        if (month == 0)
        {
            return 0;
        }

        var d1 = s[4];
        var d2 = s[5];
        if (!Ascii.IsDigit(d2) || !(d1 == ' ' || Ascii.IsDigit(d1)))
        {
            return 0;
        }

        day = ((d1 == ' ' ? 0 : d1 - '0') * 10) + (d2 - '0');
        if (day is < 1 or > 31
            || !Ascii.TryTwoDigits(s, 7, out var h) || !Ascii.TryTwoDigits(s, 10, out var m) || !Ascii.TryTwoDigits(s, 13, out var sec)
            || h > 23 || m > 59 || sec > 60)
        {
            return 0;
        }

        secondOfDay = (h * 3600) + (m * 60) + Math.Min(sec, 59);
        var used = 15;
        if (s.Length > 16 && s[15] == '.')
        {
            used = 16 + ReadFraction(s[16..], out fractionTicks);
        }

        return used;
    }

    /// <summary>RFC 3339 with optional fraction and a <c>Z</c> or <c>±hh:mm</c> offset. Returns bytes consumed.</summary>
    public static int TryParseRfc3339(ReadOnlySpan<byte> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        {
            return 0;
        }

        if (!Ascii.TryTwoDigits(s, 0, out var y1) || !Ascii.TryTwoDigits(s, 2, out var y2)
            || !Ascii.TryTwoDigits(s, 5, out var month) || !Ascii.TryTwoDigits(s, 8, out var day)
            || !Ascii.TryTwoDigits(s, 11, out var h) || !Ascii.TryTwoDigits(s, 14, out var m) || !Ascii.TryTwoDigits(s, 17, out var sec))
        {
            return 0;
        }

        var year = (y1 * 100) + y2;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || h > 23 || m > 59 || sec > 60)
        {
            return 0;
        }

        var pos = 19;
        long fraction = 0;
        if (pos < s.Length && s[pos] == '.')
        {
            pos += 1 + ReadFraction(s[(pos + 1)..], out fraction);
        }

        if (pos >= s.Length)
        {
            return 0;
        }

        long offsetTicks;
        if (s[pos] is (byte)'Z' or (byte)'z')
        {
            offsetTicks = 0;
            pos++;
        }
        else if ((s[pos] == '+' || s[pos] == '-') && pos + 5 < s.Length + 0 && Ascii.TryTwoDigits(s, pos + 1, out var oh))
        {
            var om = 0;
            var next = pos + 3;
            if (next < s.Length && s[next] == ':')
            {
                if (!Ascii.TryTwoDigits(s, next + 1, out om))
                {
                    return 0;
                }

                next += 3;
            }
            else if (Ascii.TryTwoDigits(s, next, out om))
            {
                next += 2;
            }

            offsetTicks = ((oh * 60) + om) * TimeSpan.TicksPerMinute * (s[pos] == '-' ? -1 : 1);
            pos = next;
        }
        else
        {
            return 0;
        }

        var local = new DateTime(year, month, day, h, m, Math.Min(sec, 59), DateTimeKind.Unspecified).Ticks + fraction;
        var ticks = local - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return 0;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return pos;
    }

    private static int ReadFraction(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        var i = 0;
        long scale = TimeSpan.TicksPerSecond;
        while (i < s.Length && Ascii.IsDigit(s[i]))
        {
            if (scale > 1)
            {
                scale /= 10;
                ticks += (s[i] - '0') * scale;
            }

            i++;
        }

        return i;
    }

    private static int MonthOf(byte a, byte b, byte c) => (a, b, c) switch
    {
        ((byte)'J', (byte)'a', (byte)'n') => 1,
        ((byte)'F', (byte)'e', (byte)'b') => 2,
        ((byte)'M', (byte)'a', (byte)'r') => 3,
        ((byte)'A', (byte)'p', (byte)'r') => 4,
        ((byte)'M', (byte)'a', (byte)'y') => 5,
        ((byte)'J', (byte)'u', (byte)'n') => 6,
        ((byte)'J', (byte)'u', (byte)'l') => 7,
        ((byte)'A', (byte)'u', (byte)'g') => 8,
        ((byte)'S', (byte)'e', (byte)'p') => 9,
        ((byte)'O', (byte)'c', (byte)'t') => 10,
        ((byte)'N', (byte)'o', (byte)'v') => 11,
        ((byte)'D', (byte)'e', (byte)'c') => 12,
        _ => 0,
    };
}
